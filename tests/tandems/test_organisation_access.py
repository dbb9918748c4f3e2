"""Who may read and change an organisation's own data: representatives (own organisation only),
coordinators (all), the municipality viewer (read only); everyone else 404 or 403."""

import pytest
from django.urls import reverse

from samenspel.tandems.models import EmployedExpert, Professional, Tandem, Training

pytestmark = pytest.mark.django_db


def read_urls(w, slug=None):
    slug = slug or w.organisation.slug
    return [
        reverse("tandems:org_detail", args=[slug]),
        reverse("tandems:expert_detail", args=[slug, w.expert.pk]),
    ]


def write_urls(w):
    slug = w.organisation.slug
    return [
        reverse("tandems:expert_create", args=[slug]),
        reverse("tandems:expert_edit", args=[slug, w.expert.pk]),
        reverse("tandems:training_create", args=[slug, w.expert.pk]),
        reverse("tandems:training_edit", args=[slug, w.expert.pk, w.training.pk]),
        reverse("tandems:professional_create", args=[slug]),
        reverse("tandems:professional_edit", args=[slug, w.professional.pk]),
        reverse("tandems:tandem_create", args=[slug]),
        reverse("tandems:tandem_edit", args=[slug, w.tandem.pk]),
        reverse("tandems:org_import", args=[slug]),
        reverse("tandems:org_export", args=[slug]),
    ]


def post_only_urls(w):
    slug = w.organisation.slug
    return [
        reverse("tandems:expert_delete", args=[slug, w.expert.pk]),
        reverse("tandems:training_delete", args=[slug, w.expert.pk, w.training.pk]),
        reverse("tandems:professional_delete", args=[slug, w.professional.pk]),
    ]


def counts():
    return (
        EmployedExpert.objects.count(),
        Training.objects.count(),
        Professional.objects.count(),
        Tandem.objects.count(),
    )


@pytest.mark.parametrize("persona", ["orgrep", "coordinator"])
def test_representatives_and_coordinators_read_and_change(org_world, client_for, persona):
    client = client_for(getattr(org_world.personas, persona))
    for url in read_urls(org_world) + write_urls(org_world):
        assert client.get(url).status_code == 200, url


def test_the_municipality_viewer_reads_every_organisation_but_changes_nothing(org_world, client_for):
    client = client_for(org_world.personas.municipality)
    for url in read_urls(org_world) + read_urls(org_world, org_world.other.slug)[:1]:
        assert client.get(url).status_code == 200, url
    before = counts()
    for url in write_urls(org_world):
        assert client.get(url).status_code == 403, url
        if "export" not in url:
            assert client.post(url, {"team": org_world.team.pk, "initials": "Z.Z."}).status_code == 403, url
    for url in post_only_urls(org_world):
        assert client.post(url).status_code == 403, url
    assert counts() == before


@pytest.mark.parametrize("persona", ["member", "outsider", "kartrekker"])
def test_other_members_do_not_know_the_organisation_data_exists(org_world, client_for, persona):
    client = client_for(getattr(org_world.personas, persona))
    before = counts()
    for url in read_urls(org_world) + write_urls(org_world):
        assert client.get(url).status_code == 404, url
    for url in write_urls(org_world)[:-1] + post_only_urls(org_world):  # the export answers GET only
        assert client.post(url, {"team": org_world.team.pk, "initials": "Z.Z."}).status_code == 404, url
    assert client.get(reverse("tandems:org_list")).status_code == 403
    assert counts() == before


def test_a_representative_of_another_organisation_gets_404_for_everything(org_world, client_for):
    client = client_for(org_world.other_rep)
    before = counts()
    for url in read_urls(org_world) + write_urls(org_world):
        assert client.get(url).status_code == 404, url
    for url in write_urls(org_world)[:-1] + post_only_urls(org_world):  # the export answers GET only
        assert client.post(url, {"team": org_world.team.pk, "initials": "Z.Z."}).status_code == 404, url
    assert counts() == before
    # ... and sees only their own organisation in the list.
    page = client.get(reverse("tandems:org_list"))
    assert page.status_code == 200
    assert "Buurtwerk Oost" in page.text
    assert org_world.organisation.name not in page.text


def test_objects_of_another_organisation_answer_404_under_your_own(org_world, client_for):
    """Foreign ids in the address: the other organisation's expert under our organisation's slug."""
    client = client_for(org_world.personas.orgrep)
    slug = org_world.organisation.slug
    w = org_world
    urls = [
        reverse("tandems:expert_detail", args=[slug, w.other_expert.pk]),
        reverse("tandems:expert_edit", args=[slug, w.other_expert.pk]),
        reverse("tandems:training_create", args=[slug, w.other_expert.pk]),
        reverse("tandems:training_edit", args=[slug, w.expert.pk, 999999]),
        reverse("tandems:professional_edit", args=[slug, w.other_professional.pk]),
        reverse("tandems:tandem_edit", args=[slug, w.other_tandem.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    before = counts()
    for url in [
        reverse("tandems:expert_delete", args=[slug, w.other_expert.pk]),
        reverse("tandems:professional_delete", args=[slug, w.other_professional.pk]),
    ]:
        assert client.post(url).status_code == 404, url
    assert counts() == before


def test_a_partner_organisation_has_no_own_data_pages(org_world, client_for):
    from tests.factories.organisations import OrganisationFactory

    partner = OrganisationFactory(kind="partner", slug="herstel-lab")
    partner.representatives.add(org_world.personas.orgrep)
    client = client_for(org_world.personas.coordinator)
    assert client.get(reverse("tandems:org_detail", args=[partner.slug])).status_code == 404


def test_visitors_are_sent_to_log_in_and_pending_members_get_403(org_world, client_for):
    url = reverse("tandems:org_detail", args=[org_world.organisation.slug])
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert client_for(org_world.personas.pending).get(reverse("tandems:org_list")).status_code == 403
    assert client_for(org_world.personas.pending).get(url).status_code == 404
