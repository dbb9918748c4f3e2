"""Matching, only with consent: which open opportunities fit a member, and how many members fit one.

An opportunity fits a member when all of these hold (docs/opportunities.md, "Matching"):

- the member is approved and active and has an active opt-in (`MatchingOptIn.withdrawn_at` empty);
- for "Kansen voor jou": the opportunity is published, its `respond_by` is today or later, and the
  member may read it (approved members read public and members-only ones alike);
- themes: the opportunity asks for none, or for at least one of the member's themes;
- kind: the opt-in's `kinds` is 0 (every kind) or has the opportunity's `kind_bit`;
- days: either side is 0 (no fixed days, any day) or they share a day (bitwise AND);
- hours: either side is empty, or the opportunity's `monthly_hours` ≤ the opt-in's `hours_per_month`;
- where: the opportunity is online and the member is fine with online; or it has no area; or the
  member chose no areas; or its area is one of theirs.

Every rule is SQL (bitwise AND with `F().bitand()`, `IN`/`Exists` subqueries on the many-to-many
tables, uncorrelated where they are OR-ed, so PostgreSQL hashes them once instead of running them
per row: a correlated one made the planner's estimate so high that it switched on JIT
compilation, which cost 0.9 s a count at 20,000 members), so each read is a fixed number of queries whatever the number of members or
opportunities, and nothing loops over members in Python. Nothing is stored: a withdrawn opt-in,
a changed wish or a changed theme counts on the next read.

The members' `theme_visibility` plays no part: the opt-in is the consent. Nothing read here is
shown to anyone but the member: the poster gets a number only, and below MIN_SHOWN not even that.
"""

import math

from django.db.models import Case, Exists, F, IntegerField, Q, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspel.core.roles import is_approved_member
from samenspel.members.models import Member

from ..access import visible_opportunities
from ..models import MatchingOptIn, Opportunity, kind_bit

# The many-to-many tables the rules read.
MemberThemes = Member.themes.through
OpportunityThemes = Opportunity.themes.through
OptInAreas = MatchingOptIn.areas.through

# Below this many, the poster reads "fewer than 5": a small number could point at a person.
MIN_SHOWN = 5


def active_opt_in(member) -> MatchingOptIn | None:
    """The member's active choice for invitations, or None. One query."""
    if not getattr(member, "pk", None):
        return None
    return MatchingOptIn.objects.filter(member=member, withdrawn_at__isnull=True).first()


def kinds_in(bits: int) -> list[str]:
    """The Opportunity.Kind values whose bit is set in `bits` (the opt-in's `kinds`)."""
    return [kind for kind in Opportunity.Kind.values if bits & kind_bit(kind)]


def open_opportunities(today=None) -> QuerySet[Opportunity]:
    """Published and still open for responses (the index `opportunity_listing`)."""
    today = today or timezone.localdate()
    return Opportunity.objects.filter(status=Opportunity.Status.PUBLISHED, respond_by__gte=today)


