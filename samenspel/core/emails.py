"""Emails rendered in the recipient's language, plain text and HTML, sent by a task worker.

The task queue is a database table, so what is queued must hold no secrets: no rendered body,
no link with a token. `send_templated_email` queues only the template, the recipient, the
language and a context of plain values and *references* to rows (app label and id). The worker
fetches the rows again and renders the email when it sends it, so the text is current too.

An email with a link that opens something (a registration's confirm/cancel link) names a
`build` function, marked with `@email_builder`. It runs at send time, with the fetched context,
and returns the links and attachments. When the link's token cannot be made again from the
database (only its hash is stored there), the caller passes it as `secret`: it is stored
encrypted with a key derived from SECRET_KEY (`seal`), so a copy of the database alone opens no
link. allauth's emails (password reset key, login code, address confirmation) do not use the
queue at all: see `site.adapter`.

An email that is not strictly transactional (a notification, a summary, a newsletter) carries a
one-click unsubscribe (RFC 8058): its builder returns the unsubscribe URL under the key
`LIST_UNSUBSCRIBE` ("list_unsubscribe"), built at send time (the URL holds a signed token, see
`core.unsubscribe`). The email then gets the headers `List-Unsubscribe: <url>` and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click`, and a footer with the link in both parts.

Finished task rows are removed daily by `manage.py prune_db_task_results` (docs/production.md).
"""

import base64
import datetime
import email.message
import hashlib
import logging
from collections.abc import Callable
from email.header import Header

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# An attachment is (filename, text content, mimetype): small texts such as an .ics invitation.
# The mimetype may carry parameters: "text/calendar; charset=utf-8; method=REQUEST".
Attachment = tuple[str, str, str]

# What a build function returns: extra context (links) and attachments.
Extras = tuple[dict, list[Attachment]]

# The key of the extras under which a builder returns the one-click unsubscribe URL (RFC 8058).
LIST_UNSUBSCRIBE = "list_unsubscribe"


def email_builder(func: Callable[..., Extras]) -> Callable[..., Extras]:
    """Mark a function as one the worker may call to finish an email (see the module docstring)."""
    func.is_email_builder = True
    return func


# --- secrets, encrypted ----------------------------------------------------------------------


