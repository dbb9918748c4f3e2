"""Factories for the members app: themes, consent texts, members (approved, consented)."""

import factory
from django.utils import timezone

from samenspel.members.models import Consent, ConsentText, Member, Theme


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
