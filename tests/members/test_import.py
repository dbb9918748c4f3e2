"""CSV import: every row is checked first; one bad row imports nothing."""

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.members.models import Consent, Member
from tests.factories.members import ConsentTextFactory, MemberFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def upload(client, content, name="leden.csv"):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return client.post(reverse("members:import"), {"file": SimpleUploadedFile(name, content, "text/csv")})


@pytest.fixture
def coordinator_client(personas, client_for):
    return client_for(personas.coordinator)


@pytest.fixture
def themes(db):
    return ThemeFactory(name_nl="Armoede", name_en="Poverty"), ThemeFactory(name_nl="Schulden", name_en="Debt")


def publish_consent_text(personas):
    """A published consent text that the coordinator has already agreed to."""
    text = ConsentTextFactory()
    Consent.objects.create(member=personas.coordinator, consent_text=text)
    return text


def test_a_good_file_creates_approved_members_without_password_or_consent(coordinator_client, personas, themes):
    publish_consent_text(personas)
    content = (
        "email,name,kind,organisation,themes\n"
        "Anna@Example.org,Anna de Vries,ervaringsdeskundige,,Armoede;debt\n"
        f"bram@example.org,Bram Jansen,bondgenoot,{personas.organisation.name.upper()},\n"
        "carla@example.org,Carla,ally,,\n"
    )
    response = upload(coordinator_client, content)
    assert response.status_code == 302
    anna = Member.objects.get(email="anna@example.org")
    assert anna.status == Member.Status.APPROVED
    assert anna.kind == Member.Kind.EXPERT
    assert not anna.has_usable_password()
    assert not anna.consents.exists()
    assert set(anna.themes.all()) == set(themes)
    assert Member.objects.get(email="bram@example.org").organisation == personas.organisation
    assert Member.objects.get(email="carla@example.org").kind == Member.Kind.ALLY
    assert EmailAddress.objects.filter(email="anna@example.org", user=anna, primary=True).exists()
    entry = AuditLogEntry.objects.get(action="member.import.done")
    assert entry.data == {"created": 3, "merged": 0, "duplicates_in_file": 0}
    assert "example.org" not in str(entry.data)
    page = coordinator_client.get(response.url).content.decode()
    assert "3 new members" in page


def test_imported_member_is_asked_for_consent_at_first_login(coordinator_client, client_for, personas):
    publish_consent_text(personas)
    upload(coordinator_client, "email,name,kind\nnew@example.org,Nieuw Lid,bondgenoot\n")
    member = Member.objects.get(email="new@example.org")
    response = client_for(member).get(reverse("members:directory"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("members:consent"))


def test_one_bad_row_at_the_end_imports_nothing_and_reports_the_row(coordinator_client):
    rows = "".join(f"person{n}@import.example,Person {n},ervaringsdeskundige\n" for n in range(200))
    content = "email,name,kind\n" + rows + "not-an-email,,wizard\n"
    before = Member.objects.count()
    response = upload(coordinator_client, content)
    assert response.status_code == 200
    assert Member.objects.count() == before
    assert not AuditLogEntry.objects.filter(action="member.import.done").exists()
    problems = response.context["plan"].problems
    assert [p.row for p in problems] == [202]
    html = response.content.decode()
    assert "Nothing has been imported" in html
    assert "not a valid email address" in html and "The name is empty" in html and "wizard" in html


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("bad@,Name,expert", "not a valid email address"),
        (",Name,expert", "The email address is empty"),
        ("a@example.org,,expert", "The name is empty"),
        ("a@example.org," + "x" * 121 + ",expert", "too long"),
        ("a@example.org,Name,", "is unknown"),
        ("a@example.org,Name,expert,Unknown Org,", "organisation &#x27;Unknown Org&#x27; is unknown"),
        ("a@example.org,Name,expert,,Nonsense", "theme &#x27;Nonsense&#x27; is unknown"),
        ("a@example.org,Name,expert,,<script>alert(1)</script>", "&lt;script&gt;"),
    ],
)
def test_each_kind_of_bad_row_is_reported(coordinator_client, row, message):
    response = upload(coordinator_client, "email,name,kind,organisation,themes\n" + row + "\n")
    html = response.content.decode()
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert not Member.objects.filter(email="a@example.org").exists()


def test_a_deactivated_theme_cannot_be_imported(coordinator_client):
    ThemeFactory(name_nl="Oud thema", name_en="Old theme", is_active=False)
    response = upload(coordinator_client, "email,name,kind,themes\na@example.org,A,expert,Oud thema\n")
    assert "is unknown" in response.content.decode()
    assert not Member.objects.filter(email="a@example.org").exists()


