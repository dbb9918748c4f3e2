import pytest
from django.urls import reverse

from samenspel.core.audit import log_action
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


def test_newest_first_with_actor_action_target_and_data(personas, client_for):
    log_action(actor=personas.member, action="member.profile.updated", target=personas.member, data={"fields": ["bio"]})
    log_action(actor=personas.coordinator, action="circle.update.posted", target=personas.circle)
    response = client_for(personas.coordinator).get(reverse("coordination:audit"))
    html = response.content.decode()
    assert html.index("circle.update.posted") < html.index("member.profile.updated")
    assert "Mila Member" in html and "members.member #" in html and "bio" in html


def test_filter_by_action_prefix(personas, client_for):
    log_action(actor=personas.member, action="member.profile.updated")
    log_action(actor=personas.member, action="circle.update.posted")
    client = client_for(personas.coordinator)
    html = client.get(reverse("coordination:audit"), {"action": "member."}).content.decode()
    assert "member.profile.updated" in html and "circle.update.posted" not in html
    for bad in ("x" * 500, "<script>", "%00"):
        response = client.get(reverse("coordination:audit"), {"action": bad, "page": "abc"})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_pagination_keeps_the_filter(personas, client_for):
    for _ in range(60):
        log_action(actor=personas.member, action="member.profile.updated")
    html = client_for(personas.coordinator).get(reverse("coordination:audit"), {"action": "member."}).content.decode()
    assert "?action=member.&amp;page=2" in html


def test_audit_page_query_count_is_constant(personas, client_for, django_assert_max_num_queries):
    actors = MemberFactory.create_batch(100, consented=False)
    for actor in actors:
        for _ in range(3):
            log_action(actor=actor, action="member.profile.updated", target=actor)
    client = client_for(personas.coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("coordination:audit"))
    assert len(response.context["page"].object_list) == 50
