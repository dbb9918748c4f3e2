"""Emails rendered in the recipient's language, plain text and HTML, sent by a task worker."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import Attachment, queue_email


def send_templated_email(
    *, to: str, template: str, context: dict, language: str = "nl", attachments: list[Attachment] | None = None
) -> None:
    """Render `emails/<template>_subject.txt`, `.txt` and `.html` in `language` and queue the email."""
    context = {"site_url": settings.SITE_URL, "network_name": settings.NETWORK_NAME, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
        body = render_to_string(f"emails/{template}.txt", context)
        html_body = render_to_string(f"emails/{template}.html", context)
    queue_email(to=[to], subject=subject, body=body, html_body=html_body, attachments=attachments)
