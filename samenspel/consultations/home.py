"""Consultations on the home page (registered with samenspel.core.home): rounds whose comments wait for
an outcome (coordinators), and open rounds a member may comment on, with their closing time."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspel.core.home import Item, first

from . import access
from .models import Round, RoundInvitee, Version


def rounds_to_answer(user, scope) -> list[Item]:
    """Closed rounds without a published reactienota: comments without an outcome, or a reactienota
    ready to publish. One query."""
    rounds, more = first(
        Round.objects.filter(closes_at__lte=timezone.now(), reactienota_published_at__isnull=True)
        .annotate(
            total=Count("comments", filter=Q(comments__withdrawn_at__isnull=True)),
            open=Count("comments", filter=Q(comments__withdrawn_at__isnull=True, comments__outcome="")),
        )
        .filter(total__gt=0)
        .only("title", "closes_at")
        .order_by("closes_at", "id")
    )
    items = []
    for round_ in rounds:
        if round_.open:
            items.append(
                Item(
                    title=_("Outcomes for %(round)s") % {"round": round_.title},
                    url=reverse("consultations:outcomes", args=[round_.pk]),
                    text=ngettext(
                        "%(count)s comment has no outcome yet.", "%(count)s comments have no outcome yet.", round_.open
                    )
                    % {"count": round_.open},
                    count=round_.open,
                )
            )
        else:
            items.append(
                Item(
                    title=_("Publish the reactienota of %(round)s") % {"round": round_.title},
                    url=reverse("consultations:reactienota", args=[round_.pk]),
                    text=_("Every comment has an outcome."),
                )
            )
    if more:
        items.append(Item(title=_("More rounds to answer"), url=reverse("consultations:round_list")))
    return items


def rounds_open_to_me(user, scope) -> list[Item]:
    """Open rounds the member is invited to or may comment on as a member, soonest closing first. One query."""
    now = timezone.now()
    invited = RoundInvitee.objects.filter(round=OuterRef("pk"), member=user)
    rounds, more = first(
        Round.objects.filter(opens_at__lte=now, closes_at__gt=now, version__status=Version.Status.PUBLISHED)
        .annotate(invited=Exists(invited))
        .filter(
            Q(invited=True)
            | Q(audience__in=[Round.Audience.MEMBERS, Round.Audience.EVERYONE])
            | Q(audience=Round.Audience.CIRCLE, version__document__circle__in=access.member_circle_ids(user))
        )
        .only("title", "closes_at")
        .order_by("closes_at", "id")
    )
    items = [
        Item(
            title=round_.title,
            url=reverse("consultations:round_detail", args=[round_.pk]),
            text=_("You are invited to comment.") if round_.invited else _("You can comment as a member."),
            when=round_.closes_at,
            when_label=_("Closes"),
        )
        for round_ in rounds
    ]
    if more:
        items.append(Item(title=_("More open rounds"), url=reverse("consultations:round_list")))
    return items
