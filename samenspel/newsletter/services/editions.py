"""Writes about editions: start one and ask the kartrekkers, remind them, edit, schedule, start sending."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from samenspel.core import cache_version
from samenspel.core.audit import log_action
from samenspel.core.emails import send_templated_email
from samenspel.lib.markdown import render_markdown

from .. import sections, selectors
from ..errors import AlreadySent, EditionClosed, NoRecipients, NotInTheFuture
from ..models import Edition, UpdateRequest

EDITION_FIELDS = ("title", "issue_date", "deadline", "introduction", "audience", "circle", "visibility")
REMIND_BEFORE = dt.timedelta(days=2)  # the reminder goes out two days before the deadline


def _clean_fields(fields: dict) -> dict:
    values = {name: fields[name] for name in EDITION_FIELDS if name in fields}
    if values.get("audience") and values["audience"] != Edition.Audience.CIRCLE:
        values["circle"] = None
    if "introduction" in values:
        values["introduction_html"] = render_markdown(values["introduction"])
    return values


@transaction.atomic
def create_edition(*, actor, **fields) -> Edition:
    """A coordinator starts an edition; the kartrekkers of its circles are asked for their update."""
    edition = Edition.objects.create(**_clean_fields(fields), sections=sections.default_order(), created_by=actor)
    asked = ask_for_updates(edition=edition)
    log_action(actor=actor, action="newsletter.edition.created", target=edition, data={"requests": asked})
    return edition


def _locked_open(edition: Edition) -> Edition:
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if not locked.is_open:
        raise EditionClosed
    return locked


@transaction.atomic
def edit_edition(*, edition: Edition, actor, order: list[dict] | None = None, **fields) -> Edition:
    """Change the text, the date, the audience or the order of the sections, while it is prepared."""
    locked = _locked_open(edition)
    values = _clean_fields(fields)
    if order is not None:
        values["sections"] = [{"key": entry["key"], "show": bool(entry["show"])} for entry in order]
    changed = [name for name, value in values.items() if getattr(locked, name) != value]
    for name in changed:
        setattr(locked, name, values[name])
    if changed:
        locked.save(update_fields=[*changed, "updated_at"])
        log_action(
            actor=actor,
            action="newsletter.edition.changed",
            target=locked,
            data={"fields": sorted(name for name in changed if name != "introduction_html")},
        )
    if "audience" in changed or "circle" in changed:
        ask_for_updates(edition=locked)
    return locked


# --- asking the kartrekkers --------------------------------------------------------------------


def request_url(request: UpdateRequest) -> str:
    return settings.SITE_URL + reverse("newsletter:request", args=[request.pk])


def _email_leads(requests: list[UpdateRequest], template: str) -> int:
    """One email to each kartrekker of each request's circle; returns how many went out."""
    by_circle = {request.circle_id: request for request in requests}
    sent = 0
    for lead in selectors.leads_of(list(by_circle)):
        request = by_circle[lead.circle_id]
        send_templated_email(
            to=lead.member.email,
            template=template,
            context={
                "lead": lead.member,
                "circle": request.circle,
                "edition": request.edition,
                "request_url": request_url(request),
            },
            language=lead.member.preferred_language,
        )
        sent += 1
    return sent


def ask_for_updates(*, edition: Edition) -> int:
    """Make a request for each circle the edition gathers that has none yet, and email its kartrekkers.

    Asking again asks only circles that were not asked (a new circle, or a changed audience).
    Returns the number of new requests.
    """
    asked = set(edition.requests.values_list("circle_id", flat=True))
    new = [
        UpdateRequest(edition=edition, circle=circle)
        for circle in selectors.circles_to_ask(edition)
        if circle.pk not in asked
    ]
    if not new:
        return 0
    UpdateRequest.objects.bulk_create(new, ignore_conflicts=True)
    cache_version.bump(f"edition:{edition.pk}")  # no signals: the kartrekkers' home pages list them
    created = list(
        edition.requests.filter(circle_id__in=[request.circle.pk for request in new], update__isnull=True)
        .select_related("circle", "edition")
        .order_by("circle_id")
    )
    _email_leads(created, "newsletter/update_request")
    return len(created)


