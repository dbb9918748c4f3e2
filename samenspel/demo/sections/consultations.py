"""Demo consultations: the concept advice of seed 000 and the Werkkader of the buurtteams, as data.

`load_demo_section(ctx)` is listed in `samenspel/demo/sections/__init__.py` and runs after the core
and meetings sections, so the demo members and the meeting of 8 February are there. Like the
rest of the demo it is idempotent: documents are found by slug, versions by document + number,
paragraph identities by a fixed uuid made from the document and a short name, paragraphs by
version + identity, rounds by version + title, comments by round + text; only differing fields
are saved.

- "Advies aan de gemeente: ervaringsdeskundigen in de buurtteams" (seed 000, rewritten): the
  concept (version 1) went to members for reactions from 10 January to 15 February 2022. The
  round has eight remarks: on the platform (by name, by role and one anonymous), one by email
  and one from the meeting "Samenspel in de stad" (entered by the coordinator). Every remark
  has an outcome and a reason; adopted ones link to the paragraphs of the renewed version 2
  (February 2022). The reactienota is published.
- "Werkkader ervaringsdeskundigheid in de buurtteams": versions 1.1 and 2, with edited, added,
  removed and moved paragraphs, so the diff shows every kind of change. Version 2 is open for
  comments by members (dates follow today: opened a week ago, closes in three weeks).

Every person is invented. The remarks are fictional; the seed names real people, who do not appear.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from samenspel.consultations.models import (
    Comment,
    CommentSupport,
    Document,
    Paragraph,
    ParagraphKey,
    Question,
    Round,
    Version,
)
from samenspel.demo.base import COORDINATOR_EMAIL, EMAIL_DOMAIN, DemoContext, at, upsert
from samenspel.meetings.models import Meeting

# Paragraph identities get a fixed uuid, so a second run finds the same ones.
KEY_NAMESPACE = uuid.UUID("6f1c2d52-8d1e-4c4b-9a57-3a0c1e5d2b10")

H = Paragraph.Kind.HEADING
P = Paragraph.Kind.PARAGRAPH


@dataclass(frozen=True)
class Para:
    name: str  # the paragraph's identity within its document, kept from version to version
    text: str
    kind: str = P
    level: int = 0


def heading(name: str, text: str) -> Para:
    return Para(name, text, H, 2)


# --------------------------------------------------------------------------------------
# The concept advice (seed 000, rewritten) and its renewed version
# --------------------------------------------------------------------------------------

ADVICE_SLUG = "advies-ervaringsdeskundigen-buurtteams"
ADVICE_TITLE = "Advies aan de gemeente: ervaringsdeskundigen in de buurtteams"
ADVICE_SUMMARY = (
    "Het advies van het netwerk aan de gemeente over de inzet van ervaringsdeskundigen in de "
    "buurtteams. Het concept ging naar de leden voor reacties. In februari 2022 volgde het vernieuwde advies."
)

ADVICE_V1 = [
    heading("inleiding", "Inleiding"),
    Para(
        "aanleiding",
        "De gemeente gaf het netwerk een opdracht: versterk de ervaringsdeskundigen in de buurtteams. "
        "In de Kring Buurtteams Bondgenoten deelden ervaringsdeskundigen een jaar lang hun ervaringen. "
        "Dit advies bundelt die ervaringen met een eerder advies van het netwerk.",
    ),
    Para(
        "leefwereld",
        "Ervaringsdeskundigen helpen de buurtteams om aan te sluiten bij de leefwereld van de Amsterdammer. "
        "Zij weten uit eigen ervaring hoe het is om hulp te vragen, en wat dan helpt.",
    ),
    heading("visie", "Een gedeelde visie in de stad"),
    Para(
        "visie-1",
        "Elke buurtteamorganisatie werkt nu op een eigen manier met ervaringsdeskundigen. "
        "Wij adviseren om samen één visie op ervaringsdeskundigheid te maken, voor de hele stad.",
    ),
    Para(
        "drie-niveaus",
        "Die visie moet gedragen worden door de directie, de teamleiders en de professionals. "
        "Alleen als de drie niveaus samen veranderen, krijgt ervaringskennis een vaste plek.",
    ),
    heading("randvoorwaarden", "Randvoorwaarden in de stad"),
    Para(
        "functie",
        "Ervaringsdeskundigen krijgen een eigen functieprofiel en een betaalde baan, "
        "met dezelfde rechten als andere professionals in het team.",
    ),
    Para("scholing", "De gemeente betaalt de opleiding van ervaringsdeskundigen."),
    Para(
        "intervisie",
        "Ervaringsdeskundigen krijgen tijd voor intervisie met andere ervaringsdeskundigen, "
        "ook buiten hun eigen organisatie.",
    ),
    heading("tandem", "Het Tandem Ontwikkel Traject"),
    Para(
        "tandem-1",
        "Een ervaringsdeskundige en een buurtteamprofessional werken samen als tandem. "
        "Zij volgen samen de leertrajecten van de buurtteams.",
    ),
    Para("monitor", "Het netwerk volgt elk jaar hoe het gaat met de ervaringsdeskundigen in de buurtteams."),
]

_ADVICE_V2_TEXT = {
    "aanleiding": (
        "De gemeente gaf het netwerk een opdracht: versterk de ervaringsdeskundigen in de buurtteams. "
        "In de Kring Buurtteams Bondgenoten deelden ervaringsdeskundigen een jaar lang hun ervaringen. "
        "Dit advies bundelt die ervaringen met een eerder advies van het netwerk. Direct betrokkenen "
        "reageerden op het concept, en de inzichten van de bijeenkomst van 8 februari 2022 zijn verwerkt."
    ),
    "scholing": (
        "De gemeente betaalt de opleiding van ervaringsdeskundigen en de begeleiding op de werkplek. "
        "Ervaringsdeskundigen volgen de opleiding in werktijd."
    ),
    "monitor": (
        "Het netwerk volgt elk jaar hoe het gaat met de ervaringsdeskundigen in de buurtteams. "
        "De uitkomsten zijn openbaar. Het netwerk bespreekt ze met de gemeente en de buurtteamorganisaties."
    ),
}
TEAMLEIDERS = Para(
    "teamleiders",
    "Teamleiders krijgen een training in het werken met ervaringsdeskundigen. "
    "Zij zorgen dat ervaringskennis een vaste plek krijgt in het teamoverleg.",
)


def _advice_v2() -> list[Para]:
    paragraphs = []
    for para in ADVICE_V1:
        text = _ADVICE_V2_TEXT.get(para.name, para.text)
        paragraphs.append(Para(para.name, text, para.kind, para.level))
        if para.name == "drie-niveaus":
            paragraphs.append(TEAMLEIDERS)
    return paragraphs


ADVICE_V2 = _advice_v2()

ADVICE_ROUND_TITLE = "Reacties op het concept-advies"
ADVICE_ROUND_INTRODUCTION = (
    "Dit is het eerste concept van ons advies aan de gemeente. Wat vind je ervan? "
    "Reageer op een alinea of op het hele advies. Heb je liever dat we je naam niet tonen? "
    "Kies dan 'alleen mijn rol' of 'anoniem'."
)
ADVICE_ROUND_QUESTIONS = ["Mist er iets in dit advies?"]

ADOPTED, PARTLY, NOT_ADOPTED = Comment.Outcome.ADOPTED, Comment.Outcome.PARTLY, Comment.Outcome.NOT_ADOPTED
COVERED, OUT_OF_SCOPE = Comment.Outcome.COVERED, Comment.Outcome.OUT_OF_SCOPE
NAME, ROLE, ANONYMOUS = Comment.Display.NAME, Comment.Display.ROLE, Comment.Display.ANONYMOUS


@dataclass(frozen=True)
class Remark:
    paragraph: str | None  # name of the paragraph in version 1; None: the advice as a whole
    body: str
    outcome: str
    reason: str
    changed: tuple[str, ...] = ()  # names of the paragraphs of version 2 that changed
    author: str = ""  # a demo member's address (local part); empty for remarks entered on behalf
    display: str = NAME
    source: str = Comment.Source.PLATFORM
    submitter_name: str = ""
    submitter_role: str = ""
    supporters: tuple[str, ...] = ()
    day: int = 20  # January 2022


ADVICE_REMARKS = [
    Remark(
        "scholing",
        "Alleen de opleiding betalen is niet genoeg. Wie net begint, heeft ook begeleiding nodig op het werk.",
        ADOPTED,
        "We hebben de begeleiding op de werkplek toegevoegd.",
        ("scholing",),
        author="mohamed.amrani",
        supporters=("dewi.hartono", "ilse.koster", "marco.rossi"),
        day=12,
    ),
    Remark(
        "scholing",
        "Zorg dat de opleiding in werktijd kan. Nu doen veel mensen het in hun vrije tijd, naast hun werk.",
        ADOPTED,
        "",
        ("scholing",),
        author="dewi.hartono",
        display=ROLE,
        supporters=("mohamed.amrani",),
        day=14,
    ),
    Remark(
        "drie-niveaus",
        "In mijn team weet de teamleider niet goed wat ik doe. Begin daarom bij de teamleiders.",
        PARTLY,
        "We hebben een alinea toegevoegd over een training voor teamleiders. "
        "Een aparte aanpak per team past niet in een advies voor de hele stad.",
        ("teamleiders",),
        author="anouk.jansen",
        display=ANONYMOUS,
        supporters=("kartrekker.buurtteams", "kofi.owusu"),
        day=18,
    ),
    Remark(
        "functie",
        "Noem ook het salaris. Ervaringsdeskundigen verdienen nu vaak minder dan collega's met hetzelfde werk.",
        COVERED,
        "Dit staat al in de alinea: 'dezelfde rechten als andere professionals in het team'. Het salaris hoort daarbij.",
        author="joost.hendriks",
        day=21,
    ),
    Remark(
        "leefwereld",
        "Denk ook aan Amsterdammers die de taal nog niet goed spreken.",
        OUT_OF_SCOPE,
        "Een belangrijk punt, maar dit advies gaat over de inzet van ervaringsdeskundigen. "
        "We brengen het in bij de Kring Armoede en Bestaanszekerheid.",
        author="piotr.nowak",
        day=25,
    ),
    Remark(
        "monitor",
        "Deel de uitkomsten van de monitor ook met de ervaringsdeskundigen zelf.",
        PARTLY,
        "De uitkomsten worden openbaar, dus iedereen kan ze lezen. We bespreken ze met de gemeente en "
        "de organisaties; een aparte bijeenkomst voor ervaringsdeskundigen staat niet in dit advies.",
        ("monitor",),
        author="ramona.sedney",
        day=27,
    ),
    Remark(
        "tandem-1",
        "Een tandem werkt alleen als beide collega's er tijd voor krijgen. Zet dat in het advies.",
        NOT_ADOPTED,
        "De tijd voor de tandem regelen de buurtteamorganisaties in hun eigen werkplannen. "
        "Dit advies gaat over wat de gemeente regelt.",
        source=Comment.Source.EMAIL,
        submitter_name="Bas de Wit",
        submitter_role="Een teamleider van een buurtteam",
        display=ROLE,
        day=31,
    ),
    Remark(
        None,
        "De groepen vroegen om meer aandacht voor de teamleiders, en om te laten zien wat er met de "
        "reacties op het concept is gedaan.",
        ADOPTED,
        "We hebben de alinea over de teamleiders toegevoegd. De inleiding zegt nu hoe het concept tot stand kwam, "
        "en deze reactienota laat zien wat we met elke reactie deden.",
        ("teamleiders", "aanleiding"),
        source=Comment.Source.MEETING,
        submitter_name="Deelnemers van 'Samenspel in de stad'",
        day=39,
    ),
]

# --------------------------------------------------------------------------------------
# The Werkkader of the buurtteams: versions 1.1 and 2
# --------------------------------------------------------------------------------------

FRAMEWORK_SLUG = "werkkader-ervaringsdeskundigheid-buurtteams"
FRAMEWORK_TITLE = "Werkkader ervaringsdeskundigheid in de buurtteams"
FRAMEWORK_SUMMARY = (
    "Hoe ervaringsdeskundigen in de Amsterdamse buurtteams werken. Een levend document: "
    "het netwerk past het aan als de praktijk verandert."
)

FRAMEWORK_V1 = [
    heading("doel", "Waar dit werkkader voor is"),
    Para(
        "doel-1",
        "Dit werkkader beschrijft hoe ervaringsdeskundigen in de Amsterdamse buurtteams werken. "
        "Het is een levend document: het netwerk past het aan als de praktijk verandert.",
    ),
    heading("rol", "De rol van de ervaringsdeskundige"),
    Para(
        "rol-1",
        "De ervaringsdeskundige zet de eigen ervaring in om bewoners te steunen. "
        "Hij of zij doet dat naast de andere professionals in het team.",
    ),
    Para("rol-2", "De ervaringsdeskundige brengt ook kennis in bij het team, bijvoorbeeld in het teamoverleg."),
    heading("samenwerking", "Samenwerken in het team"),
    Para("samen-1", "De ervaringsdeskundige en een collega vormen een tandem. Zij bespreken samen hun casussen."),
    Para("samen-2", "De teamleider plant elk kwartaal een gesprek over de inzet van ervaringskennis."),
    heading("opleiding", "Opleiding"),
    Para("opleiding-1", "Ervaringsdeskundigen hebben een opleiding tot ervaringsdeskundige gevolgd, of volgen die."),
    Para("amm", "Het werkkader sluit aan bij de Amsterdamse Maatwerk Methode."),
]

FRAMEWORK_V2 = [
    heading("doel", "Waar dit werkkader voor is"),
    Para(
        "doel-1",
        "Dit werkkader beschrijft hoe ervaringsdeskundigen in de Amsterdamse buurtteams werken. "
        "Het sluit aan bij de Amsterdamse Maatwerk Methode. Versie 2 maakten we samen met de Kring "
        "Buurtteams Bondgenoten.",
    ),
    Para("okt", "Ook de Ouder- en Kindteams kunnen met dit werkkader werken."),
    heading("rol", "De rol van de ervaringsdeskundige"),
    Para(
        "rol-1",
        "De ervaringsdeskundige zet de eigen ervaring in om bewoners te steunen, "
        "naast de andere professionals in het team.",
    ),
    Para("rol-2", "De ervaringsdeskundige brengt ook kennis in bij het team, bijvoorbeeld in het teamoverleg."),
    heading("opleiding", "Opleiding"),
    Para("opleiding-1", "Ervaringsdeskundigen hebben een opleiding tot ervaringsdeskundige gevolgd, of volgen die."),
    heading("samenwerking", "Samenwerken in het team"),
    Para(
        "samen-1",
        "De ervaringsdeskundige en een collega vormen een tandem. Zij bespreken samen hun casussen "
        "en volgen samen het leertraject van de buurtteams.",
    ),
    Para("samen-2", "De teamleider plant elk kwartaal een gesprek over de inzet van ervaringskennis."),
]

FRAMEWORK_ROUND_TITLE = "Meepraten over werkkader 2"
FRAMEWORK_ROUND_INTRODUCTION = (
    "Werkkader 2 is klaar. Werk je in een buurtteam of een Ouder- en Kindteam? Laat weten of het klopt met je werk."
)
FRAMEWORK_ROUND_QUESTIONS = ["Wat mist er in het werkkader?", "Welke alinea is niet duidelijk?"]
FRAMEWORK_REMARKS = [
    ("okt", "Fijn dat de Ouder- en Kindteams erbij komen. Noem ook de jeugdbescherming?", "linda.pinas", NAME),
    ("samen-2", "Elk kwartaal is weinig. In ons team praten we er elke maand over.", "samira.el.idrissi", ROLE),
]


# --------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------


def _address(local: str) -> str:
    return local if "@" in local else f"{local}@{EMAIL_DOMAIN}"


def _document(ctx: DemoContext, *, slug, title, kind, summary) -> Document:
    return upsert(
        ctx,
        Document,
        {"slug": slug},
        {"title": title, "kind": kind, "summary": summary, "is_public": True},
        create_only={"created_by": ctx.member(COORDINATOR_EMAIL)},
    )


def _version(ctx, document, *, number, label, note, published_at, based_on=None) -> Version:
    return upsert(
        ctx,
        Version,
        {"document": document, "number": number},
        {
            "label": label,
            "note": note,
            "status": Version.Status.PUBLISHED,
            "published_at": published_at,
            "based_on": based_on,
        },
        create_only={"created_by": ctx.member(COORDINATOR_EMAIL)},
    )


def _paragraphs(ctx: DemoContext, document: Document, version: Version, paragraphs: list[Para]) -> dict[str, Paragraph]:
    """The version's paragraphs by name; identities (keys) are shared with the other versions."""
    keys = {}
    for para in paragraphs:
        uid = uuid.uuid5(KEY_NAMESPACE, f"{document.slug}/{para.name}")
        keys[para.name] = upsert(ctx, ParagraphKey, {"uid": uid}, {"document": document})
    wanted = {keys[para.name].pk for para in paragraphs}
    stale = version.paragraphs.exclude(key_id__in=wanted)
    if stale.exists():
        stale.delete()
        ctx.changed += 1
    # Positions are unique per version: move rows out of the way before putting them in place.
    current = {p.key_id: p for p in version.paragraphs.all()}
    target = {keys[para.name].pk: position for position, para in enumerate(paragraphs, start=1)}
    if any(current[key].position != target[key] for key in current):
        offset = len(paragraphs) + len(current) + 1
        for paragraph in current.values():
            paragraph.position += offset
            paragraph.save(update_fields=["position"])
    result = {}
    for position, para in enumerate(paragraphs, start=1):
        result[para.name] = upsert(
            ctx,
            Paragraph,
            {"version": version, "key": keys[para.name]},
            {"position": position, "kind": para.kind, "level": para.level, "text": para.text},
        )
    return result


