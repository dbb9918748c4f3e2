"""The newsletter's section "Opportunities" (registered with samenspel.newsletter.sections):
opportunities published since the previous edition was sent, open for responses, that the
edition's readers may see (a public edition: public ones only)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.newsletter import sections
from samenspel.newsletter.models import Edition

from .models import Opportunity

SINCE = dt.timedelta(days=62)  # without an earlier edition: the last two months


def gather_opportunities(edition: Edition, now: dt.datetime) -> list[sections.Item]:
    previous = (
        Edition.objects.filter(status=Edition.Status.SENT, issue_date__lt=edition.issue_date)
        .exclude(pk=edition.pk)
        .order_by("-issue_date", "-id")
        .values_list("sent_at", flat=True)
        .first()
    )
    since = previous or (now - SINCE)
    opportunities = Opportunity.objects.filter(
        status=Opportunity.Status.PUBLISHED,
        published_at__gt=since,
        published_at__lte=now,
        respond_by__gte=timezone.localdate(now),
    )
    if edition.visibility == Edition.Visibility.PUBLIC:
        opportunities = opportunities.filter(audience=Opportunity.Audience.PUBLIC)
    opportunities = opportunities.order_by("respond_by", "id")[: sections.MAX_ITEMS]
    return [
        sections.Item(
            title=opportunity.title,
            url=reverse("opportunities:detail", args=[opportunity.pk]),
            note=f"{opportunity.get_kind_display()} · {opportunity.offered_by}",
        )
        for opportunity in opportunities
    ]


def register() -> None:
    sections.register(
        sections.Section(
            key="opportunities",
            heading=_("Opportunities"),
            gather=gather_opportunities,
            position=50,
        )
    )
