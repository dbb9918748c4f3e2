"""An edition as an email: rendered once per language, then made personal by its unsubscribe link.

Every recipient gets the same text (the edition's frozen items); only the one-click unsubscribe
link differs. So the templates are rendered once per language with a placeholder for that link,
and each message swaps the placeholder for the recipient's own link: sending 20,000 emails does
not render the templates 20,000 times.

Each message has a stable Message-ID per delivery (`<newsletter.E.D@host>`): should a worker die
between the mail server accepting a message and the row being marked sent, the message sent again
has the same Message-ID, which many mail stores use to show it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from samenspel.core.emails import Email, render_email

from . import sections
from .models import Delivery, Edition

PLACEHOLDER = "https://unsubscribe.invalid/samenspel-newsletter/"
TEMPLATE = "newsletter/edition"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    headers: dict  # List-Unsubscribe and List-Unsubscribe-Post, with PLACEHOLDER


def web_url(edition: Edition) -> str:
    return settings.SITE_URL + reverse("newsletter:edition", args=[edition.pk])


def email_context(edition: Edition, shown) -> dict:
    return {"edition": edition, "sections": shown, "web_url": web_url(edition)}


def render(edition: Edition, language: str, shown=None) -> Rendered:
    """The edition's email in `language`, with PLACEHOLDER where the unsubscribe link goes."""
    if shown is None:
        shown = sections.shown_sections(edition)
    message = render_email(
        to="",
        template=TEMPLATE,
        context=email_context(edition, shown),
        language=language,
        list_unsubscribe=PLACEHOLDER,  # the headers and the footer link (samenspel.core.emails)
    )
    html, _mimetype = message.alternatives[0]
    return Rendered(subject=message.subject, text=message.body, html=html, headers=dict(message.extra_headers))


def message_id(delivery: Delivery) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "samenspel.localhost"
    return f"<newsletter.{delivery.edition_id}.{delivery.pk}@{host}>"


def personal_message(rendered: Rendered, *, to: str, unsubscribe_url: str, message_id: str) -> Email:
    headers = {name: value.replace(PLACEHOLDER, unsubscribe_url) for name, value in rendered.headers.items()}
    headers["Message-ID"] = message_id
    message = Email(
        subject=rendered.subject, body=rendered.text.replace(PLACEHOLDER, unsubscribe_url), to=[to], headers=headers
    )
    message.attach_alternative(rendered.html.replace(PLACEHOLDER, unsubscribe_url), "text/html")
    return message


class Renderer:
    """Renders an edition once per language and makes each recipient's message from it."""

    def __init__(self, edition: Edition):
        self.edition = edition
        self._shown = None
        self._by_language: dict[str, Rendered] = {}

    def rendered(self, language: str) -> Rendered:
        language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        if language not in self._by_language:
            if self._shown is None:
                self._shown = sections.shown_sections(self.edition)
            self._by_language[language] = render(self.edition, language, self._shown)
        return self._by_language[language]

    def message_for(self, delivery: Delivery) -> Email:
        from .services.audiences import unsubscribe_url

        url = unsubscribe_url(opt_in_id=delivery.opt_in_id, subscriber_id=delivery.subscriber_id)
        return personal_message(
            self.rendered(delivery.language), to=delivery.email, unsubscribe_url=url, message_id=message_id(delivery)
        )
