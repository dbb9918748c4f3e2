"""The sections of an edition, and the place where a new part of the platform adds one.

A section is a heading and a list of `Item`s gathered from the data for one edition. The
built-in ones are the circles' updates (what the kartrekkers wrote for the edition), upcoming
meetings, open consultation rounds and published meeting reports. Each gathers only what the
edition's readers may see: a public edition shows public meetings, rounds and reports; a
members-only edition also those for members; a circle's edition also that circle's own meetings.

**Extension point.** Another app adds its section (the opportunities of "vraag en aanbod", say)
in its `AppConfig.ready()`:

    from samenspel.newsletter import sections
    sections.register(sections.Section(key="opportunities", heading=_("Opportunities"),
                                       gather=my_gatherer, position=50))

`gather(edition, now)` returns a list of `Item` (one query, please); the section is shown with
`newsletter/sections/items.html` on the site and `emails/newsletter/items.html` / `.txt` in the
email, unless it names its own templates. Existing editions show a new section at the end; the coordinator can move or hide it.

While an edition is prepared its sections are gathered live; when sending starts, `freeze`
stores the items (`EditionItem`), so the email and the permanent page stay as they were sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Edition, EditionItem

MAX_ITEMS = 12  # per section: a newsletter points to the site, it does not copy it
MEETINGS_AHEAD = dt.timedelta(days=62)
REPORTS_SINCE = dt.timedelta(days=62)  # without an earlier edition: reports of the last two months


@dataclass(frozen=True)
class Item:
    """One entry of a section: the same names as `EditionItem`, so templates take either."""

    title: str
    url: str = ""  # a path on this site
    body_html: str = ""  # sanitised HTML (Markdown rendered by samenspel.lib.markdown)
    body_text: str = ""  # the Markdown it came from: the plain-text email shows it
    when: dt.datetime | None = None
    until: dt.datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    heading: str | Promise
    gather: Callable[[Edition, dt.datetime], list[Item]]
    position: int = 100  # the default order of a new edition
    # What a reader sees when the section has no items (None: the section is left out).
    empty: str | Promise | None = None
    template: str = "newsletter/sections/items.html"  # on the site
    email_template: str = "emails/newsletter/items.html"
    text_template: str = "emails/newsletter/items.txt"
    kind: str = field(default="")  # how items.html shows the items: "update", "meeting", "round", "report"


_registry: dict[str, Section] = {}


def register(section: Section) -> None:
    """Add a section (or replace one with the same key)."""
    _registry[section.key] = section


def registered() -> list[Section]:
    return sorted(_registry.values(), key=lambda section: (section.position, section.key))


def get(key: str) -> Section | None:
    return _registry.get(key)


def default_order() -> list[dict]:
    return [{"key": section.key, "show": True} for section in registered()]


def order_of(edition: Edition) -> list[tuple[Section, bool]]:
    """Every registered section with whether it is shown, in the edition's order (new ones at the end)."""
    listed, seen = [], set()
    for entry in edition.sections or []:
        section = get(entry.get("key", "")) if isinstance(entry, dict) else None
        if section is not None and section.key not in seen:
            listed.append((section, bool(entry.get("show", True))))
            seen.add(section.key)
    listed += [(section, True) for section in registered() if section.key not in seen]
    return listed


def _start(edition: Edition, now: dt.datetime) -> dt.datetime:
    """From when the edition's readers look ahead: now, or the morning of its date if that is later."""
    day = dt.datetime.combine(edition.issue_date, dt.time.min, tzinfo=timezone.get_current_timezone())
    return max(now, day)


# --- the built-in sections ----------------------------------------------------------------------


def gather_updates(edition: Edition, now: dt.datetime) -> list[Item]:
    """The updates the kartrekkers wrote (or chose) for this edition, in the circles' order."""
    requests = edition.requests.filter(update__isnull=False)
    if edition.circle_id:  # a circle's own edition (its audience may have changed after the requests)
        requests = requests.filter(circle_id=edition.circle_id)
    requests = requests.select_related("update", "circle").order_by("circle__position", "circle__name")
    return [
        Item(
            title=request.update.title,
            url=reverse("circles:detail", args=[request.circle.slug]),
            body_html=request.update.body_html,
            body_text=request.update.body,
            when=request.update.published_at,
            note=request.circle.name,
        )
        for request in requests
    ]


def gather_meetings(edition: Edition, now: dt.datetime) -> list[Item]:
    """Published meetings of the next two months that the edition's readers may see."""
    from samenspel.meetings.models import Meeting, Visibility

    start = _start(edition, now)
    readable = Q(visibility=Visibility.PUBLIC)
    if edition.visibility == Edition.Visibility.MEMBERS:
        readable |= Q(visibility=Visibility.MEMBERS)
        if edition.circle_id:
            readable |= Q(visibility=Visibility.CIRCLE, circle_id=edition.circle_id)
    meetings = Meeting.objects.filter(
        readable, status=Meeting.Status.PUBLISHED, starts_at__gte=start, starts_at__lt=start + MEETINGS_AHEAD
    )
    if edition.circle_id:
        meetings = meetings.filter(Q(circle_id=edition.circle_id) | Q(circle__isnull=True))
    meetings = meetings.select_related("circle").order_by("starts_at", "id")[:MAX_ITEMS]
    return [
        Item(
            title=meeting.title,
            url=reverse("meetings:detail", args=[meeting.pk]),
            when=meeting.starts_at,
            until=meeting.ends_at,
            note=meeting.circle.name if meeting.circle_id else "",
        )
        for meeting in meetings
    ]


