"""The demo circles, their members and their updates (seed 002, rewritten in plain Dutch).

The last core section of `load_demo()` (samenspel/demo/base.py): it reads the members that
`people.py` made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from samenspel.circles.models import Circle, CircleMembership, CircleUpdate
from samenspel.demo.base import EMAIL_DOMAIN, MEMBER_EMAIL, ORGREP_EMAIL, DemoContext, at, recent, upsert
from samenspel.demo.people import E, Person
from samenspel.lib.markdown import render_markdown

# --------------------------------------------------------------------------------------
# Circles, their members and their updates (seed 002, rewritten in plain Dutch)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Update:
    title: str
    published_at: dt.datetime
    body: str


@dataclass(frozen=True)
class CircleStory:
    slug: str
    name: str
    summary: str
    description: str
    join_policy: str
    meets: str
    lead: str
    members: tuple[str, ...]
    requested: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()


def _e(name: str) -> str:
    return Person(name, E).address


CIRCLES: list[CircleStory] = [
    CircleStory(
        slug="buurtteams-bondgenoten",
        name="Kring Buurtteams Bondgenoten",
        summary=(
            "Ervaringsdeskundigen en bondgenoten uit de buurtteams en de Ouder- en Kindteams "
            "delen ervaringen en praten mee over hun werk."
        ),
        description="""\
In deze kring praten ervaringsdeskundigen en hun bondgenoten over het werk in de Amsterdamse buurtteams.

Wat doen we?
- We denken mee over het functieprofiel: wat doet een ervaringsdeskundige medewerker in een buurtteam?
- We laten het ervaringsdeskundige perspectief horen in werkgroepen.
- We praten mee over de Kenniswerkplaats Ervaringsdeskundigheid van de Amsterdamse Buurtteam Academie.

Wie kan meedoen?
Iedereen die werkt in een buurtteam, in een Ouder- en Kindteam (OKT) of met de Amsterdamse Maatwerk Methode. \
Ben je ervaringsdeskundige of bondgenoot? Je bent welkom.""",
        join_policy=Circle.JoinPolicy.OPEN,
        meets="Eén keer per maand",
        lead=f"kartrekker.buurtteams@{EMAIL_DOMAIN}",
        members=(
            MEMBER_EMAIL,
            ORGREP_EMAIL,
            _e("Mohamed Amrani"),
            _e("Linda Pinas"),
            _e("Dewi Hartono"),
            _e("Rachid Ouali"),
            _e("Kofi Owusu"),
            _e("Ilse Koster"),
            _e("Samira El Idrissi"),
            _e("Joost Hendriks"),
            _e("Marloes Visser"),
            _e("Emre Yildiz"),
            _e("Latifa Chaoui"),
            _e("Ricardo Lopes"),
            _e("Stephanie Wong"),
        ),
        updates=(
            Update(
                "Na de zomer weer van start",
                at(2023, 9, 14),
                """\
Na de zomer zijn we weer begonnen. Fijn dat er zoveel mensen waren!

We spraken over de eerste versie van het **functieprofiel** voor ervaringsdeskundige medewerkers. \
Wat hoort bij het werk, en wat niet? Veel opmerkingen gingen over samenwerken in een tandem.

Werk je bij een Ouder- en Kindteam? Kom gerust een keer kijken. Je bent welkom.""",
            ),
            Update(
                "Stand van zaken: de kring zit niet stil",
                at(2023, 11, 28),
                """\
De Kring Buurtteams Bondgenoten zit niet stil. De deelnemers werken hard en de kring doet veel.

- We denken mee over het **functieprofiel** (de rolbeschrijving) voor ervaringsdeskundige medewerkers.
- We laten het ervaringsdeskundige perspectief horen in verschillende werkgroepen.
- Bij de ontwikkeling van de **Kenniswerkplaats Ervaringsdeskundigheid** praten ze regelmatig met ons. \
De kenniswerkplaats hoort bij de Amsterdamse Buurtteam Academie.

Goed om te weten: de kring is er niet meer alleen voor de buurtteams. Werk je bij een Ouder- en Kindteam (OKT) \
of met de Amsterdamse Maatwerk Methode? Dan ben je ook welkom. Een aantal deelnemers werkt al bij een OKT. \
Zo praten we ook daar steeds meer mee over ervaringsdeskundigheid.

