"""Reflections: each partner writes their own per module; private to the tandem and its coach
unless shared (then the organisation's representatives and the coordinators read it too)."""

import pytest
from django.urls import reverse

from samenspel.tandems.models import Reflection
from samenspel.tandems.services import trajectory as services_trajectory

SECRET = "Ik merkte dat mijn eigen ervaring met schulden nog pijn doet."


def write(client, tot, *, module=None, text=SECRET, shared=False):
    data = {"text": text}
    if shared:
        data["is_shared"] = "on"
    module = module or tot.modules[0]
    return client.post(reverse("tandems:reflection_edit", args=[tot.enrolment.pk, module.pk]), data)


def page(client, tot) -> tuple[int, str]:
    response = client.get(reverse("tandems:enrolment_detail", args=[tot.enrolment.pk]))
    return response.status_code, response.content.decode() if response.status_code == 200 else ""


def test_a_partner_writes_a_reflection_as_their_own_role(tot, client_for):
    response = write(client_for(tot.expert), tot)
    assert response.url == reverse("tandems:enrolment_detail", args=[tot.enrolment.pk])
    reflection = Reflection.objects.get()
    assert reflection.partner == Reflection.Partner.EXPERT
    assert reflection.author == tot.expert
    assert reflection.is_shared is False
    write(client_for(tot.professional), tot, text="Ik leerde luisteren.")
    assert set(Reflection.objects.values_list("partner", flat=True)) == {"expert", "professional"}


def test_writing_again_changes_the_reflection(tot, client_for):
    client = client_for(tot.expert)
    write(client, tot)
    write(client, tot, text="Nieuwe tekst.", shared=True)
    reflection = Reflection.objects.get()
    assert (reflection.text, reflection.is_shared) == ("Nieuwe tekst.", True)


def test_a_private_reflection_is_read_by_the_tandem_and_its_coach_only(tot, client_for):
    write(client_for(tot.expert), tot)
    for person in (tot.expert, tot.professional, tot.coach):
        status, body = page(client_for(person), tot)
        assert status == 200 and SECRET in body
    for person in (tot.personas.orgrep, tot.personas.coordinator, tot.personas.municipality):
        status, body = page(client_for(person), tot)
        assert status == 200
        assert SECRET not in body
        assert "The reflections on this module are private." in body
    for person in (tot.personas.outsider, tot.personas.member, tot.other_rep, tot.other_tandem.coach):
        status, body = page(client_for(person), tot)
        assert status == 404


def test_a_shared_reflection_is_read_by_the_organisation_and_the_coordinators_not_the_municipality(tot, client_for):
    write(client_for(tot.expert), tot, shared=True)
    for person in (tot.personas.orgrep, tot.personas.coordinator, tot.coach, tot.professional):
        status, body = page(client_for(person), tot)
        assert status == 200 and SECRET in body
    status, body = page(client_for(tot.personas.municipality), tot)
    assert status == 200 and SECRET not in body
    assert page(client_for(tot.other_rep), tot)[0] == 404


def test_reflections_do_not_show_on_the_trajectory_page_or_the_list(tot, client_for):
    write(client_for(tot.expert), tot, shared=True)
    for person in (tot.personas.coordinator, tot.expert):
        client = client_for(person)
        assert SECRET not in client.get(reverse("tandems:trajectory_detail", args=["tot"])).content.decode()
        assert SECRET not in client.get(reverse("tandems:trajectory_list")).content.decode()


@pytest.mark.parametrize("who", ["coach", "orgrep", "coordinator", "municipality"])
def test_only_the_partners_write_reflections(tot, client_for, who):
    person = getattr(tot, who, None) or getattr(tot.personas, who)
    response = write(client_for(person), tot)
    assert response.status_code == 403
    assert not Reflection.objects.exists()


def test_an_outsider_or_another_tandems_partner_gets_404(tot, client_for):
    other_expert = tot.other_tandem.expert.member
    for person in (tot.personas.outsider, other_expert):
        assert write(client_for(person), tot).status_code == 404
    assert not Reflection.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Write your reflection."), ("   ", "Write your reflection."), ("x" * 10001, "This is too long")],
)
def test_bad_reflections_are_refused(tot, client_for, text, message):
    response = write(client_for(tot.expert), tot, text=text)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Reflection.objects.exists()


def test_html_in_a_reflection_is_shown_as_text(tot, client_for):
    write(client_for(tot.expert), tot, text="<script>alert(1)</script>")
    _status, body = page(client_for(tot.professional), tot)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_a_module_of_another_trajectory_is_404(tot, client_for):
    from tests.factories.tandems import ModuleFactory

    response = write(client_for(tot.expert), tot, module=ModuleFactory())
    assert response.status_code == 404


def test_the_service_refuses_a_made_up_partner_role(tot):
    with pytest.raises(services_trajectory.TrajectoryError):
        services_trajectory.write_reflection(
            actor=tot.coach, enrolment=tot.enrolment, module=tot.modules[0], partner="coach", text="x", is_shared=False
        )
    assert not Reflection.objects.exists()
