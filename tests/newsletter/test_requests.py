"""Kartrekkers write their circle's update for an edition: their own circle only, sanitised, a circle update."""

import pytest
from django.urls import reverse

from samenspel.circles.models import CircleMembership, CircleUpdate
from samenspel.newsletter.models import Edition, UpdateRequest
from tests.factories.circles import CircleFactory, CircleMembershipFactory, CircleUpdateFactory
from tests.factories.members import MemberFactory
from tests.round_trip import assert_page_offers, assert_saved

UPDATE = {"title": "Stand van zaken: participatief onderzoek", "body": "We kwamen op **25 september** bijeen."}


def test_a_kartrekker_sees_the_request_in_the_list_and_writes_the_update(client_for, personas, update_request):
    client = client_for(personas.kartrekker)
    listing = client.get(reverse("newsletter:requests"))
    assert listing.status_code == 200
    assert reverse("newsletter:request", args=[update_request.pk]) in listing.content.decode()
    assert_page_offers(client.get(reverse("newsletter:request", args=[update_request.pk])), UPDATE)

    response = client.post(reverse("newsletter:request", args=[update_request.pk]), UPDATE)

    assert response.status_code == 302
    update_request.refresh_from_db()
    update = update_request.update
    assert_saved(update, UPDATE)
    assert update.circle == personas.circle and update.author == personas.kartrekker
    assert "<strong>25 september</strong>" in update.body_html
    assert update_request.submitted_at is not None
    circle_page = client.get(reverse("circles:detail", args=[personas.circle.slug])).content.decode()
    assert "Stand van zaken: participatief onderzoek" in circle_page  # one text: on the circle page too
    preview = client_for(personas.coordinator).get(reverse("newsletter:preview", args=[update_request.edition_id]))
    assert "Stand van zaken: participatief onderzoek" in preview.content.decode()


def test_writing_again_changes_the_same_update(client_for, personas, update_request):
    client = client_for(personas.kartrekker)
    client.post(reverse("newsletter:request", args=[update_request.pk]), UPDATE)
    client.post(reverse("newsletter:request", args=[update_request.pk]), {**UPDATE, "title": "Nieuwe titel"})
    assert CircleUpdate.objects.filter(circle=personas.circle).count() == 1
    update_request.refresh_from_db()
    assert update_request.update.title == "Nieuwe titel"


