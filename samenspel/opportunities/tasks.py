"""The opportunities' background tasks (django-tasks; see samenspel/core/tasks.py).

Their arguments are an opportunity's id only: no address, no name, no text.
"""

from django_tasks import task


@task()
def invite_matching_members(*, opportunity_id: int) -> int:
    """Tell the members a newly published opportunity fits (services/matching.py, in chunks)."""
    from .services.matching import invite_matches

    return invite_matches(opportunity_id)
