"""Demo data for the organisations' own data: experts by experience, their training, professionals, tandems.

`load_demo_section(ctx)` is listed in `samenspel/demo/sections/__init__.py` and runs after the core
sections, so the three buurtteam organisations, their teams and the demo members are in `ctx`.
After it, `load_trajectory_demo(ctx)` (samenspel/demo/sections/trajectory.py) enrols these
tandems in the Tandem Ontwikkel Traject.

The story, from 2021 to 2024 (so the monitor's quarters show a change):
- Buurtteams Noord-West started early: experts in four of five teams, most of them trained, three
  tandems at work and one that ended when the expert left; one new expert is still in training
  and looks for a tandem partner.
- Samen in de Buurt Zuid: "two teams have an expert by experience; the other teams are still
  looking": one expert left Buitenveldert in 2023, one tandem is paused.
- Buurtwerk Oost trains its own experts and lets them work in tandems: every expert is trained or
  in training, four tandems, and one new expert who is not (yet) a member of the platform.

Experts who are members are linked to their demo account (as if they accepted the link request);
the others have only initials and a reference. The demo coaches get the coach role from the
coordinator. Every person has an internal reference, so the data can be exported and imported again.
Idempotent: rows are found by natural keys (organisation + reference, expert + course, the two
partners + start date) and only changed when they differ. Everyone is invented.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.text import slugify

from samenspel.demo.base import COORDINATOR_EMAIL, EMAIL_DOMAIN, DemoContext, upsert
from samenspel.tandems.models import CoachRole, EmployedExpert, Professional, Tandem, Training
from samenspel.tandems.services.history import record_status

BNW = "buurtteams-noord-west"
SBZ = "samen-in-de-buurt-zuid"
BWO = "buurtwerk-oost"

BASIC_COURSE = "Opleiding ervaringsdeskundige (mbo niveau 4)"
ACADEMY_COURSE = "Ervaringsdeskundigheid in het buurtteam (Buurtteam Academie)"


def d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


# organisation, reference, team, member name (or None), initials, hours, started, ended,
# trainings [(course, started, completed, certificate)]
EXPERTS = [
    (BNW, "ED-BNW-01", "Buurtteam Noord-Oost", "kartrekker.buurtteams@", "E.M.", "28", "2021-10-01", None,
     [(BASIC_COURSE, "2021-09-06", "2022-06-30", "2022-07-08")]),
    (BNW, "ED-BNW-02", "Buurtteam Osdorp", "Mohamed Amrani", "M.A.", "24", "2022-04-01", None,
     [(BASIC_COURSE, "2022-09-05", "2023-06-30", "2023-07-10")]),
    (BNW, "ED-BNW-03", "Buurtteam De Baarsjes", "Dewi Hartono", "D.H.", "20", "2023-02-01", None,
     [(ACADEMY_COURSE, "2023-09-04", "2024-06-28", "2024-07-05")]),
    (BNW, "ED-BNW-04", "Buurtteam Geuzenveld-Slotermeer", "Gerda Bosman", "G.B.", "18", "2022-01-10", "2023-12-31",
     [(BASIC_COURSE, "2021-09-06", "2022-06-30", "2022-07-08")]),
    (BNW, "ED-BNW-05", "Buurtteam Noord-West", "Linda Pinas", "L.P.", "16", "2024-09-01", None,
     [(ACADEMY_COURSE, "2024-09-02", None, None)]),
    (SBZ, "ED-SBZ-01", "Buurtteam Centrum-Oost", "Rachid Ouali", "R.O.", "24", "2023-01-09", None,
     [(BASIC_COURSE, "2023-03-06", "2024-01-31", "2024-02-15")]),
    (SBZ, "ED-SBZ-02", "Buurtteam Rivierenbuurt", "Samira El Idrissi", "S.E.", "20", "2023-06-01", None,
     [(ACADEMY_COURSE, "2024-02-05", None, None)]),
    (SBZ, "ED-SBZ-03", "Buurtteam Buitenveldert", "Anouk Jansen", "A.J.", "16", "2022-05-01", "2023-03-31", []),
    (BWO, "ED-BWO-01", "Buurtteam Bijlmer-Centrum", "Kofi Owusu", "K.O.", "32", "2022-06-01", None,
     [(BASIC_COURSE, "2022-09-05", "2023-06-30", "2023-07-10")]),
    (BWO, "ED-BWO-02", "Buurtteam Indische Buurt", "Ilse Koster", "I.K.", "24", "2022-11-01", None,
     [(BASIC_COURSE, "2023-01-09", "2023-12-15", "2024-01-12")]),
    (BWO, "ED-BWO-03", "Buurtteam Gaasperdam", "Hakan Yilmaz", "H.Y.", "20", "2023-05-01", None,
     [(ACADEMY_COURSE, "2023-09-04", "2024-06-28", "2024-07-05")]),
    (BWO, "ED-BWO-04", "Buurtteam Watergraafsmeer", "Lisa Tjon A Fong", "L.T.", "18", "2023-10-02", None,
     [(ACADEMY_COURSE, "2024-02-05", None, None)]),
    (BWO, "ED-BWO-05", "Buurtteam Bijlmer-Centrum", None, "B.S.", "12", "2024-06-01", None, []),
]  # fmt: skip

# organisation, reference, team, member name (or None), initials
PROFESSIONALS = [
    (BNW, "PRO-BNW-01", "Buurtteam Noord-Oost", "Joost Hendriks", "J.H."),
    (BNW, "PRO-BNW-02", "Buurtteam Geuzenveld-Slotermeer", "Emre Yildiz", "E.Y."),
    (BNW, "PRO-BNW-03", "Buurtteam Osdorp", None, "P.K."),
    (BNW, "PRO-BNW-04", "Buurtteam De Baarsjes", None, "S.D."),
    (SBZ, "PRO-SBZ-01", "Buurtteam Centrum-Oost", "Nadia Benali", "N.B."),
    (SBZ, "PRO-SBZ-02", "Buurtteam Buitenveldert", "Vincent de Boer", "V.B."),
    (SBZ, "PRO-SBZ-03", "Buurtteam Rivierenbuurt", None, "T.H."),
    (BWO, "PRO-BWO-01", "Buurtteam Indische Buurt", "Gijs van der Linden", "G.L."),
    (BWO, "PRO-BWO-02", "Buurtteam Gaasperdam", "Ricardo Lopes", "R.L."),
    (BWO, "PRO-BWO-03", "Buurtteam Bijlmer-Centrum", None, "A.V."),
    (BWO, "PRO-BWO-04", "Buurtteam Watergraafsmeer", None, "M.O."),
]

ACTIVE, PAUSED, FORMING, ENDED = (
    Tandem.Status.ACTIVE,
    Tandem.Status.PAUSED,
    Tandem.Status.FORMING,
    Tandem.Status.ENDED,
)
# organisation, expert reference, professional reference, started, status, ended, coach name
TANDEMS = [
    (BNW, "ED-BNW-01", "PRO-BNW-01", "2022-09-01", ACTIVE, None, "Marloes Visser"),
    (BNW, "ED-BNW-02", "PRO-BNW-03", "2023-03-01", ACTIVE, None, "Marloes Visser"),
    (BNW, "ED-BNW-03", "PRO-BNW-04", "2023-10-02", ACTIVE, None, "Astrid Wijnands"),
    (BNW, "ED-BNW-04", "PRO-BNW-02", "2022-03-01", ENDED, "2023-12-31", "Marloes Visser"),
    (SBZ, "ED-SBZ-01", "PRO-SBZ-01", "2023-04-03", ACTIVE, None, "Latifa Chaoui"),
    (SBZ, "ED-SBZ-02", "PRO-SBZ-03", "2023-09-04", PAUSED, None, None),
    (SBZ, "ED-SBZ-03", "PRO-SBZ-02", "2022-06-01", ENDED, "2023-03-31", None),
    (BWO, "ED-BWO-01", "PRO-BWO-03", "2022-10-03", ACTIVE, None, "Stephanie Wong"),
    (BWO, "ED-BWO-02", "PRO-BWO-01", "2023-01-16", ACTIVE, None, "Stephanie Wong"),
    (BWO, "ED-BWO-03", "PRO-BWO-02", "2023-09-04", ACTIVE, None, "Astrid Wijnands"),
    (BWO, "ED-BWO-04", "PRO-BWO-04", "2023-12-04", FORMING, None, "Stephanie Wong"),
]


def _member(ctx: DemoContext, name: str | None):
    if name is None:
        return None
    if name.endswith("@"):
        return ctx.member(f"{name}{EMAIL_DOMAIN}")
    return ctx.member(f"{slugify(name).replace('-', '.')}@{EMAIL_DOMAIN}")


def load_organisation_data(ctx: DemoContext) -> None:
    experts: dict[str, EmployedExpert] = {}
    for slug, reference, team, member, initials, hours, started, ended, trainings in EXPERTS:
        organisation = ctx.organisations[slug]
        expert = upsert(
            ctx,
            EmployedExpert,
            {"organisation": organisation, "internal_reference": reference},
            {
                "team": ctx.teams[team],
                "member": _member(ctx, member),
                "initials": initials,
                "hours_per_week": Decimal(hours),
                "started_on": d(started),
                "ended_on": d(ended),
            },
        )
        experts[reference] = expert
        for course, course_started, completed, certificate in trainings:
            upsert(
                ctx,
                Training,
                {"expert": expert, "course": course},
                {"started_on": d(course_started), "completed_on": d(completed), "certificate_on": d(certificate)},
            )
    professionals: dict[str, Professional] = {}
    for slug, reference, team, member, initials in PROFESSIONALS:
        professionals[reference] = upsert(
            ctx,
            Professional,
            {"organisation": ctx.organisations[slug], "internal_reference": reference},
            {"team": ctx.teams[team], "member": _member(ctx, member), "initials": initials},
        )
    coordinator = ctx.member(COORDINATOR_EMAIL)
    for coach in sorted({row[-1] for row in TANDEMS if row[-1]}):
        # Coaches are members with the coach role, which a coordinator gives.
        upsert(ctx, CoachRole, {"member": _member(ctx, coach)}, {}, create_only={"granted_by": coordinator})
    for slug, expert_ref, professional_ref, started, status, ended, coach in TANDEMS:
        expert = experts[expert_ref]
        tandem = upsert(
            ctx,
            Tandem,
            {"expert": expert, "professional": professionals[professional_ref], "started_on": d(started)},
            {
                "organisation": ctx.organisations[slug],
                "team": expert.team,
                "status": status,
                "ended_on": d(ended),
                "coach": _member(ctx, coach),
            },
        )
        record_status(tandem)


def load_demo_section(ctx: DemoContext) -> None:
    load_organisation_data(ctx)