We komen één keer per maand bij elkaar. Op de netwerkbijeenkomst van 14 december vertellen we meer.""",
            ),
        ),
    ),
    CircleStory(
        slug="armoede-bestaanszekerheid",
        name="Kring Armoede/Bestaanszekerheid",
        summary=(
            "We zetten onderwerpen over bestaanszekerheid op de agenda en reageren op beleid. Ongeveer tien leden."
        ),
        description="""\
In deze kring praten we over alles wat te maken heeft met bestaanszekerheid: kun je rondkomen, \
heb je een huis, werk, zorg en onderwijs?

We zetten onderwerpen op de agenda en we reageren op plannen van de gemeente. \
Bestaanszekerheid is voor ons meer dan inkomen. Het gaat over het hele leven.

De kring heeft ongeveer tien leden. Wil je meedoen? Vraag het aan. De kartrekker neemt dan contact met je op.""",
        join_policy=Circle.JoinPolicy.ON_REQUEST,
        meets="Ongeveer één keer per maand",
        lead=f"kartrekker.armoede@{EMAIL_DOMAIN}",
        members=(
            _e("Mohamed Amrani"),
            _e("Gerda Bosman"),
            _e("Naima Tahiri"),
            _e("Ramona Sedney"),
            _e("Tanja Vermeulen"),
            _e("Joyce Martina"),
            _e("Yusuf Kaya"),
            _e("Dirk Zwart"),
            _e("Eline Kuipers"),
        ),
        requested=(_e("Lisa Tjon A Fong"), _e("Hakan Yilmaz")),
        updates=(
            Update(
                "Nieuw: de ontwerpsessies van het Kenniscentrum Ongelijkheid",
                at(2023, 10, 12),
                """\
Het Kenniscentrum Ongelijkheid heeft ons netwerk uitgenodigd. Ze onderzoeken de bestaanszekerheid \
van Amsterdammers en willen onze ervaringskennis erbij.

In de volgende bijeenkomst kiezen we aan welke ontwerpsessies we meedoen. Denk er alvast over na: \
welke ervaring wil jij inbrengen?""",
            ),
            Update(
                "Stand van zaken: eerst het gesprek over hoe we samenwerken",
                at(2023, 11, 30),
                """\
Onze kring heeft ongeveer tien leden. We komen ongeveer één keer per maand bij elkaar. \
We zetten onderwerpen op de agenda en we reageren op plannen. Het gaat over alles wat te maken heeft \
met de bestaanszekerheid van Amsterdammers.

## Eerst de voorwaarden, dan de inhoud

De afgelopen maanden spraken we over één vraag: onder welke voorwaarden willen we met beleidsmakers van \
de gemeente praten over beleid en uitvoering? We zoeken graag mee naar wat kan binnen de wetten en regels. \
Maar we vragen ook: hoe dan? Het vraagt een heel andere aanpak. Daarvoor is ervaringskennis nodig.

Wij vinden: dat gesprek komt eerst. Pas daarna praten we over de inhoud. Daarvoor moet de overheid zich \
anders opstellen. Waar een inwoner een ambtenaar ontmoet, moet een bondgenootschap ontstaan. \
Het werk moet meer gaan over samenwerken en elkaar vertrouwen.

## Bestaanszekerheid is meer dan inkomen

Bestaanszekerheid mag niet kleiner worden gemaakt tot alleen een inkomen. Dat snappen we: zo is het voor \
de gemeente beter te regelen. Maar op onze agenda staat het hele leven: wonen, werk, zorg, onderwijs en meer.

De Nationale ombudsman zei deze week nog dat inwoners te weinig betrokken zijn bij beleid. \
Meepraten over een beleidsstuk of een wet, zoals de Participatiewet, is niet genoeg. \
De vraag is: lukt het ons om samen een echt bondgenootschap te maken? En hoe overtuigen we het stadsbestuur?

## Onderzoek van het Kenniscentrum Ongelijkheid

Het Kenniscentrum Ongelijkheid onderzoekt de bestaanszekerheid van Amsterdammers. Het kijkt naar inkomen, \
werk, wonen en wat voorzieningen in de stad kosten. Ons netwerk doet mee. De vraag is: hoe stapelen \
problemen zich op? En hoe doorbreek je dat, in één generatie en tussen generaties?

Wij doen mee aan twee ontwerpsessies:

- **Life-events**: grote gebeurtenissen in je leven. Die hebben we allemaal wel meegemaakt.
- **Instantiekapitaal**: is het niet te ingewikkeld geworden om met instanties te regelen?

We houden jullie op de hoogte.""",
            ),
        ),
    ),
    CircleStory(
        slug="onderzoek",
        name="Kring Onderzoek",
        summary=(
            "Over participatief onderzoek: mensen met ervaringskennis doen mee van het begin tot het eind. "
            "Nieuw sinds september 2023."
        ),
        description="""\
In deze kring praten onderzoekers en mensen met ervaringskennis over participatief onderzoek. \
Daarmee bedoelen we: mensen met ervaringskennis doen mee van het begin tot het eind. \
Bij het ontwerp, het proces en de uitvoering.

Onze hoofdvraag: hoe gebruiken we ervaringskennis beter in onderzoek? En hoe zorgen we dat onderzoek echt iets verandert?

Ken je iemand die mee wil denken? Nodig die persoon uit voor de kring.""",
        join_policy=Circle.JoinPolicy.OPEN,
        meets="Om de twee maanden",
        lead=f"kartrekker.onderzoek@{EMAIL_DOMAIN}",
        members=(
            _e("Maartje Smit"),
            _e("Floor van Dam"),
            _e("Eline Kuipers"),
            _e("Ravi Baldewsingh"),
            _e("Paul Timmer"),
            _e("Shanti Kalloe"),
            _e("Anouk Jansen"),
            _e("Mei Ling Chan"),
        ),
        updates=(
            Update(
                "Uitnodiging: eerste bijeenkomst op 25 september",
                at(2023, 9, 4),
                """\
Er komt een nieuwe kring: de **Kring Onderzoek**. We komen voor het eerst bij elkaar op maandag \
25 september 2023.

Het thema is: *Participatief onderzoek: kansen en kwesties*.

Doe je onderzoek, of wil je meedoen aan onderzoek met je ervaringskennis? Je bent welkom.""",
            ),
            Update(
                "Stand van zaken: participatief onderzoek, kansen en kwesties",
                at(2023, 11, 27),
                """\
Onze nieuwe kring kwam op 25 september 2023 voor het eerst bij elkaar. Het thema was: \
*Participatief onderzoek: kansen en kwesties*.

## Wat bedoelen we met participatief onderzoek?

Mensen met ervaringskennis doen van begin tot eind mee aan het onderzoek: bij het ontwerp, het proces en \
de uitvoering. De onderzoeker wordt dan soms meer een projectleider. Een onderzoeker is ook een brug tussen \
mensen met ervaringskennis en de systeemwereld. Die systeemwereld stelt andere eisen.

## Wat houdt het tegen?

Onderzoeksbureau Meetellen Amsterdam is opgericht om zo te werken. Maar het krijgt vaak weerstand als een \
onderzoek zo wordt opgezet. Er is te weinig tijd of geld, en opdrachtgevers staan er niet altijd voor open. \
Nog te vaak wordt participatief onderzoek niet serieus genomen. Dat komt door weerstand en door het beeld \
dat mensen ervan hebben.

## Wat willen we?

Daar willen we iets aan doen. Onze hoofdvraag: hoe gebruiken we ervaringskennis beter in onderzoek? \
En hoe zorgen we dat het onderzoek echt iets verandert?

In januari 2024 praten we over wat we gaan doen in dit nieuwe netwerk. Denk alvast na: wie wil of kun jij \
de volgende keer meenemen? Nodig die persoon uit via de pagina van de kring.""",
            ),
        ),
    ),
    CircleStory(
        slug="nieuw-werk",
        name="Kring Nieuw Werk",
        summary="We werken aan (betaald) nieuw werk voor ervaringsdeskundigen. En we lezen samen.",
        description="""\
Deze kring wil (betaald) nieuw werk voor ervaringsdeskundigen mogelijk maken.

We praten over de waarde van werk, over waardering (ook in geld) en over de eigenwaarde van \
ervaringsdeskundigen. We lezen ook samen boeken over ervaringskennis.

