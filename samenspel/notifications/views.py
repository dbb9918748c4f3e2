from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.core import member_counts
from samenspel.core.unsubscribe import Subscription, unsubscribe_view

from . import messages as texts
from . import selectors, services
from .access import get_notification_for
from .emails import SCOPE
from .forms import SettingsForm
from .models import Frequency, Kind

PAGE_SIZE = 50


def _page_number(value) -> int:
    return int(value) if value and str(value).isdigit() and len(str(value)) < 6 else 1


def _list_url(page: int) -> str:
    url = reverse("notifications:list")
    return f"{url}?page={page}" if page > 1 else url


@login_required
@require_safe
def inbox(request):
    page = Paginator(selectors.inbox(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    for notification in page:
        notification.text = texts.text(kind=notification.kind, message=notification.message, params=notification.params)
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def mark_read(request, pk):
    notification = get_notification_for(request.user, pk)
    services.mark_read(member=request.user, notification=notification)
    member_counts.forget(request, selectors.UNREAD_COUNT)  # the menu's count, read afresh
    if request.headers.get("HX-Request"):
        # htmx: the item, read now, and the menu's count (out of band).
        notification.refresh_from_db()
        notification.text = texts.text(kind=notification.kind, message=notification.message, params=notification.params)
        context = {"notification": notification, "page_number": _page_number(request.POST.get("page")), "oob": True}
        return render(request, "notifications/includes/item.html", context)
    messages.success(request, _("The message is marked as read."))
    return redirect(_list_url(_page_number(request.POST.get("page"))))


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(member=request.user)
    if count:
        messages.success(
            request,
            ngettext("%(count)s message marked as read.", "%(count)s messages marked as read.", count)
            % {"count": count},
        )
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings(request):
    current = selectors.frequencies_of(request.user)
    form = SettingsForm(request.POST or None, initial_frequencies=current, kinds=selectors.kinds_for(request.user))
    if request.method == "POST" and form.is_valid():
        services.save_settings(member=request.user, frequencies=form.frequencies())
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:settings")
    status = 400 if request.method == "POST" else 200
    return render(request, "notifications/settings.html", {"form": form}, status=status)


# --- one-click unsubscribe (links in emails; no login) ------------------------------------------


def _read(value) -> tuple:
    """(member or None, kinds) from a token's value."""
    if not isinstance(value, dict) or not isinstance(value.get("m"), int) or not isinstance(value.get("k"), list):
        return None, []
    kinds = [kind for kind in value["k"] if kind in Kind.values]
    member = get_user_model().objects.filter(pk=value["m"]).first() if kinds else None
    return member, kinds


def _what(kinds: list[str]) -> str:
    labels = ", ".join(f"“{Kind(kind).label}”" for kind in kinds)
    return _("emails about %(labels)s") % {"labels": labels}


def _lookup(value) -> Subscription:
    member, kinds = _read(value)
    if member is None:
        return Subscription(what=_what(kinds), active=False)
    current = selectors.frequencies_of(member)
    return Subscription(what=_what(kinds), active=any(current[kind] != Frequency.NEVER for kind in kinds))


def _apply(value) -> bool:
    member, kinds = _read(value)
    if member is None:
        return False
    return services.unsubscribe(member=member, kinds=kinds)


unsubscribe = unsubscribe_view(scope=SCOPE, lookup=_lookup, apply=_apply)
