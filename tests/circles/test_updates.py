import pytest
from django.urls import reverse

from samenspel.circles.models import CircleMembership, CircleUpdate
from samenspel.core.models import AuditLogEntry
from tests.factories.circles import CircleFactory, CircleMembershipFactory, CircleUpdateFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


def create_url(circle):
    return reverse("circles:update_create", args=[circle.slug])


def edit_url(update, circle=None):
    return reverse("circles:update_edit", args=[(circle or update.circle).slug, update.pk])


def delete_url(update, circle=None):
    return reverse("circles:update_delete", args=[(circle or update.circle).slug, update.pk])


def test_kartrekker_posts_a_markdown_update(personas, client_for):
    body = "De kring is **volop** in beweging.\n\n- eerste punt\n- [meer](https://example.org)"
    response = client_for(personas.kartrekker).post(
        create_url(personas.circle), {"title": "Stand van zaken", "body": body}
    )
    assert response.status_code == 302
    update = CircleUpdate.objects.get(circle=personas.circle)
    assert update.author == personas.kartrekker
    assert "<strong>volop</strong>" in update.body_html
    assert "<li>eerste punt</li>" in update.body_html
    assert 'href="https://example.org"' in update.body_html
    page = client_for(personas.outsider).get(reverse("circles:detail", args=[personas.circle.slug])).content.decode()
    assert "<strong>volop</strong>" in page
    assert AuditLogEntry.objects.filter(action="circle.update.posted", actor=personas.kartrekker).exists()


def test_coordinator_may_post_an_update(personas, client_for):
    client_for(personas.coordinator).post(create_url(personas.circle), {"title": "Kort", "body": "Tekst"})
    assert CircleUpdate.objects.filter(circle=personas.circle, author=personas.coordinator).exists()