def _kind_bit_column() -> Case:
    """The opportunity's `kind_bit` as an SQL expression (a CASE over the kinds)."""
    whens = [When(kind=kind, then=Value(kind_bit(kind))) for kind in Opportunity.Kind.values]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def opportunities_for(member, *, today=None) -> QuerySet[Opportunity]:
    """The open opportunities that fit `member` ("Kansen voor jou"), soonest deadline first.

    One query, with or without an opt-in: the member's active choice is read inside it (scalar
    subqueries on the partial unique index of active choices); without one nothing is found.
    """
    if not is_approved_member(member):
        return Opportunity.objects.none()
    choice = MatchingOptIn.objects.filter(member_id=member.pk, withdrawn_at__isnull=True)
    found = (visible_opportunities(member) & open_opportunities(today)).alias(
        my_choice=Subquery(choice.values("pk")[:1]),
        my_kinds=Subquery(choice.values("kinds")[:1]),
        my_days=Subquery(choice.values("days")[:1]),
        my_hours=Subquery(choice.values("hours_per_month")[:1]),
        my_online=Subquery(choice.values("online_ok")[:1]),
    )
    found = found.filter(my_choice__isnull=False)
    # Themes: none asked, or one of the member's.
    mine = MemberThemes.objects.filter(member_id=member.pk).values("theme_id")
    found = found.filter(
        ~Q(pk__in=OpportunityThemes.objects.values("opportunity_id"))
        | Q(pk__in=OpportunityThemes.objects.filter(theme_id__in=mine).values("opportunity_id"))
    )
    # Kind, days, hours: 0 or empty on the member's side (or the opportunity's) is fine.
    found = found.alias(
        wanted_kind=_kind_bit_column().bitand(F("my_kinds")), shared_days=F("days").bitand(F("my_days"))
    ).filter(
        Q(my_kinds=0) | Q(wanted_kind__gt=0),
        Q(days=0) | Q(my_days=0) | Q(shared_days__gt=0),
        Q(monthly_hours__isnull=True) | Q(my_hours__isnull=True) | Q(monthly_hours__lte=F("my_hours")),
    )
    # Where: online and fine with it; no area; no areas chosen; or one of theirs.
    chosen_areas = OptInAreas.objects.filter(
        matchingoptin__member_id=member.pk, matchingoptin__withdrawn_at__isnull=True
    )
    found = found.filter(
        Q(is_online=True, my_online=True)
        | Q(area__isnull=True)
        | ~Exists(chosen_areas)
        | Q(area_id__in=chosen_areas.values("area_id"))
    )
    return found.select_related("area").order_by("respond_by", "id")


def matching_opt_ins(opportunity: Opportunity) -> QuerySet[MatchingOptIn]:
    """The active opt-ins (one per member) of approved, active members whom `opportunity` fits.

    By the opportunity's own values, whatever its state: on a draft it says who would fit once it is
    published. The same rules as `opportunities_for`, seen from the other side; one query.
    """
    opt_ins = MatchingOptIn.objects.filter(
        withdrawn_at__isnull=True, member__status=Member.Status.APPROVED, member__is_active=True
    )
    opt_ins = opt_ins.alias(wanted_kind=F("kinds").bitand(kind_bit(opportunity.kind))).filter(
        Q(kinds=0) | Q(wanted_kind__gt=0)
    )
    if opportunity.days:
        opt_ins = opt_ins.alias(shared_days=F("days").bitand(opportunity.days)).filter(Q(days=0) | Q(shared_days__gt=0))
    if opportunity.monthly_hours is not None:
        # Whole hours on the member's side: h >= 8.5 exactly when h >= 9 (the lookup would round 8.5 down).
        hours = math.ceil(opportunity.monthly_hours)
        opt_ins = opt_ins.filter(Q(hours_per_month__isnull=True) | Q(hours_per_month__gte=hours))
    if opportunity.area_id is not None:
        chosen_areas = OptInAreas.objects.values("matchingoptin_id")
        where = ~Q(pk__in=chosen_areas) | Q(pk__in=chosen_areas.filter(area_id=opportunity.area_id))
        if opportunity.is_online:
            where |= Q(online_ok=True)
        opt_ins = opt_ins.filter(where)
    asked = OpportunityThemes.objects.filter(opportunity_id=opportunity.pk).values("theme_id")
    theirs = MemberThemes.objects.filter(theme_id__in=asked).values("member_id")
    return opt_ins.filter(~Exists(asked) | Q(member_id__in=theirs))


def match_count(opportunity: Opportunity) -> int:
    """How many members `opportunity` fits. One query."""
    return matching_opt_ins(opportunity).count()


def match_summary(count: int) -> str:
    """What the poster reads: "14 people fit this", or "fewer than 5" for 0 to 4."""
    if count < MIN_SHOWN:
        return _("Fewer than %(minimum)d people fit this.") % {"minimum": MIN_SHOWN}
    return ngettext("%(count)d person fits this.", "%(count)d people fit this.", count) % {"count": count}