def _fernet() -> Fernet:
    digest = hashlib.sha256(f"samenspel.core.emails.seal:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def unseal(sealed: str) -> str | None:
    """The secret, or None when it was sealed with another SECRET_KEY (then the email is not sent)."""
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None


# --- context: plain values and references to rows ------------------------------------------


def _pack(value):
    if isinstance(value, models.Model):
        return {"$model": value._meta.label_lower, "pk": value.pk}
    if isinstance(value, datetime.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, list | tuple):
        return [_pack(each) for each in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"Cannot queue a {type(value).__name__} in an email context; pass a row or a plain value.")


class _Gone(Exception):
    """A row the email is about was deleted before it was sent."""


def _unpack(value):
    if isinstance(value, dict):
        if "$model" in value:
            row = apps.get_model(value["$model"])._base_manager.filter(pk=value["pk"]).first()
            if row is None:
                raise _Gone(value["$model"])
            return row
        if "$datetime" in value:
            return datetime.datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return datetime.date.fromisoformat(value["$date"])
    if isinstance(value, list):
        return [_unpack(each) for each in value]
    return value


# --- the message ------------------------------------------------------------------------------


class Email(EmailMultiAlternatives):
    """Django's email with two repairs (Django 5.2; its newer email API makes them unneeded).

    - A long subject with non-ASCII letters: Django encodes it without room for "Subject: ", so
      the line is folded right after the colon and mail programs show a leading space. Here it is
      encoded knowing the header's name.
    - An attachment's mimetype keeps its parameters (`method=REQUEST` on a text/calendar part,
      RFC 6047), instead of folding them into the subtype.
    """

    def message(self):
        message = super().message()
        if not self.subject.isascii():
            del message["Subject"]
            # Past Django's __setitem__, which would encode the header again its own way.
            email.message.Message.__setitem__(message, "Subject", Header(self.subject, "utf-8", header_name="Subject"))
        return message

    def _create_mime_attachment(self, content, mimetype):
        mimetype, *parameters = (part.strip() for part in mimetype.split(";"))
        attachment = super()._create_mime_attachment(content, mimetype)
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "charset":
                continue  # a text part gets its charset from Django already
            attachment.set_param(key.strip(), value.strip())
        return attachment


# --- queue and send ---------------------------------------------------------------------------


def send_templated_email(
    *,
    to: str,
    template: str,
    context: dict,
    language: str = "nl",
    build: str | None = None,
    secret: str | None = None,
) -> None:
    """Queue `emails/<template>` for `to`; it is rendered in `language` when the worker sends it.

    `context` holds plain values (text, numbers, dates) and rows (stored by id). `build` is the
    dotted path of an `@email_builder` function for links and attachments; `secret` (a token)
    reaches it at send time and is stored only encrypted.
    """
    kwargs = {
        "to": to,
        "template": template,
        "language": language or "nl",
        "context": {key: _pack(value) for key, value in context.items()},
        "build": build,
        "sealed": seal(secret) if secret else None,
    }
    from .tasks import send_queued_email

    enqueue_with_transaction(lambda: send_queued_email.enqueue(**kwargs))


def enqueue_with_transaction(enqueue) -> None:
    """Queue a task so that it exists only if the caller's transaction commits.

    With the queue in a table of this database (django-tasks-db, the default) the task's row is
    written inside the transaction: it commits or rolls back with the data, and a write costs one
    commit instead of two (the mixed run of `make bench`, docs/performance.md). With any other
    queue (Redis, or tasks run at once) it is queued when the transaction commits.
    """
    from django.db import connection
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    if connection.in_atomic_block and isinstance(task_backends["default"], DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def list_unsubscribe_headers(url: str) -> dict[str, str]:
    """The headers of a one-click unsubscribe (RFC 8058; RFC 2369 for List-Unsubscribe).

    The URL must be https (a mail program POSTs `List-Unsubscribe=One-Click` to it, without a
    login and without a confirmation page) and must not break the header: no spaces or angle brackets.
    """
    if not url.startswith(("https://", "http://")) or any(char in url for char in "<> \r\n\t,"):
        raise ValueError("A List-Unsubscribe URL must be an absolute http(s) URL without spaces or brackets.")
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def render_email(
    *,
    to: str,
    template: str,
    context: dict,
    language: str,
    attachments=(),
    list_unsubscribe: str | None = None,
) -> EmailMultiAlternatives:
    """Render `emails/<template>_subject.txt`, `.txt` and `.html` in `language`.

    Every `.html` extends `emails/base.html` (language, title = the subject, the network's name).
    With `list_unsubscribe` (an absolute URL) the email gets the RFC 8058 headers and a footer
    with the link (`emails/unsubscribe_footer.txt` after the text; `emails/base.html` in the HTML).
    """
    context = {"site_url": settings.SITE_URL, "network_name": settings.NETWORK_NAME, **context}
    headers = {}
    if list_unsubscribe:
        headers = list_unsubscribe_headers(list_unsubscribe)
        context[LIST_UNSUBSCRIBE] = list_unsubscribe
    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
        body = render_to_string(f"emails/{template}.txt", context)
        if list_unsubscribe:
            body = body.rstrip("\n") + "\n\n" + render_to_string("emails/unsubscribe_footer.txt", context)
        html_body = render_to_string(f"emails/{template}.html", {**context, "subject": subject})
    message = Email(subject=subject, body=body, to=[to], headers=headers)
    message.attach_alternative(html_body, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message


def deliver(
    *, to: str, template: str, language: str, context: dict, build: str | None = None, sealed: str | None = None
) -> str:
    """Build and send one queued email (the task's body). Returns what happened, without content."""
    try:
        context = {key: _unpack(value) for key, value in context.items()}
    except _Gone as gone:
        logger.info("Email %s not sent: a %s it is about was deleted.", template, gone)
        return "skipped"
    attachments: list[Attachment] = []
    if build:
        builder = import_string(build)
        if not getattr(builder, "is_email_builder", False):
            raise ValueError(f"{build} is not an email builder")
        secret = unseal(sealed) if sealed else None
        if sealed and secret is None:
            logger.warning("Email %s not sent: its link was sealed with another SECRET_KEY.", template)
            return "skipped"
        with translation.override(language):
            extra, attachments = builder(context=context, secret=secret)
        context = {**context, **extra}
    list_unsubscribe = context.pop(LIST_UNSUBSCRIBE, None)
    render_email(
        to=to,
        template=template,
        context=context,
        language=language,
        attachments=attachments,
        list_unsubscribe=list_unsubscribe,
    ).send()
    return "sent"