def send_reminders(now: dt.datetime | None = None) -> int:
    """Remind the kartrekkers whose update is still missing, once, two days before the deadline.

    Run daily (management command send_newsletter_reminders). Returns the number of requests reminded.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        due = list(
            UpdateRequest.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                update__isnull=True,
                reminded_at__isnull=True,
                edition__status__in=[Edition.Status.DRAFT, Edition.Status.SCHEDULED],
                edition__deadline__gte=today,
                edition__deadline__lte=today + REMIND_BEFORE,
                circle__is_active=True,
            )
            .select_related("circle", "edition")
        )
        if not due:
            return 0
        UpdateRequest.objects.filter(pk__in=[request.pk for request in due]).update(reminded_at=now)
        _email_leads(due, "newsletter/update_reminder")
        for request in due:
            log_action(
                actor=None,
                action="newsletter.request.reminded",
                target=request.edition,
                data={"circle": request.circle_id},
            )
    return len(due)


# --- sending: now or later ---------------------------------------------------------------------


@transaction.atomic
def schedule(*, edition: Edition, actor, when: dt.datetime) -> Edition:
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.is_frozen:
        raise AlreadySent(locked)
    if when <= timezone.now():
        raise NotInTheFuture
    if not selectors.has_recipients(locked):
        raise NoRecipients
    locked.status, locked.scheduled_for = Edition.Status.SCHEDULED, when
    locked.save(update_fields=["status", "scheduled_for", "updated_at"])
    log_action(actor=actor, action="newsletter.edition.scheduled", target=locked, data={"at": when.isoformat()})
    return locked


@transaction.atomic
def unschedule(*, edition: Edition, actor) -> Edition:
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.is_frozen:
        raise AlreadySent(locked)
    if locked.status == Edition.Status.SCHEDULED:
        locked.status, locked.scheduled_for = Edition.Status.DRAFT, None
        locked.save(update_fields=["status", "scheduled_for", "updated_at"])
        log_action(actor=actor, action="newsletter.edition.unscheduled", target=locked)
    return locked


@transaction.atomic
def start_sending(*, edition: Edition, actor, now: dt.datetime | None = None) -> Edition:
    """Freeze the edition and queue it for its audience. A second call is refused (`AlreadySent`).

    The edition row is locked, so of two coordinators pressing "send" at once, one sends and the
    other is told it was sent. The recipients are queued by a task after the commit (`sending`).
    """
    from ..tasks import queue_edition

    now = now or timezone.now()
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.is_frozen:
        raise AlreadySent(locked)
    if not selectors.has_recipients(locked):
        raise NoRecipients
    sections.freeze(locked, now)
    locked.status = Edition.Status.SENDING
    locked.sending_started_at = now
    locked.sent_by = actor if getattr(actor, "pk", None) else None
    locked.save(update_fields=["status", "sending_started_at", "sent_by", "updated_at"])
    log_action(actor=actor, action="newsletter.edition.sending", target=locked, data={"audience": locked.audience})
    edition_id = locked.pk
    transaction.on_commit(lambda: queue_edition.enqueue(edition_id=edition_id))
    return locked


def start_due(now: dt.datetime | None = None) -> int:
    """Start the scheduled editions whose time has come (run every few minutes). Returns how many."""
    now = now or timezone.now()
    started = 0
    due = Edition.objects.filter(status=Edition.Status.SCHEDULED, scheduled_for__lte=now).order_by("scheduled_for")
    for edition in due:
        try:
            start_sending(edition=edition, actor=None, now=now)
        except AlreadySent:
            continue
        except NoRecipients:
            with transaction.atomic():
                Edition.objects.filter(pk=edition.pk, status=Edition.Status.SCHEDULED).update(
                    status=Edition.Status.DRAFT, scheduled_for=None
                )
                log_action(actor=None, action="newsletter.edition.not_sent_no_recipients", target=edition)
            continue
        started += 1
    return started
