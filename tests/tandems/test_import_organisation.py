"""Bulk entry by CSV: all or nothing, with a report per row; the export can be imported again."""

import datetime
import html
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.tandems.models import EmployedExpert, MemberLinkRequest, Professional, Tandem, Training

pytestmark = pytest.mark.django_db

HEADER = "role,team,initials,reference,hours,fte,started,ended,course,course_started,course_completed,certificate_date,expert,professional,status"
GOOD = f"""{HEADER}
expert,Buurtteam Osdorp,R.O.,ED-20,24,,2024-01-15,,Ervaringsdeskundige niveau 4,2024-02-01,2024-11-30,2024-12-10,,,
expert,Buurtteam Osdorp,R.O.,ED-20,24,,2024-01-15,,Herstelgericht werken,2024-03-01,,,,,
expert,buurtteam osdorp,T.V.,ED-21,,0.5,15-03-2024,,,,,,,,
professional,Buurtteam Osdorp,L.B.,P-20,,,,,,,,,,,
tandem,Buurtteam Osdorp,,,,,2024-04-01,,,,,,ED-20,P-20,actief
tandem,Buurtteam Osdorp,,,,,2024-05-01,,,,,,ED-21,P-1,forming
"""


def upload(client, w, text, name="data.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("tandems:org_import", args=[w.organisation.slug]), {"file": file})


def counts():
    return (
        EmployedExpert.objects.count(),
        Training.objects.count(),
        Professional.objects.count(),
        Tandem.objects.count(),
        AuditLogEntry.objects.count(),
    )


def test_a_good_file_adds_experts_trainings_professionals_and_tandems(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    response = upload(client, org_world, GOOD)
    assert response.status_code == 302, response.text
    ed20 = EmployedExpert.objects.get(internal_reference="ED-20")
    ed21 = EmployedExpert.objects.get(internal_reference="ED-21")
    assert ed21.hours_per_week == Decimal("18.0")
    assert ed21.started_on == datetime.date(2024, 3, 15)
    assert sorted(ed20.trainings.values_list("course", flat=True)) == [
        "Ervaringsdeskundige niveau 4",
        "Herstelgericht werken",
    ]
    assert Tandem.objects.get(expert=ed20).status == Tandem.Status.ACTIVE
    assert Tandem.objects.get(expert=ed21).professional == org_world.professional  # an existing professional
    entry = AuditLogEntry.objects.get(action="tandems.organisation.imported")
    assert entry.data["experts_created"] == 2
    assert entry.data["tandems_created"] == 2
    page = client.get(response["Location"])
    assert "Import done" in page.text


def test_importing_the_same_file_again_updates_and_duplicates_nothing(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    upload(client, org_world, GOOD)
    before = counts()[:4]
    changed = GOOD.replace("expert,buurtteam osdorp,T.V.,ED-21,,0.5", "expert,buurtteam osdorp,T.V.,ED-21,32,")
    assert upload(client, org_world, changed).status_code == 302
    assert counts()[:4] == before
    assert EmployedExpert.objects.get(internal_reference="ED-21").hours_per_week == Decimal("32")


def test_the_export_can_be_imported_again_unchanged(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    upload(client, org_world, GOOD)
    exported = client.get(reverse("tandems:org_export", args=[org_world.organisation.slug])).content.decode()
    before = counts()[:4]
    response = upload(client, org_world, exported)
    assert response.status_code == 302, response.text
    assert counts()[:4] == before


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("expert,Buurtteam Nergens,A.A.,ED-30,20,,2024-01-01,,,,,,,,", "The team 'Buurtteam Nergens' is unknown"),
        ("expert,Buurtteam Watergraafsmeer,A.A.,ED-30,20,,2024-01-01,,,,,,,,", "is unknown in this organisation"),
        ("expert,Buurtteam Osdorp,A.A.,ED-30,80,,2024-01-01,,,,,,,,", "80.0 hours a week is not possible"),
        ("expert,Buurtteam Osdorp,A.A.,ED-30,0,,2024-01-01,,,,,,,,", "hours a week is not possible"),
        ("expert,Buurtteam Osdorp,A.A.,ED-30,veel,,2024-01-01,,,,,,,,", "The hours 'veel' are not a number."),
        ("expert,Buurtteam Osdorp,A.A.,ED-30,NaN,,2024-01-01,,,,,,,,", "are not a number"),
        ("expert,Buurtteam Osdorp,A.A.,ED-30,,,2024-01-01,,,,,,,,", "Fill in the hours per week, or the FTE."),
        ("expert,Buurtteam Osdorp,A.A.,ED-30,,2,2024-01-01,,,,,,,,", "hours a week is not possible"),
        ("expert,Buurtteam Osdorp,A.A.,ED-30,20,,2024-13-01,,,,,,,,", "is not a date"),
        ("expert,Buurtteam Osdorp,A.A.,ED-30,20,,2024-05-01,2024-04-01,,,,,,,", "before its start"),
        ("expert,Buurtteam Osdorp,,ED-30,20,,2024-01-01,,,,,,,,", "The initials are empty."),
        ("expert,Buurtteam Osdorp,A.A.,,20,,2024-01-01,,,,,,,,", "The reference is empty."),
        ("expert,Buurtteam Osdorp,A.A.,ED-30,20,,2024-01-01,,Cursus,,,,,,", "course_started is empty"),
        ("expert,Buurtteam Osdorp,A.A.,ED-30,20,,2024-01-01,,Cursus,2024-02-01,2024-01-01,,,,", "completed before"),
        ("expert,Buurtteam Osdorp,A.A.,ED-30,20,,2024-01-01,,Cursus,2024-02-01,,2024-03-01,,,", "was completed"),
        ("expert,Buurtteam Osdorp,A.A.,ED-30,20,,2024-01-01,,,2024-02-01,,,,,", "Fill in the name of the course"),
        ("professional,Buurtteam Osdorp,A.A.,P-30,20,,,,,,,,,,", "A professional has no hours"),
        ("boss,Buurtteam Osdorp,A.A.,P-30,,,,,,,,,,,", "The role 'boss' is unknown"),
        ("tandem,Buurtteam Osdorp,,,,,2024-01-01,,,,,,ED-1,P-404,active", "reference 'P-404' is not in this file"),
        ("tandem,Buurtteam Osdorp,,,,,2024-01-01,,,,,,ED-404,P-1,active", "reference 'ED-404' is not in this file"),
        ("tandem,Buurtteam Osdorp,,,,,2024-01-01,,,,,,ED-9,P-1,active", "reference 'ED-9' is not in this file"),
        ("tandem,Buurtteam Osdorp,,,,,2024-01-01,,,,,,ED-1,P-1,dancing", "The status 'dancing' is unknown"),
        ("tandem,Buurtteam Osdorp,,,,,2024-01-01,,,,,,ED-1,P-1,ended", "Fill in the end date"),
        ("tandem,Buurtteam Osdorp,,,,,2024-01-01,2024-06-01,,,,,ED-1,P-1,active", "Only a tandem that has ended"),
        ("tandem,Buurtteam Osdorp,,,,,2024-01-01,,,,,,,P-1,active", "The column expert is empty"),
        (
            "expert,Buurtteam Osdorp,A.A.,ED-30,20,,2024-01-01,,,,,,,,\nprofessional,Buurtteam Osdorp,A.A.,ED-30,,,,,,,,,,,",
            "also used for an expert",
        ),
    ],
)
def test_one_bad_row_imports_nothing_and_says_what_is_wrong(org_world, client_for, line, message):
    client = client_for(org_world.personas.orgrep)
    before = counts()
    text = f"{HEADER}\nprofessional,Buurtteam Osdorp,Q.Q.,P-31,,,,,,,,,,,\n{line}\n"
    response = upload(client, org_world, text)
    assert response.status_code == 200
    assert "Nothing has been imported" in response.text
    assert message in html.unescape(response.text)
    assert counts() == before


def test_the_report_names_every_bad_row(org_world, client_for):
    text = f"""{HEADER}
expert,Buurtteam Osdorp,A.A.,ED-30,20,,2024-01-01,,,,,,,,
expert,Buurtteam Nergens,B.B.,ED-31,20,,2024-01-01,,,,,,,,
expert,Buurtteam Osdorp,C.C.,ED-32,99,,2024-01-01,,,,,,,,
"""
    response = upload(client_for(org_world.personas.orgrep), org_world, text)
    assert "2 rows have a problem" in response.text
    assert '<th scope="row" class="utrecht-table__cell">3</th>' in response.text
    assert '<th scope="row" class="utrecht-table__cell">4</th>' in response.text
    assert not EmployedExpert.objects.filter(internal_reference="ED-30").exists()


def test_the_same_person_twice_with_different_details_is_refused(org_world, client_for):
    text = f"""{HEADER}
expert,Buurtteam Osdorp,A.A.,ED-30,20,,2024-01-01,,,,,,,,
expert,Buurtteam Osdorp,A.A.,ed-30,24,,2024-01-01,,,,,,,,
"""
    response = upload(client_for(org_world.personas.orgrep), org_world, text)
    assert "The reference &#x27;ed-30&#x27; is already in row 2." in response.text
    assert not EmployedExpert.objects.filter(internal_reference="ED-30").exists()


def test_a_reference_of_a_member_linked_expert_in_the_database_is_kept(org_world, client_for):
    """A reference already used updates that person and keeps their member link."""
    from tests.factories.members import MemberFactory

    member = MemberFactory(organisation=org_world.organisation)
    org_world.expert.member = member
    org_world.expert.save()
    text = f"{HEADER}\nexpert,Buurtteam Osdorp,M.A.,ED-1,30,,2023-01-01,,,,,,,,\n"
    assert upload(client_for(org_world.personas.orgrep), org_world, text).status_code == 302
    org_world.expert.refresh_from_db()
    assert (org_world.expert.member, org_world.expert.hours_per_week) == (member, Decimal("30"))


def test_an_import_keeps_a_link_request_waiting_and_links_nobody(org_world, client_for):
    """The import never links a member; a request that waits for the member keeps waiting."""
    from tests.factories.members import MemberFactory

    colleague = MemberFactory(organisation=org_world.organisation)
    request = MemberLinkRequest.objects.create(
        expert=org_world.expert, member=colleague, requested_by=org_world.personas.coordinator
    )
    text = f"{HEADER}\nexpert,Buurtteam Osdorp,M.A.,ED-1,30,,2023-01-01,,,,,,,,\n"
    assert upload(client_for(org_world.personas.orgrep), org_world, text).status_code == 302
    org_world.expert.refresh_from_db()
    request.refresh_from_db()
    assert (org_world.expert.member, org_world.expert.hours_per_week) == (None, Decimal("30"))
    assert request.status == MemberLinkRequest.Status.PENDING


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\x00\x01\x02binary", "This is not a CSV text file."),
        ("role,team\n".encode("utf-16"), "not a CSV text file"),
        (b"name,email\nA,a@example.org\n", "The file is missing these columns: role, team."),
        (b"role,team,salary\nexpert,Buurtteam Osdorp,1000\n", "columns we do not know: salary"),
        (b"role,team\n\n", "The file has no rows with data."),
        ("role,team,initials\nexpert,Buurtteam Osdorp,Ö\n".encode("latin-1"), "not in UTF-8"),
    ],
)
def test_a_bad_file_gives_a_clear_message(org_world, client_for, content, message):
    client = client_for(org_world.personas.orgrep)
    file = SimpleUploadedFile("data.csv", content, content_type="text/csv")
    before = counts()
    response = client.post(reverse("tandems:org_import", args=[org_world.organisation.slug]), {"file": file})
    assert response.status_code == 200
    assert message in response.text
    assert counts() == before


def test_no_file_at_all(org_world, client_for):
    response = client_for(org_world.personas.orgrep).post(
        reverse("tandems:org_import", args=[org_world.organisation.slug]), {}
    )
    assert response.status_code == 200
    assert "Choose a CSV file." in response.text


def test_html_in_a_file_is_shown_as_text_in_the_report(org_world, client_for):
    text = f"{HEADER}\nexpert,<script>alert(1)</script>,A.A.,ED-30,20,,2024-01-01,,,,,,,,\n"
    response = upload(client_for(org_world.personas.orgrep), org_world, text)
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_a_semicolon_file_from_a_dutch_spreadsheet_works(org_world, client_for):
    text = "role;team;initials;reference;hours;started\nexpert;Buurtteam Osdorp;A.A.;ED-30;20,5;01-02-2024\n"
    assert upload(client_for(org_world.personas.orgrep), org_world, text).status_code == 302
    assert EmployedExpert.objects.get(internal_reference="ED-30").hours_per_week == Decimal("20.5")