def test_html_and_scripts_in_the_update_are_sanitised(client_for, personas, update_request):
    body = '<script>alert("x")</script><img src=x onerror=alert(1)> [klik](javascript:alert(1)) <em>ok</em>'
    client_for(personas.kartrekker).post(
        reverse("newsletter:request", args=[update_request.pk]), {**UPDATE, "body": body}
    )
    update_request.refresh_from_db()
    html = update_request.update.body_html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html and "<img" not in html
    assert "<em>ok</em>" in html


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "body": "tekst"}, "title"),
        ({"title": "titel", "body": ""}, "body"),
        ({"title": "   ", "body": "tekst"}, "title"),
        ({"title": "x" * 151, "body": "tekst"}, "title"),
        ({"title": "titel", "body": "x" * 20001}, "body"),
    ],
)
def test_bad_input_writes_nothing(client_for, personas, update_request, data, field):
    response = client_for(personas.kartrekker).post(reverse("newsletter:request", args=[update_request.pk]), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not CircleUpdate.objects.exists()


def test_a_kartrekker_cannot_write_for_another_circle(client_for, personas, edition):
    other = CircleFactory(name="Kring Armoede")
    other_lead = MemberFactory()
    CircleMembershipFactory(circle=other, member=other_lead, role=CircleMembership.Role.LEAD)
    foreign = UpdateRequest.objects.create(edition=edition, circle=other)
    client = client_for(personas.kartrekker)

    assert client.get(reverse("newsletter:request", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("newsletter:request", args=[foreign.pk]), UPDATE).status_code == 404
    assert client.post(reverse("newsletter:request_choose", args=[foreign.pk]), {}).status_code == 404
    assert not CircleUpdate.objects.filter(circle=other).exists()
    assert (
        reverse("newsletter:request", args=[foreign.pk])
        not in client.get(reverse("newsletter:requests")).content.decode()
    )


@pytest.mark.parametrize("who", ["member", "outsider", "orgrep", "municipality"])
def test_members_who_do_not_lead_the_circle_get_404(client_for, personas, update_request, who):
    client = client_for(getattr(personas, who))
    assert client.get(reverse("newsletter:request", args=[update_request.pk])).status_code == 404
    assert client.post(reverse("newsletter:request", args=[update_request.pk]), UPDATE).status_code == 404


def test_a_pending_member_gets_403_and_a_visitor_logs_in(client_for, personas, update_request):
    url = reverse("newsletter:request", args=[update_request.pk])
    assert client_for(personas.pending).get(url).status_code == 403
    response = client_for(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_a_former_kartrekker_loses_the_request(client_for, personas, update_request):
    CircleMembership.objects.filter(member=personas.kartrekker).update(role=CircleMembership.Role.MEMBER)
    assert (
        client_for(personas.kartrekker).get(reverse("newsletter:request", args=[update_request.pk])).status_code == 404
    )


def test_a_coordinator_may_write_on_behalf_of_a_circle(client_for, personas, update_request):
    response = client_for(personas.coordinator).post(reverse("newsletter:request", args=[update_request.pk]), UPDATE)
    assert response.status_code == 302
    update_request.refresh_from_db()
    assert update_request.update.author == personas.coordinator


def test_choosing_an_update_already_posted(client_for, personas, update_request):
    posted = CircleUpdateFactory(circle=personas.circle, title="Al eerder geplaatst")
    client = client_for(personas.kartrekker)
    page = client.get(reverse("newsletter:request", args=[update_request.pk]))
    assert_page_offers(page, {"choose-update": str(posted.pk)})

    response = client.post(reverse("newsletter:request_choose", args=[update_request.pk]), {"choose-update": posted.pk})

    assert response.status_code == 302
    update_request.refresh_from_db()
    assert update_request.update == posted


@pytest.mark.parametrize("value", ["", "abc", "-1", "99999999", "<script>"])
def test_choosing_a_bad_or_foreign_update_is_refused(client_for, personas, update_request, value):
    response = client_for(personas.kartrekker).post(
        reverse("newsletter:request_choose", args=[update_request.pk]), {"choose-update": value}
    )
    assert response.status_code == 400
    update_request.refresh_from_db()
    assert update_request.update is None


def test_an_update_of_another_circle_cannot_be_chosen(client_for, personas, update_request):
    foreign = CircleUpdateFactory(circle=CircleFactory())
    response = client_for(personas.kartrekker).post(
        reverse("newsletter:request_choose", args=[update_request.pk]), {"choose-update": foreign.pk}
    )
    assert response.status_code == 400
    assert response.context["choose_form"].errors["update"] == ["Choose one of your circle's updates in the list."]
    assert "Choose one of your circle&#x27;s updates in the list." in response.content.decode()
    update_request.refresh_from_db()
    assert update_request.update is None


def test_nothing_changes_once_the_edition_is_sent(client_for, personas, update_request):
    Edition.objects.filter(pk=update_request.edition_id).update(status=Edition.Status.SENT)
    client = client_for(personas.kartrekker)
    page = client.get(reverse("newsletter:request", args=[update_request.pk]))
    assert page.status_code == 200
    assert "can no longer change" in page.content.decode()
    response = client.post(reverse("newsletter:request", args=[update_request.pk]), UPDATE, follow=True)
    assert "can no longer change" in response.content.decode()
    assert not CircleUpdate.objects.exists()
    assert (
        reverse("newsletter:request", args=[update_request.pk])
        not in client.get(reverse("newsletter:requests")).content.decode()
    )


def test_the_selector_for_the_home_pages(personas, update_request, edition):
    from samenspel.newsletter import selectors

    assert list(selectors.requests_waiting_for(personas.kartrekker)) == [update_request]
    assert list(selectors.requests_waiting_for(personas.member)) == []
    waiting = list(selectors.editions_waiting_for_updates())
    assert waiting == [edition] and waiting[0].missing_count == 1
    update_request.update = CircleUpdateFactory(circle=personas.circle)
    update_request.save()
    assert list(selectors.requests_waiting_for(personas.kartrekker)) == []
    assert list(selectors.editions_waiting_for_updates()) == []
