import datetime
import secrets

import factory
from django.utils import timezone

from samenspel.circles.models import Circle, CircleMembership, CircleUpdate
from samenspel.consultations.models import Comment, Document, Paragraph, ParagraphKey, Round, Version
from samenspel.lib.markdown import render_markdown
from samenspel.meetings.models import Meeting, Registration, Visibility
from samenspel.members.models import Consent, ConsentText, Member, Theme
from samenspel.organisations.models import Organisation, Team


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name_nl = factory.Sequence(lambda n: f"Thema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class ConsentTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentText

    version = factory.Sequence(lambda n: n + 1)
    body_nl = "Wij bewaren je gegevens alleen voor het netwerk."
    body_en = "We keep your data only for the network."
    published_at = factory.LazyFunction(timezone.now)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    kind = Organisation.Kind.NEIGHBOURHOOD_TEAMS


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Buurtteam {n}")
    area = "Noord"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Persoon {n}")
    kind = Member.Kind.EXPERT
    status = Member.Status.APPROVED
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def consented(obj, create, extracted, **kwargs):
        """Give consent to the current consent text, if there is one (default: yes)."""
        if not create or extracted is False:
            return
        text = ConsentText.objects.filter(published_at__isnull=False).order_by("-version").first()
        if text is not None:
            Consent.objects.get_or_create(member=obj, consent_text=text)


class CircleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Circle

    name = factory.Sequence(lambda n: f"Kring {n}")
    slug = factory.Sequence(lambda n: f"kring-{n}")
    summary = "Een kring over een thema."
    description = "Wij komen één keer per maand bij elkaar."


class CircleMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CircleMembership

    circle = factory.SubFactory(CircleFactory)
    member = factory.SubFactory(MemberFactory)


class CircleUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CircleUpdate

    circle = factory.SubFactory(CircleFactory)
    author = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"Stand van zaken {n}")
    body = "De kring is **volop** in beweging."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))


class MeetingFactory(factory.django.DjangoModelFactory):
    """A published network meeting (circle=None) for members, a week from now, 20 places."""

    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    description = "We praten samen over ervaringskennis."
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location = "Buurthuis De Meeuw, Amsterdam"
    capacity = 20
    visibility = Visibility.MEMBERS
    status = Meeting.Status.PUBLISHED


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed member registration; pass member=None with name/email for a visitor."""

    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    member = factory.SubFactory(MemberFactory)
    status = Registration.Status.CONFIRMED
    token_hash = factory.LazyFunction(lambda: secrets.token_hex(32))
    language = "nl"


class DocumentFactory(factory.django.DjangoModelFactory):
    """A public advice document."""

    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Advies {n}")
    slug = factory.Sequence(lambda n: f"advies-{n}")
    kind = Document.Kind.ADVICE
    summary = "Een advies aan de gemeente."
    is_public = True


def _next_version_number(version) -> int:
    return Version.objects.filter(document=version.document).count() + 1


class VersionFactory(factory.django.DjangoModelFactory):
    """A published version; number is the next one within its document, label the same as text."""

    class Meta:
        model = Version

    document = factory.SubFactory(DocumentFactory)
    number = factory.LazyAttribute(_next_version_number)
    label = factory.LazyAttribute(lambda o: f"{o.number}.0")
    status = Version.Status.PUBLISHED
    published_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == Version.Status.PUBLISHED else None)


class ParagraphKeyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParagraphKey

    document = factory.SubFactory(DocumentFactory)


def _next_paragraph_position(paragraph) -> int:
    return Paragraph.objects.filter(version=paragraph.version).count() + 1


class ParagraphFactory(factory.django.DjangoModelFactory):
    """A paragraph at the end of its version, with a new key (pass key= to carry one over)."""

    class Meta:
        model = Paragraph

    version = factory.SubFactory(VersionFactory)
    key = factory.SubFactory(ParagraphKeyFactory, document=factory.SelfAttribute("..version.document"))
    position = factory.LazyAttribute(_next_paragraph_position)
    kind = Paragraph.Kind.PARAGRAPH
    level = 0
    text = factory.Sequence(lambda n: f"Ervaringsdeskundigen werken samen in het netwerk, alinea {n}.")


class RoundFactory(factory.django.DjangoModelFactory):
    """A round for members on a published version, open now for two weeks."""

    class Meta:
        model = Round

    version = factory.SubFactory(VersionFactory)
    title = factory.Sequence(lambda n: f"Consultatieronde {n}")
    introduction = "Wat vind je van dit concept?"
    audience = Round.Audience.MEMBERS
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))
    closes_at = factory.LazyAttribute(lambda o: o.opens_at + datetime.timedelta(days=14))


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment by a member on a paragraph of the round's version (pass paragraph=None for the whole document)."""

    class Meta:
        model = Comment

    round = factory.SubFactory(RoundFactory)
    paragraph = factory.SubFactory(ParagraphFactory, version=factory.SelfAttribute("..round.version"))
    author = factory.SubFactory(MemberFactory)
    display = Comment.Display.NAME
    body = factory.Sequence(lambda n: f"Opmerking {n}: dit kan duidelijker.")