def _round(ctx, version, *, title, introduction, opens_at, closes_at, questions, **values) -> Round:
    round_ = upsert(
        ctx,
        Round,
        {"version": version, "title": title},
        {
            "introduction": introduction,
            "audience": Round.Audience.MEMBERS,
            "opens_at": opens_at,
            "closes_at": closes_at,
            **values,
        },
        create_only={"created_by": ctx.member(COORDINATOR_EMAIL)},
    )
    for position, text in enumerate(questions):
        upsert(ctx, Question, {"round": round_, "position": position}, {"text": text})
    return round_


def _dated(comment: Comment, when: dt.datetime) -> None:
    """created_at is set on insert (auto_now_add); the demo wants the day the remark came in."""
    if comment.created_at != when:
        Comment.objects.filter(pk=comment.pk).update(created_at=when, updated_at=when)


def load_advice(ctx: DemoContext) -> Round:
    coordinator = ctx.member(COORDINATOR_EMAIL)
    document = _document(ctx, slug=ADVICE_SLUG, title=ADVICE_TITLE, kind=Document.Kind.ADVICE, summary=ADVICE_SUMMARY)
    v1 = _version(
        ctx, document, number=1, label="1", note="Het eerste concept, voor reacties.", published_at=at(2022, 1, 10, 9)
    )
    v2 = _version(
        ctx,
        document,
        number=2,
        label="2",
        note="Het vernieuwde advies (februari 2022), met de reacties op het concept en de inzichten van 8 februari.",
        published_at=at(2022, 2, 28, 9),
        based_on=v1,
    )
    first = _paragraphs(ctx, document, v1, ADVICE_V1)
    second = _paragraphs(ctx, document, v2, ADVICE_V2)
    round_ = _round(
        ctx,
        v1,
        title=ADVICE_ROUND_TITLE,
        introduction=ADVICE_ROUND_INTRODUCTION,
        opens_at=at(2022, 1, 10, 9),
        closes_at=at(2022, 2, 15, 17),
        questions=ADVICE_ROUND_QUESTIONS,
        next_version=v2,
        reactienota_published_at=at(2022, 3, 1, 10),
    )
    meeting = Meeting.objects.filter(title="Samenspel in de stad", starts_at=at(2022, 2, 8, 14)).first()
    for remark in ADVICE_REMARKS:
        when = at(2022, 1, 1, 11) + dt.timedelta(days=remark.day - 1)
        on_behalf = remark.source != Comment.Source.PLATFORM
        comment = upsert(
            ctx,
            Comment,
            {"round": round_, "body": remark.body},
            {
                "paragraph": first[remark.paragraph] if remark.paragraph else None,
                "author": ctx.member(_address(remark.author)) if remark.author else None,
                "display": remark.display,
                "source": remark.source,
                "source_meeting": meeting if remark.source == Comment.Source.MEETING else None,
                "submitter_name": remark.submitter_name,
                "submitter_role": remark.submitter_role,
                "entered_by": coordinator if on_behalf else None,
                "outcome": remark.outcome,
                "reason": remark.reason,
                "decided_by": coordinator,
                "decided_at": at(2022, 2, 25, 15),
            },
        )
        _dated(comment, when)
        changed = {second[name].pk for name in remark.changed}
        if set(comment.changed_paragraphs.values_list("pk", flat=True)) != changed:
            comment.changed_paragraphs.set(changed)
            ctx.changed += 1
        for supporter in remark.supporters:
            _support, created = CommentSupport.objects.get_or_create(
                comment=comment, member=ctx.member(_address(supporter))
            )
            ctx.created += created
    return round_