@pytest.mark.parametrize(
    "body,forbidden",
    [
        ("<script>alert('x')</script>Hallo", "<script"),
        ("[klik](javascript:alert(1))", "javascript:"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ('<p style="color:red" onclick="alert(1)">x</p>', "onclick"),
    ],
)
def test_dangerous_html_is_stripped(personas, client_for, body, forbidden):
    client_for(personas.kartrekker).post(create_url(personas.circle), {"title": "Test", "body": body})
    update = CircleUpdate.objects.get(circle=personas.circle)
    assert forbidden not in update.body_html
    page = client_for(None).get(reverse("circles:detail", args=[personas.circle.slug])).content.decode()
    assert forbidden not in page.split("<main", 1)[1]


def test_html_in_the_title_is_escaped(personas, client_for):
    client_for(personas.kartrekker).post(
        create_url(personas.circle), {"title": "<script>alert(1)</script>", "body": "x"}
    )
    page = client_for(None).get(reverse("circles:detail", args=[personas.circle.slug])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    "data,message",
    [
        ({"title": "", "body": "x"}, "Fill in a title."),
        ({"title": "   ", "body": "x"}, "Fill in a title."),
        ({"title": "x", "body": ""}, "Write the text of the update."),
        ({"title": "x" * 151, "body": "x"}, "The title is too long. Use at most 150 characters (now 151)."),
        ({"title": "x", "body": "x" * 20001}, "The text is too long. Use at most 20000 characters (now 20001)."),
        ({"title": "x\x00y", "body": "x"}, "Null characters are not allowed."),
        ({}, "Fill in a title."),
    ],
)
def test_bad_input_shows_a_message_and_saves_nothing(personas, client_for, data, message):
    response = client_for(personas.kartrekker).post(create_url(personas.circle), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CircleUpdate.objects.exists()


def test_longest_allowed_update_is_saved(personas, client_for):
    client_for(personas.kartrekker).post(create_url(personas.circle), {"title": "t" * 150, "body": "b" * 20000})
    assert CircleUpdate.objects.filter(circle=personas.circle).count() == 1


@pytest.mark.parametrize("persona", ["member", "outsider", "pending"])
def test_non_leads_cannot_post(personas, client_for, persona):
    client = client_for(getattr(personas, persona))
    assert client.get(create_url(personas.circle)).status_code == 403
    assert client.post(create_url(personas.circle), {"title": "x", "body": "y"}).status_code == 403
    assert not CircleUpdate.objects.exists()


def test_visitor_is_sent_to_log_in_to_post(personas, client_for):
    response = client_for(None).post(create_url(personas.circle), {"title": "x", "body": "y"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not CircleUpdate.objects.exists()


def test_a_kartrekker_of_another_circle_cannot_post_here(personas, client_for):
    other = CircleFactory()
    lead = MemberFactory()
    CircleMembershipFactory(circle=other, member=lead, role=CircleMembership.Role.LEAD)
    assert client_for(lead).post(create_url(personas.circle), {"title": "x", "body": "y"}).status_code == 403


def test_a_requested_lead_is_not_a_lead(personas, client_for):
    lead = MemberFactory()
    CircleMembershipFactory(
        circle=personas.circle, member=lead, role=CircleMembership.Role.LEAD, status=CircleMembership.Status.REQUESTED
    )
    assert client_for(lead).get(create_url(personas.circle)).status_code == 403


def test_kartrekker_edits_an_update_and_html_is_rendered_again(personas, client_for):
    update = CircleUpdateFactory(circle=personas.circle, author=personas.kartrekker)
    client = client_for(personas.kartrekker)
    assert client.get(edit_url(update)).status_code == 200
    response = client.post(edit_url(update), {"title": "Nieuw", "body": "*schuin* <script>x</script>"})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.title == "Nieuw"
    assert "<em>schuin</em>" in update.body_html
    assert "<script" not in update.body_html
    assert AuditLogEntry.objects.filter(action="circle.update.edited").exists()


def test_edit_with_bad_input_keeps_the_old_update(personas, client_for):
    update = CircleUpdateFactory(circle=personas.circle, title="Oud")
    response = client_for(personas.kartrekker).post(edit_url(update), {"title": "", "body": "x" * 20001})
    assert response.status_code == 200
    update.refresh_from_db()
    assert update.title == "Oud"


def test_kartrekker_deletes_an_update_after_confirming(personas, client_for):
    update = CircleUpdateFactory(circle=personas.circle)
    client = client_for(personas.kartrekker)
    assert client.get(delete_url(update)).status_code == 200
    assert CircleUpdate.objects.filter(pk=update.pk).exists()
    assert client.post(delete_url(update)).status_code == 302
    assert not CircleUpdate.objects.filter(pk=update.pk).exists()
    assert AuditLogEntry.objects.filter(action="circle.update.deleted").exists()


def test_coordinator_may_edit_and_delete(personas, client_for):
    update = CircleUpdateFactory(circle=personas.circle)
    client = client_for(personas.coordinator)
    assert client.post(edit_url(update), {"title": "Door coco", "body": "x"}).status_code == 302
    assert client.post(delete_url(update)).status_code == 302
    assert not CircleUpdate.objects.filter(pk=update.pk).exists()


@pytest.mark.parametrize("persona", ["member", "outsider", "pending"])
def test_non_leads_cannot_edit_or_delete(personas, client_for, persona):
    update = CircleUpdateFactory(circle=personas.circle, title="Blijft")
    client = client_for(getattr(personas, persona))
    assert client.get(edit_url(update)).status_code == 403
    assert client.post(edit_url(update), {"title": "Weg", "body": "x"}).status_code == 403
    assert client.post(delete_url(update)).status_code == 403
    update.refresh_from_db()
    assert update.title == "Blijft"


def test_visitor_is_sent_to_log_in_to_delete(personas, client_for):
    update = CircleUpdateFactory(circle=personas.circle)
    response = client_for(None).post(delete_url(update))
    assert response.status_code == 302
    assert CircleUpdate.objects.filter(pk=update.pk).exists()


def test_an_update_of_another_circle_is_404(personas, client_for):
    foreign = CircleUpdateFactory(circle=CircleFactory())
    client = client_for(personas.kartrekker)
    # Addressed through the kartrekker's own circle: it does not exist there.
    assert client.get(edit_url(foreign, circle=personas.circle)).status_code == 404
    assert client.post(delete_url(foreign, circle=personas.circle)).status_code == 404
    # Addressed through its own circle: the kartrekker does not lead that one.
    assert client.post(delete_url(foreign)).status_code == 403
    assert CircleUpdate.objects.filter(pk=foreign.pk).exists()


def test_unknown_update_is_404(personas, client_for):
    client = client_for(personas.kartrekker)
    assert client.get(f"/circles/{personas.circle.slug}/updates/999999/edit/").status_code == 404
    assert client.get(f"/circles/{personas.circle.slug}/updates/abc/edit/").status_code == 404


def test_edit_links_are_shown_only_to_leads(personas, client_for):
    update = CircleUpdateFactory(circle=personas.circle)
    url = reverse("circles:detail", args=[personas.circle.slug])
    assert edit_url(update) in client_for(personas.kartrekker).get(url).content.decode()
    assert edit_url(update) in client_for(personas.coordinator).get(url).content.decode()
    assert edit_url(update) not in client_for(personas.member).get(url).content.decode()
    assert edit_url(update) not in client_for(None).get(url).content.decode()


def test_circle_page_shows_ten_updates_and_links_to_all(personas, client_for):
    for i in range(12):
        CircleUpdateFactory(circle=personas.circle, title=f"Update nummer {i:02d}")
    page = client_for(None).get(reverse("circles:detail", args=[personas.circle.slug])).content.decode()
    assert page.count('class="samenspel-update"') == 10
    assert reverse("circles:updates", args=[personas.circle.slug]) in page
    all_updates = client_for(None).get(reverse("circles:updates", args=[personas.circle.slug]))
    assert all_updates.status_code == 200
    assert all_updates.content.decode().count('class="samenspel-update"') == 12


def test_updates_page_handles_bad_page_numbers(personas, client_for):
    CircleUpdateFactory(circle=personas.circle)
    url = reverse("circles:updates", args=[personas.circle.slug])
    for page in ("abc", "-1", "99999", "<script>"):
        assert client_for(None).get(url, {"page": page}).status_code == 200


def test_headings_in_an_update_sit_under_its_title_on_every_page(personas, client_for):
    """The update's title is an h3 on the circle page and an h2 on the updates page: no level is skipped."""
    import re

    CircleUpdateFactory(circle=personas.circle, title="Stand", body="## Wat we deden\n\ntekst\n\n#### Details")
    circle_page = client_for(None).get(reverse("circles:detail", args=[personas.circle.slug])).content.decode()
    updates_page = client_for(None).get(reverse("circles:updates", args=[personas.circle.slug])).content.decode()
    assert re.findall(r"<(h[1-6])>(Wat we deden|Details)<", circle_page) == [("h4", "Wat we deden"), ("h5", "Details")]
    assert re.findall(r"<(h[1-6])>(Wat we deden|Details)<", updates_page) == [("h3", "Wat we deden"), ("h4", "Details")]
