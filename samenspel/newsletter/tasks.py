"""The newsletter's background tasks (django-tasks; see samenspel/core/tasks.py).

Their arguments are an edition's id only: no address, no text, no link (the task table is not
a place for personal data).
"""

from django_tasks import task


@task()
def queue_edition(*, edition_id: int) -> int:
    """Create the edition's deliveries (streamed, in bulk), then start the sending workers."""
    from .services.sending import queue_recipients, start_workers

    total = queue_recipients(edition_id)
    start_workers(edition_id)
    return total


@task()
def send_edition_batches(*, edition_id: int) -> dict:
    """One sending worker: batches until nothing is due (services/sending.py)."""
    from .services.sending import send_batches

    return send_batches(edition_id=edition_id)
