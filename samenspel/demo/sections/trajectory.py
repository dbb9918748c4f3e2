"""Demo data for the Tandem Ontwikkel Traject: the trajectory, its four modules, sessions (as
meetings of the network: a first round in 2024 that took place, and a new round planned), the
demo tandems enrolled with attendance, modules done, a completed tandem and a few reflections.

`load_trajectory_demo(ctx)` runs right after the tandems demo section (samenspel/demo/sections/tandems.py),
after the organisations' experts, professionals and tandems exist. It is idempotent, like the rest
of the demo: rows are found by natural keys and only changed when they differ.
"""

from __future__ import annotations

import datetime as dt

from samenspel.demo.base import COORDINATOR_EMAIL, DemoContext, at, upsert
from samenspel.meetings.models import Meeting, Visibility
from samenspel.tandems.models import (
    Enrolment,
    Module,
    ModuleProgress,
    Reflection,
    SessionAttendance,
    Tandem,
    Trajectory,
    TrajectorySession,
)

SLUG = "tandem-ontwikkel-traject"
TITLE = "Tandem Ontwikkel Traject"
DESCRIPTION = """In dit traject leren een ervaringsdeskundige en een buurtteamprofessional **samen**, als tandem.
Zo vraagt de motie van de gemeenteraad het: de leertrajecten van de buurtteams volg je samen.

Het traject heeft vier modules. Bij elke module hoort een bijeenkomst met alle tandems.
Na elke module schrijven jullie allebei een korte reflectie. Die is van jullie en je coach,
tenzij je hem deelt. Wie alle modules heeft gedaan, krijgt een certificaat."""

MODULES = [
    (
        "Kennismaken als tandem",
        "Jullie kennen elkaars kracht, ervaring en grenzen. Jullie maken afspraken over hoe je samenwerkt.",
        "- Oefening: mijn verhaal in vijf minuten\n- Werkblad *Afspraken in onze tandem*",
    ),
    (
        "Ervaringskennis in het buurtteam",
        "Jullie weten hoe ervaringskennis helpt in het werk met bewoners, en waar het soms schuurt.",
        "- Het Werkkader van de buurtteams (versie 2), hoofdstuk over ervaringskennis\n- Casus: de brief van de deurwaarder",
    ),
    (
        "Samen naast de bewoner",
        "Jullie voeren samen gesprekken met bewoners en bespreken die na: wat deed de ervaringskennis?",
        "- Gespreksleidraad voor tandems\n- Oefenen met een acteur",
    ),
    (
        "Terugblikken en doorgeven",
        "Jullie vertellen het team en de teamleider wat jullie hebben geleerd, en wat de organisatie kan veranderen.",
        "- Vorm: een korte presentatie in het teamoverleg",
    ),
]

LED_BY = "Trainersduo van de Buurtteam Academie (een ervaringsdeskundige en een trainer)"
PLACE = "Buurtteam Academie, Amsterdam"
# The first round (took place) and the next round (planned), one session per module.
FIRST_ROUND = [at(2024, 2, 13, 13), at(2024, 4, 9, 13), at(2024, 6, 11, 13), at(2024, 9, 10, 13)]
NEXT_ROUND = [at(2027, 2, 9, 13), at(2027, 4, 13, 13), at(2027, 6, 8, 13), at(2027, 9, 14, 13)]
ENROLLED_ON = dt.date(2024, 1, 15)
# How many modules each enrolled tandem has done, in the order of the tandems (the first completed).
MODULES_DONE = [4, 4, 3, 2, 2, 1, 1, 0]

REFLECTIONS = {
    Reflection.Partner.EXPERT: (
        "Ik merkte dat ik mijn verhaal kan vertellen zonder alles te vertellen. "
        "Dat gaf rust. Ik wil oefenen met zeggen wat ik níet deel.",
        True,
    ),
    Reflection.Partner.PROFESSIONAL: (
        "Ik dacht dat ik goed luisterde. Mijn tandempartner liet zien hoe vaak ik al een oplossing had "
        "voordat de bewoner klaar was met praten.",
        False,
    ),
}


def _sessions(ctx: DemoContext, trajectory: Trajectory, modules: list[Module]) -> list[list[TrajectorySession]]:
    coordinator = ctx.members.get(COORDINATOR_EMAIL)
    per_module = []
    for module, first, nxt in zip(modules, FIRST_ROUND, NEXT_ROUND, strict=True):
        sessions = []
        for starts_at, status in ((first, Meeting.Status.HELD), (nxt, Meeting.Status.PUBLISHED)):
            meeting = upsert(
                ctx,
                Meeting,
                {"title": f"{trajectory.title}: {module.title}", "starts_at": starts_at},
                {
                    "circle": None,
                    "description": module.goal,
                    "ends_at": starts_at + dt.timedelta(hours=3),
                    "location": PLACE,
                    "capacity": 30,
                    "visibility": Visibility.MEMBERS,
                    "status": status,
                },
                create_only={"created_by": coordinator},
            )
            sessions.append(upsert(ctx, TrajectorySession, {"meeting": meeting}, {"module": module, "led_by": LED_BY}))
        per_module.append(sessions)
    return per_module


def load_trajectory_demo(ctx: DemoContext) -> Trajectory:
    trajectory = upsert(
        ctx, Trajectory, {"slug": SLUG}, {"title": TITLE, "description": DESCRIPTION, "is_active": True}
    )
    modules = [
        upsert(ctx, Module, {"trajectory": trajectory, "position": position}, {"title": t, "goal": g, "materials": m})
        for position, (t, g, m) in enumerate(MODULES, start=1)
    ]
    sessions = _sessions(ctx, trajectory, modules)

    demo_organisations = [o.pk for o in ctx.organisations.values()]
    tandems = list(
        Tandem.objects.filter(organisation_id__in=demo_organisations)
        .exclude(status=Tandem.Status.ENDED)
        .select_related("expert", "professional")
        .order_by("organisation__name", "started_on", "pk")
    )
    for index, tandem in enumerate(tandems[: len(MODULES_DONE)]):
        enrolment = upsert(ctx, Enrolment, {"tandem": tandem, "trajectory": trajectory}, {"enrolled_on": ENROLLED_ON})
        done = MODULES_DONE[index]
        for position, module in enumerate(modules, start=1):
            held = sessions[position - 1][0]
            if position <= done + 1:  # they came to the sessions of the modules they did, and the next one
                upsert(
                    ctx,
                    SessionAttendance,
                    {"session": held, "enrolment": enrolment},
                    # In the module after the last one done, the professional could not come.
                    {"expert_present": True, "professional_present": position <= done},
                )
            if position <= done:
                upsert(
                    ctx,
                    ModuleProgress,
                    {"enrolment": enrolment, "module": module},
                    {"completed_on": held.meeting.starts_at.date() + dt.timedelta(days=14)},
                )
        if index == 0:
            for partner, (text, shared) in REFLECTIONS.items():
                person = tandem.expert if partner == Reflection.Partner.EXPERT else tandem.professional
                upsert(
                    ctx,
                    Reflection,
                    {"enrolment": enrolment, "module": modules[0], "partner": partner},
                    {"text": text, "is_shared": shared, "author_id": person.member_id},
                )
        completed_on = (
            max(ModuleProgress.objects.filter(enrolment=enrolment).values_list("completed_on", flat=True))
            if done == len(modules)
            else None
        )
        if enrolment.completed_on != completed_on:
            enrolment.completed_on = completed_on
            enrolment.save(update_fields=["completed_on"])
    return trajectory