def test_duplicates_in_the_file_are_merged_into_one_member(coordinator_client, themes):
    content = "email,name,kind,themes\ndup@example.org,Dup One,expert,Armoede\nDUP@example.org,Dup Two,ally,Schulden\n"
    upload(coordinator_client, content)
    member = Member.objects.get(email="dup@example.org")
    assert member.name == "Dup One"
    assert set(member.themes.all()) == set(themes)
    assert AuditLogEntry.objects.get(action="member.import.done").data["duplicates_in_file"] == 1


def test_existing_members_are_merged_not_doubled(coordinator_client, personas, themes):
    existing = MemberFactory(email="known@example.org", name="Known Person", organisation=None)
    existing.themes.add(themes[0])
    existing_password = existing.password
    content = (
        "email,name,kind,organisation,themes\n"
        f"KNOWN@EXAMPLE.ORG,Another Name,bondgenoot,{personas.organisation.name},Schulden\n"
        f"{personas.pending.email},Piet,expert,,\n"
    )
    upload(coordinator_client, content)
    assert Member.objects.filter(email__iexact="known@example.org").count() == 1
    existing.refresh_from_db()
    assert existing.name == "Known Person"  # filled only when empty
    assert existing.kind == Member.Kind.EXPERT
    assert existing.organisation == personas.organisation  # was empty, now filled
    assert existing.password == existing_password
    assert set(existing.themes.all()) == set(themes)
    personas.pending.refresh_from_db()
    assert personas.pending.status == Member.Status.PENDING  # a merge does not approve
    assert AuditLogEntry.objects.get(action="member.import.done").data["merged"] == 2


def test_importing_the_same_file_twice_changes_nothing(coordinator_client):
    content = "email,name,kind\nonce@example.org,Once,expert\n"
    upload(coordinator_client, content)
    upload(coordinator_client, content)
    assert Member.objects.filter(email="once@example.org").count() == 1
    assert EmailAddress.objects.filter(email="once@example.org").count() == 1


def test_formulas_are_stored_as_plain_text(coordinator_client):
    formula = "=cmd|' /C calc'!A0"
    response = upload(coordinator_client, f'email,name,kind\nf@example.org,"{formula}",expert\n')
    assert response.status_code == 302
    assert Member.objects.get(email="f@example.org").name == formula


def test_semicolon_separated_files_are_read(coordinator_client):
    upload(coordinator_client, "email;name;kind\nsemi@example.org;Semi Colon;bondgenoot\n")
    assert Member.objects.filter(email="semi@example.org", kind=Member.Kind.ALLY).exists()


def test_a_utf8_bom_and_accents_are_fine(coordinator_client):
    upload(coordinator_client, "\ufeffemail,name,kind\ne@example.org,Éva Çelik,expert\n")
    assert Member.objects.get(email="e@example.org").name == "Éva Çelik"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("email,name,kind\ne@example.org,Éva,expert\n".encode("latin-1"), "not in UTF-8"),
        (b"\x00\x01\x02\xff" * 1000, "not a CSV text file"),
        (b"naam,adres\nAnna,Straat 1\n", "missing these columns"),
        (b"email,name,kind,phone\na@example.org,A,expert,0612345678\n", "columns we do not know"),
        (b"email,name,kind\n", "no rows with members"),
        (b"email,name,kind\n\n,,\n", "no rows with members"),
        (b"", "The file is empty"),
        (b"email,name,kind\n" + b'"' + b"x" * 200_000 + b'"\n', "could not be read as CSV"),
    ],
)
def test_bad_files_get_a_clear_message(coordinator_client, content, message):
    before = Member.objects.count()
    response = upload(coordinator_client, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Member.objects.count() == before


def test_ten_megabytes_of_junk_are_refused_by_size(coordinator_client):
    response = upload(coordinator_client, b"a,b,c\n" * (10 * 1024 * 1024 // 6))
    assert response.status_code == 200
    assert "too large" in response.content.decode()


def test_no_file_gets_a_message(coordinator_client):
    response = coordinator_client.post(reverse("members:import"), {})
    assert response.status_code == 200
    assert "Choose a CSV file" in response.content.decode()


def test_a_clash_with_a_simultaneous_change_gets_a_message(coordinator_client, monkeypatch):
    from django.db import IntegrityError

    from samenspel.members import services

    def clash(**kwargs):
        raise IntegrityError("unique email")

    monkeypatch.setattr(services, "import_members", clash)
    response = upload(coordinator_client, "email,name,kind\nclash@example.org,Clash,expert\n")
    assert response.status_code == 200
    assert "at the same moment" in response.content.decode()