def _today_at(hour: int) -> dt.datetime:
    local = timezone.localdate(timezone=ZoneInfo(settings.TIME_ZONE))
    return dt.datetime.combine(local, dt.time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))


def load_framework(ctx: DemoContext) -> Round:
    document = _document(
        ctx, slug=FRAMEWORK_SLUG, title=FRAMEWORK_TITLE, kind=Document.Kind.FRAMEWORK, summary=FRAMEWORK_SUMMARY
    )
    v1 = _version(
        ctx,
        document,
        number=1,
        label="1.1",
        note="De eerste uitgave voor alle buurtteams.",
        published_at=at(2022, 6, 1, 9),
    )
    v2 = _version(
        ctx,
        document,
        number=2,
        label="2",
        note="Ouder- en Kindteams erbij; opleiding vóór samenwerking; tandems volgen samen het leertraject.",
        published_at=at(2023, 3, 1, 9),
        based_on=v1,
    )
    _paragraphs(ctx, document, v1, FRAMEWORK_V1)
    second = _paragraphs(ctx, document, v2, FRAMEWORK_V2)
    round_ = _round(
        ctx,
        v2,
        title=FRAMEWORK_ROUND_TITLE,
        introduction=FRAMEWORK_ROUND_INTRODUCTION,
        opens_at=_today_at(9) - dt.timedelta(days=7),
        closes_at=_today_at(17) + dt.timedelta(days=21),
        questions=FRAMEWORK_ROUND_QUESTIONS,
    )
    for name, body, author, display in FRAMEWORK_REMARKS:
        upsert(
            ctx,
            Comment,
            {"round": round_, "body": body},
            {"paragraph": second[name], "author": ctx.member(_address(author)), "display": display},
        )
    return round_


def load_demo_section(ctx: DemoContext) -> None:
    load_advice(ctx)
    load_framework(ctx)
