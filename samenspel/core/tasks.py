from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks import task

# An attachment is (filename, text content, mimetype): small texts such as an .ics invitation.
Attachment = tuple[str, str, str]


@task()
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str | None = None,
    from_email: str | None = None,
    attachments: list[Attachment] | None = None,
) -> None:
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()


def queue_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str | None = None,
    from_email: str | None = None,
    attachments: list[Attachment] | None = None,
) -> None:
    """Send an email from a background worker once the current transaction has committed."""
    transaction.on_commit(
        lambda: send_email.enqueue(
            to=to, subject=subject, body=body, html_body=html_body, from_email=from_email, attachments=attachments
        )
    )