Ben je ervaringsdeskundige, of een andere professional die met of vanuit ervaringskennis wil werken? Je bent welkom.""",
        join_policy=Circle.JoinPolicy.OPEN,
        meets="Eén keer per maand",
        lead=f"kartrekker.nieuwwerk@{EMAIL_DOMAIN}",
        members=(
            _e("Femke Hoogland"),
            _e("Rutger Pos"),
            _e("Glenn Kross"),
            _e("Chantal Doekhie"),
            _e("Inge Schouten"),
            _e("Jan-Willem Bos"),
            _e("Ahmed Bakkali"),
            _e("Sevda Aydin"),
            _e("Wim Brouwer"),
            _e("Astrid Wijnands"),
        ),
        updates=(
            Update(
                "Leesclub: we lezen samen een boek",
                at(2023, 10, 3),
                """\
Dit najaar lezen we samen het boek *Wij Zijn God Niet*. Het gaat over co-creatie in de zorg voor \
mentale gezondheid.

Elke bijeenkomst bespreken we een paar hoofdstukken. Je hoeft het boek niet uit te hebben om mee te praten.""",
            ),
            Update(
                "Stand van zaken: werk, waardering en een leesclub",
                at(2023, 12, 4),
                """\
De Kring Nieuw Werk wil (betaald) nieuw werk voor ervaringsdeskundigen mogelijk maken.

De afgelopen tijd hadden we goede gesprekken over:

- de waarde van werk, en wat het betekent als je geen werk hebt;
- hoe ervaringsdeskundigen worden gewaardeerd, ook in geld;
- de eigenwaarde van ervaringsdeskundigen.

We lazen samen het boek *Wij Zijn God Niet*. Het gaat over co-creatie in ecosystemen voor mentale gezondheid.

## Werkgroep Ervaringskennis & Co-creatie

Het boek inspireerde ons. Het Herstel-Lab start het komende halfjaar de **Werkgroep Ervaringskennis & \
Co-creatie**. De werkgroep zoekt (betaald) nieuw werk in het 'ecosysteem mentale gezondheid' dat in \
Amsterdam Zuidoost wordt opgezet (Lekker in je vel!, Arkin).

Ben je ervaringsdeskundige, of een andere professional die met of vanuit ervaringskennis wil werken? \
Je bent welkom in onze kring.""",
            ),
        ),
    ),
]


# What the demo's join requests say to the kartrekker (role or work, motivation).
REQUEST_TEXTS = {
    _e("Lisa Tjon A Fong"): (
        "Ervaringsdeskundige, vrijwilliger bij de voedselbank",
        "Ik heb zelf jaren schulden gehad. Ik wil meedenken over hoe de stad mensen beter helpt.",
    ),
    _e("Hakan Yilmaz"): (
        "Schuldhulpverlener bij een buurtteam",
        "In mijn werk zie ik veel gezinnen met geldzorgen. Ik wil leren van ervaringsdeskundigen.",
    ),
}


def load_circles(ctx: DemoContext) -> None:
    for position, story in enumerate(CIRCLES, start=1):
        circle = upsert(
            ctx,
            Circle,
            {"slug": story.slug},
            {
                "name": story.name,
                "summary": story.summary,
                "description": story.description,
                "join_policy": story.join_policy,
                "meets": story.meets,
                "is_active": True,
                "position": position,
            },
        )
        ctx.circles[story.slug] = circle
        roles = [(story.lead, CircleMembership.Role.LEAD, CircleMembership.Status.ACTIVE)]
        roles += [(email, CircleMembership.Role.MEMBER, CircleMembership.Status.ACTIVE) for email in story.members]
        roles += [(email, CircleMembership.Role.MEMBER, CircleMembership.Status.REQUESTED) for email in story.requested]
        for number, (email, role, status) in enumerate(roles):
            fields = {"role": role, "status": status}
            if status == CircleMembership.Status.ACTIVE:  # joined one after another, a month apart
                fields["active_since"] = at(2023, 1, 15) + dt.timedelta(days=30 * number)
            else:
                fields["work_role"], fields["motivation"] = REQUEST_TEXTS.get(email, ("", ""))
            upsert(ctx, CircleMembership, {"circle": circle, "member": ctx.member(email)}, fields)
        lead = ctx.member(story.lead)
        for update in story.updates:
            upsert(
                ctx,
                CircleUpdate,
                {"circle": circle, "title": update.title},
                {
                    "author": lead,
                    "body": update.body,
                    "body_html": render_markdown(update.body),
                    "published_at": recent(update.published_at),
                },
            )
