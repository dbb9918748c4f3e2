"""Demo data for the motion monitor: three-level scans, the four quarters of 2024, and every
quarter since then up to the last completed one (relative to today: on 6 December 2026 that is
Q3 2026, "K3 2026"), so the public dashboard always shows the last completed quarter.

`load_demo_section(ctx)` runs after the tandems demo (samenspel/demo/sections/__init__.py), so the three
buurtteam organisations already have their experts, trainings, tandems and enrolments. The
figures themselves are never typed here: closing a quarter counts them from that data.

The story of 2024:
- Buurtteams Noord-West is ahead: its board and team leaders commit early and embed the work by
  the autumn; a new expert joins in September and starts the training.
- Samen in de Buurt Zuid is slower: the board commits in the spring, the professionals follow;
  one tandem is paused.
- Buurtwerk Oost trains its own experts: its professionals move from aware to implementing. Its
  scan of the professionals in Q3 came a week after the quarter closed: a coordinator recorded it
  as a correction.

After 2024 the scans stay at their Q4 2024 steps; the figures are counted from the data as of
each quarter's last day.

Idempotent: an assessment is only written while its quarter is open; a closed quarter is left as
it is; the correction is recorded once.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samenspel.demo.base import COORDINATOR_EMAIL, DemoContext
from samenspel.monitor import services
from samenspel.monitor.models import Correction, LevelAssessment, Period

BNW = "buurtteams-noord-west"
SBZ = "samen-in-de-buurt-zuid"
BWO = "buurtwerk-oost"
QUARTERS = [(2024, 1), (2024, 2), (2024, 3), (2024, 4)]


def demo_quarters(today: dt.date | None = None) -> list[tuple[int, int]]:
    """2024 Q1 to Q4, then every quarter up to the last one that ended before `today`."""
    today = today or timezone.localdate()
    last = today.year * 4 + (today.month - 1) // 3 - 1  # the quarter before today's, as an index
    first = QUARTERS[0][0] * 4 + QUARTERS[0][1] - 1
    return [(i // 4, i % 4 + 1) for i in range(first, max(last, first + len(QUARTERS) - 1) + 1)]


# organisation -> level -> steps in Q1..Q4 (None: not filled in that quarter)
STEPS = {
    BNW: {"board": [3, 3, 4, 4], "team_leaders": [2, 3, 3, 4], "professionals": [2, 2, 3, 3]},
    SBZ: {"board": [1, 2, 2, 3], "team_leaders": [1, 1, 2, 2], "professionals": [1, 2, 2, 2]},
    BWO: {"board": [2, 3, 3, 3], "team_leaders": [2, 2, 3, 3], "professionals": [1, 2, None, 3]},
}

EXPLANATIONS = {
    "board": {
        1: ("Het bestuur kent de motie, maar er is nog geen besluit.", ""),
        2: ("Het bestuur heeft besloten in elk team een ervaringsdeskundige aan te nemen.", "Bestuursbesluit."),
        3: ("Er is budget voor ervaringsdeskundigen en het bestuur volgt de voortgang elk kwartaal.", "Begroting."),
        4: ("Ervaringsdeskundigheid staat in het meerjarenplan en in de functiebeschrijvingen.", "Meerjarenplan."),
    },
    "team_leaders": {
        1: ("De teamleiders weten wat de motie vraagt.", ""),
        2: ("De teamleiders maken met hun team een plan voor de inzet van ervaringskennis.", "Teamplannen."),
        3: ("In de teamoverleggen is ervaringskennis een vast punt. Tandems krijgen tijd.", "Agenda's."),
        4: ("Teamleiders sturen op werken in tandems; nieuwe collega's leren het vanaf dag één.", "Inwerkplan."),
    },
    "professionals": {
        1: ("De professionals hebben gehoord van de motie.", ""),
        2: ("Professionals melden zich aan voor een tandem.", "Aanmeldingen."),
        3: ("Professionals werken in tandems en volgen samen het Tandem Ontwikkel Traject.", "Deelnemerslijst."),
        4: ("Werken in tandems is gewoon geworden.", ""),
    },
}


def load_demo_section(ctx: DemoContext) -> None:
    organisations = {slug: ctx.organisations[slug] for slug in (BNW, SBZ, BWO) if slug in ctx.organisations}
    if len(organisations) < 3:
        return
    coordinator = ctx.members.get(COORDINATOR_EMAIL)
    today = timezone.localdate()
    for index, (year, quarter) in enumerate(demo_quarters(today)):
        period = services.get_or_create_period(year=year, quarter=quarter)
        if period.is_closed or period.ends_on >= today:
            continue
        for slug, levels in STEPS.items():
            organisation = organisations[slug]
            for level, steps in levels.items():
                step = steps[min(index, len(steps) - 1)]
                if step is None:
                    continue
                explanation, evidence = EXPLANATIONS[level][step]
                found = LevelAssessment.objects.filter(organisation=organisation, period=period, level=level).first()
                if found and (found.step, found.explanation, found.evidence) == (step, explanation, evidence):
                    continue
                services.save_assessment(
                    actor=coordinator,
                    organisation=organisation,
                    period=period,
                    level=level,
                    step=step,
                    explanation=explanation,
                    evidence=evidence,
                )
                ctx.changed += 1
        services.close_period(actor=coordinator, period=period, today=period.ends_on + dt.timedelta(days=1))
        ctx.created += 1
    q3 = Period.objects.get(year=2024, quarter=3)
    if not Correction.objects.filter(
        period=q3, organisation=organisations[BWO], indicator="level_professionals"
    ).exists():
        services.record_correction(
            actor=coordinator,
            period=q3,
            organisation=organisations[BWO],
            indicator="level_professionals",
            new_value="3",
            reason="De scan van de professionals kwam een week na het sluiten van het kwartaal binnen.",
        )
        ctx.created += 1
