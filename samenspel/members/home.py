"""The members app's items on the home page (registered with samenspel.core.home)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspel.core.home import Item

from .models import Member


def sign_ups_waiting(user, scope) -> list[Item]:
    """Coordinators: sign-ups that wait for a decision. One query."""
    count = Member.objects.filter(status=Member.Status.PENDING).count()
    if not count:
        return []
    text = ngettext("%(count)s person waits for your decision.", "%(count)s people wait for your decision.", count) % {
        "count": count
    }
    return [Item(title=_("Sign-ups waiting"), url=reverse("members:pending"), text=text, count=count)]
