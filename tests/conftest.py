"""Shared fixtures: test settings, English texts, and the personas every permission is tested with.

Where fixtures live: a fixture one folder uses is in that folder's conftest.py; a fixture several
folders use is here or in a module of tests/fixtures/ registered below. Test modules never import
fixtures by name. Factories are in tests/factories/<app>.py.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import caches
from django.utils import translation

from samenspel.circles.models import CircleMembership
from samenspel.members.models import Member
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.members import MemberFactory
from tests.factories.organisations import OrganisationFactory
from tests.overrides import suite_settings

pytest_plugins = ["tests.fixtures.world", "tests.fixtures.trajectory", "tests.fixtures.database", "tests.fixtures.demo"]

# The folders whose tests read the English source texts (a test there that wants Dutch asks for it,
# e.g. with Accept-Language: nl). Elsewhere a module opts in with pytest.mark.usefixtures("english").
ENGLISH_FOLDERS = {"accounts", "api", "circles", "consultations", "members", "monitor", "newsletter", "tandems"}
TESTS = Path(__file__).resolve().parent


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup` (make test): the browser tests together on one worker (tests/scheduling.py)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from tests.scheduling import BrowserTestsTogether

    return BrowserTestsTogether(config, log)


@pytest.fixture(autouse=True)
def _test_settings(request, settings, tmp_path_factory):
    # Uploads and the demo's files never land in media/; a module that loads the demo once
    # (tests/fixtures/demo.py) reads its files from the demo's folder.
    if "demo_network" in request.fixturenames:
        settings.MEDIA_ROOT = request.getfixturevalue("demo_network").media
    else:
        settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    for name, value in suite_settings().items():
        setattr(settings, name, value)
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture
def english(settings):
    """Pages and messages in English (the source texts), also after the Dutch translations are filled in."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _english_folders(request):
    """`english` for every test in ENGLISH_FOLDERS."""
    path = Path(request.node.path)
    if path.is_relative_to(TESTS) and path.relative_to(TESTS).parts[0] in ENGLISH_FOLDERS:
        request.getfixturevalue("english")


def make_coordinator(**kwargs) -> Member:
    """A coordinator who has set up TOTP (else every page sends them to the 2FA set-up)."""
    coordinator = MemberFactory(is_coordinator=True, **kwargs)
    Authenticator.objects.create(user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "test"})
    return coordinator


@dataclass
class Personas:
    visitor: None
    pending: Member
    member: Member
    outsider: Member
    kartrekker: Member
    coordinator: Member
    orgrep: Member
    municipality: Member
    circle: object
    organisation: object

    def as_dict(self) -> dict:
        return {
            "visitor": None,
            "pending": self.pending,
            "member": self.member,
            "outsider": self.outsider,
            "kartrekker": self.kartrekker,
            "coordinator": self.coordinator,
            "orgrep": self.orgrep,
            "municipality": self.municipality,
        }


@pytest.fixture
def personas(db) -> Personas:
    """One of each role around one circle and one organisation.

    member: in the circle; outsider: approved member, not in the circle and no roles;
    kartrekker: leads the circle; orgrep: represents the organisation.
    """
    circle = CircleFactory(name="Kring Onderzoek", slug="onderzoek")
    organisation = OrganisationFactory(name="Buurtteam Organisatie Noord", slug="bto-noord")
    member = MemberFactory(name="Mila Member")
    kartrekker = MemberFactory(name="Karim Kartrekker")
    CircleMembershipFactory(circle=circle, member=member)
    CircleMembershipFactory(circle=circle, member=kartrekker, role=CircleMembership.Role.LEAD)
    orgrep = MemberFactory(name="Olga Orgrep", kind=Member.Kind.ALLY, organisation=organisation)
    organisation.representatives.add(orgrep)
    return Personas(
        visitor=None,
        pending=MemberFactory(name="Piet Pending", status=Member.Status.PENDING),
        member=member,
        outsider=MemberFactory(name="Otto Outsider"),
        kartrekker=kartrekker,
        coordinator=make_coordinator(name="Coco Coordinator"),
        orgrep=orgrep,
        municipality=MemberFactory(name="Mo Municipality", kind=Member.Kind.ALLY, is_municipality_viewer=True),
        circle=circle,
        organisation=organisation,
    )


@pytest.fixture
def client_for(client):
    """client_for(person) logs that person in (None stays anonymous) and returns the client."""

    def _login(person):
        client.logout()
        if person is not None:
            client.force_login(person)
        return client

    return _login
