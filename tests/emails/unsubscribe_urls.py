"""The site's URLs plus one unsubscribe view built with samenspel.core.unsubscribe, for its tests."""

from django.urls import path

from samenspel.core.unsubscribe import Subscription, unsubscribe_view
from samenspel.urls import handler403, handler404, handler500  # noqa: F401
from samenspel.urls import urlpatterns as site_urlpatterns

# What the test view stops: a set of unsubscribed names, kept in memory by the test.
unsubscribed: set[str] = set()


def _lookup(value) -> Subscription:
    return Subscription(what=f"test emails for {value['name']}", active=value["name"] not in unsubscribed)


def _apply(value) -> bool:
    if value["name"] in unsubscribed:
        return False
    unsubscribed.add(value["name"])
    return True


urlpatterns = [
    *site_urlpatterns,
    path(
        "test-unsubscribe/<str:token>/",
        unsubscribe_view(scope="test", lookup=_lookup, apply=_apply),
        name="test_unsubscribe",
    ),
]