def gather_rounds(edition: Edition, now: dt.datetime) -> list[Item]:
    """Consultation rounds that are open when the edition arrives and its readers may comment on."""
    from samenspel.consultations.models import Round, Version

    start = _start(edition, now)
    rounds = Round.objects.filter(
        version__status=Version.Status.PUBLISHED, opens_at__lte=start + dt.timedelta(days=1), closes_at__gt=start
    )
    if edition.visibility == Edition.Visibility.PUBLIC:
        rounds = rounds.filter(audience=Round.Audience.EVERYONE, version__document__is_public=True)
    else:
        rounds = rounds.filter(audience__in=[Round.Audience.EVERYONE, Round.Audience.MEMBERS])
    rounds = rounds.select_related("version__document").order_by("closes_at", "id")[:MAX_ITEMS]
    return [
        Item(
            title=round_.title,
            url=reverse("consultations:round_detail", args=[round_.pk]),
            when=round_.opens_at,
            until=round_.closes_at,
            note=round_.version.document.title,
        )
        for round_ in rounds
    ]


def gather_reports(edition: Edition, now: dt.datetime) -> list[Item]:
    """Meeting reports published since the previous edition was sent (or in the last two months)."""
    from samenspel.meetings.models import Report, Visibility

    previous = (
        Edition.objects.filter(status=Edition.Status.SENT, issue_date__lt=edition.issue_date)
        .exclude(pk=edition.pk)
        .order_by("-issue_date", "-id")
        .values_list("sent_at", flat=True)
        .first()
    )
    since = previous or (now - REPORTS_SINCE)
    readable = [Visibility.PUBLIC]
    if edition.visibility == Edition.Visibility.MEMBERS:
        readable.append(Visibility.MEMBERS)
    reports = Report.objects.filter(
        published_at__isnull=False, published_at__gt=since, published_at__lte=now, visibility__in=readable
    )
    if edition.circle_id:
        reports = reports.filter(Q(meeting__circle_id=edition.circle_id) | Q(meeting__circle__isnull=True))
    reports = reports.select_related("meeting__circle").order_by("-published_at", "-id")[:MAX_ITEMS]
    return [
        Item(
            title=report.meeting.title,
            url=reverse("meetings:report", args=[report.meeting_id]),
            when=report.meeting.starts_at,
            note=report.meeting.circle.name if report.meeting.circle_id else "",
        )
        for report in reports
    ]


def register_builtin() -> None:
    register(
        Section(
            key="updates",
            heading=_("News from the circles"),
            gather=gather_updates,
            position=10,
            empty=_("No circle has sent an update yet."),
            kind="update",
        )
    )
    register(
        Section(
            key="meetings",
            heading=_("Upcoming meetings"),
            gather=gather_meetings,
            position=20,
            empty=_("There are no meetings planned for the coming two months yet."),
            kind="meeting",
        )
    )
    register(
        Section(
            key="rounds",
            heading=_("Give your opinion"),
            gather=gather_rounds,
            position=30,
            kind="round",
        )
    )
    register(
        Section(key="reports", heading=_("Reports of meetings"), gather=gather_reports, position=40, kind="report")
    )


# --- the sections of one edition -----------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A section as an edition shows it: its heading and its items."""

    section: Section
    items: list

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def heading(self):
        return self.section.heading


def shown_sections(edition: Edition, now: dt.datetime | None = None) -> list[Shown]:
    """The sections the edition shows, in its order: frozen items once sending started, else live."""
    now = now or timezone.now()
    if edition.is_frozen:
        by_section: dict[str, list] = {}
        for item in edition.items.all():
            by_section.setdefault(item.section, []).append(item)
        result = []
        for section, show in order_of(edition):
            if show and (by_section.get(section.key) or section.empty is not None):
                result.append(Shown(section, by_section.get(section.key, [])))
        return result
    result = []
    for section, show in order_of(edition):
        if not show:
            continue
        items = section.gather(edition, now)
        if items or section.empty is not None:
            result.append(Shown(section, items))
    return result


@transaction.atomic
def freeze(edition: Edition, now: dt.datetime | None = None) -> int:
    """Store what the edition shows now as its items (once; called when sending starts)."""
    if edition.items.exists():
        return 0
    rows, position = [], 0
    for section, show in order_of(edition):
        if not show:
            continue
        for item in section.gather(edition, now or timezone.now()):
            position += 1
            rows.append(
                EditionItem(
                    edition=edition,
                    section=section.key,
                    position=position,
                    title=item.title[:300],
                    url=item.url[:500],
                    body_html=item.body_html,
                    body_text=item.body_text,
                    when=item.when,
                    until=item.until,
                    note=item.note[:300],
                )
            )
    EditionItem.objects.bulk_create(rows)
    return len(rows)
