"""Background tasks. Their arguments and return values are stored in the database (django-tasks-db):
never put a rendered email, a token or a link in them (see `samenspel.core.emails`)."""

from django_tasks import task


@task()
def send_queued_email(
    *, to: str, template: str, language: str, context: dict, build: str | None = None, sealed: str | None = None
) -> str:
    """Render and send one email queued by `samenspel.core.emails.send_templated_email`."""
    from .emails import deliver

    return deliver(to=to, template=template, language=language, context=context, build=build, sealed=sealed)
