"""The Messages page: only the recipient's own, unread first; marking read; the count in the menu."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.notifications.models import Notification
from tests.factories.members import MemberFactory
from tests.factories.notifications import NotificationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIST = reverse("notifications:list")


def read_row(**kwargs):
    return NotificationFactory(read_at=timezone.now(), **kwargs)


def test_unread_come_first_then_newest_first(personas, client_for):
    me = personas.member
    old_unread = NotificationFactory(recipient=me, params={"circle": "A", "title": "old unread"})
    read = read_row(recipient=me, params={"circle": "A", "title": "read one"})
    NotificationFactory(recipient=me, params={"circle": "A", "title": "new unread"})
    Notification.objects.filter(pk=old_unread.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))

    page = client_for(me).get(LIST).content.decode()

    positions = [page.index(title) for title in ("new unread", "old unread", "read one")]
    assert positions == sorted(positions)
    assert page.count(">New</span>") == 2
    assert str(read.pk) in page


def test_only_my_own_messages_are_listed(personas, client_for):
    NotificationFactory(recipient=personas.kartrekker, params={"circle": "A", "title": "for the kartrekker"})
    mine = NotificationFactory(recipient=personas.member, params={"circle": "A", "title": "for me"})
    page = client_for(personas.member).get(LIST).content.decode()
    assert "for me" in page and "for the kartrekker" not in page
    assert f"notification-{mine.pk}" in page


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_an_empty_list_says_so(personas, client_for):
    assert b"You have no messages yet." in client_for(personas.member).get(LIST).content


def test_marking_one_read_works_without_javascript(personas, client_for):
    mine = NotificationFactory(recipient=personas.member)
    other = NotificationFactory(recipient=personas.member)
    response = client_for(personas.member).post(reverse("notifications:mark_read", args=[mine.pk]), {"page": "1"})
    assert response.status_code == 302 and response["Location"] == LIST
    mine.refresh_from_db(), other.refresh_from_db()
    assert mine.read_at is not None and other.read_at is None


def test_marking_read_again_keeps_the_first_time(personas, client_for):
    mine = read_row(recipient=personas.member)
    first = mine.read_at
    client_for(personas.member).post(reverse("notifications:mark_read", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.read_at == first


@pytest.mark.parametrize("persona", ["outsider", "kartrekker", "coordinator", "pending"])
def test_someone_elses_message_does_not_exist_for_anyone_else(personas, client_for, persona):
    theirs = NotificationFactory(recipient=personas.member)
    response = client_for(getattr(personas, persona)).post(reverse("notifications:mark_read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_takes_only_post(personas, client_for):
    mine = NotificationFactory(recipient=personas.member)
    assert client_for(personas.member).get(reverse("notifications:mark_read", args=[mine.pk])).status_code == 405
    assert client_for(personas.member).get(reverse("notifications:mark_all_read")).status_code == 405


def test_a_bad_page_number_goes_back_to_the_first_page(personas, client_for):
    mine = NotificationFactory(recipient=personas.member)
    for page in ("<script>", "-1", "99999999999", ""):
        response = client_for(personas.member).post(reverse("notifications:mark_read", args=[mine.pk]), {"page": page})
        assert response["Location"] == LIST


def test_mark_all_read_marks_only_mine(personas, client_for):
    NotificationFactory.create_batch(3, recipient=personas.member)
    theirs = NotificationFactory(recipient=personas.kartrekker)
    response = client_for(personas.member).post(reverse("notifications:mark_all_read"), follow=True)
    assert b"3 messages marked as read." in response.content
    assert not Notification.objects.filter(recipient=personas.member, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_htmx_gets_the_item_and_the_menus_count(personas, client_for):
    mine = NotificationFactory(recipient=personas.member)
    NotificationFactory(recipient=personas.member)
    response = client_for(personas.member).post(
        reverse("notifications:mark_read", args=[mine.pk]), {"page": "1"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="notification-{mine.pk}"' in html and "Mark as read" not in html
    assert 'id="unread-notifications" data-hx-swap-oob="true"' in html
    assert ">1 unread<" in html  # one unread left


def test_the_menu_shows_the_unread_count_outside_the_cached_menu(personas, client_for):
    client = client_for(personas.member)
    assert "samenspel-nav__count" not in client.get(reverse("home")).content.decode()
    NotificationFactory.create_batch(2, recipient=personas.member)
    page = client.get(reverse("home")).content.decode()  # the cached menu fragment is not stale for the count
    assert '<span class="samenspel-badge samenspel-nav__count">2 unread</span>' in page
    assert f'href="{LIST}"' in page


def test_visitors_see_no_messages_link(client):
    assert f'href="{LIST}"'.encode() not in client.get(reverse("home")).content


def test_the_list_runs_the_same_few_queries_for_many_rows(personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.member)
    NotificationFactory.create_batch(3, recipient=personas.member)
    client.get(LIST)  # warm the caches
    with django_assert_max_num_queries(10) as few:
        client.get(LIST)
    NotificationFactory.create_batch(120, recipient=personas.member)
    read = Notification.objects.filter(recipient=personas.member)[:40]
    Notification.objects.filter(pk__in=[row.pk for row in read]).update(read_at=timezone.now())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert response.content.decode().count('<li class="samenspel-notification') == 50


def test_the_second_page_is_reachable(personas, client_for):
    NotificationFactory.create_batch(55, recipient=personas.member)
    response = client_for(personas.member).get(LIST, {"page": 2})
    assert response.content.decode().count('<li class="samenspel-notification') == 5


def test_someone_with_many_people_notified_sees_only_their_count(personas, client_for):
    for _ in range(3):
        NotificationFactory(recipient=MemberFactory())
    NotificationFactory(recipient=personas.member)
    page = client_for(personas.member).get(LIST).content.decode()
    assert '<span class="samenspel-badge samenspel-nav__count">1 unread</span>' in page
