"""Figures of what opportunities realised: per quarter for the monitor, per circle for its page.

A person counts once per quarter: a member by their account, someone without an account (or a
member who deleted their data) per row. Counted by the quarter of `ended_on`.
"""

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils.translation import gettext_lazy as _

from ..models import Opportunity, RealisedWork, Response

PAID_WORK_KEY = "paid_work_experts"
PAID_WORK = "paid-work"  # the cache version bumped by realised work (cache_keys.py)
SHOWN_STATES = (Opportunity.Status.PUBLISHED, Opportunity.Status.CLOSED, Opportunity.Status.FILLED)


def paid_work_per_quarter(quarters: list[tuple[int, int]]) -> dict[tuple[int, int], dict]:
    """Paid work realised by experts by experience: {(year, quarter): {people, hours, fees}}. One query."""
    if not quarters:
        return {}
    years = {year for year, _quarter in quarters}
    rows = (
        RealisedWork.objects.filter(by_expert=True, ended_on__year__in=years)
        .annotate(year=ExtractYear("ended_on"), quarter=ExtractQuarter("ended_on"))
        .values("year", "quarter")
        .annotate(
            members=Count("member", distinct=True),
            without_account=Count("pk", filter=Q(member__isnull=True)),
            hours=Sum("hours"),
            fees=Sum("fee"),
        )
        .order_by()
    )
    wanted = set(quarters)
    return {
        (row["year"], row["quarter"]): {
            "people": row["members"] + row["without_account"],
            "hours": row["hours"],
            "fees": row["fees"],
        }
        for row in rows
        if (row["year"], row["quarter"]) in wanted
    }


def monitor_table():
    """The monitor's table of paid work (registered in apps.py)."""
    from samenspel.monitor.extra_figures import Measure, Table

    return Table(
        key=PAID_WORK_KEY,
        title=_("Paid work realised for experts by experience, per quarter"),
        caption=_("People, hours and pay per closed quarter, all organisations and circles together"),
        explanation=_(
            "Paid jobs and assignments found through the network's opportunities, as the posters "
            "recorded them: the number of experts by experience who did the work, their hours and what "
            "they were paid, in the quarter the work ended. Fewer than 5 people: not shown."
        ),
        measures=(
            Measure("people", _("Experts by experience"), "people"),
            Measure("hours", _("Hours"), "hours"),
            Measure("fees", _("Paid (euros)"), "euros"),
        ),
        compute=paid_work_per_quarter,
        cache_keys=(PAID_WORK,),
        position=10,
    )


def circle_figures(circle_id: int) -> dict | None:
    """A circle's own figures: opportunities posted for it, people chosen, hours and fees realised
    (everyone, with or without an account). None when it has no opportunities. Two queries."""
    counts = Opportunity.objects.filter(circle_id=circle_id, status__in=SHOWN_STATES).aggregate(
        posted=Count("pk", distinct=True),
        chosen=Count(
            "responses__member",
            filter=Q(responses__status=Response.Status.CHOSEN),
            distinct=True,
        ),
    )
    if not counts["posted"]:
        return None
    realised = RealisedWork.objects.filter(opportunity__circle_id=circle_id).aggregate(
        members=Count("member", distinct=True),
        without_account=Count("pk", filter=Q(member__isnull=True)),
        hours=Sum("hours"),
        fees=Sum("fee"),
    )
    return {
        "posted": counts["posted"],
        "chosen": counts["chosen"],
        "people_realised": realised["members"] + realised["without_account"],
        "hours": realised["hours"] or 0,
        "fees": realised["fees"] or 0,
    }
