"""Getting the newsletter: members choose it, visitors subscribe (double opt-in), everyone can stop
with the link in an edition; coordinators keep the list of addresses that bounce."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspel.core.roles import is_approved_member, require_coordinator
from samenspel.core.unsubscribe import unsubscribe_view
from samenspel.members.access import require_member

from .. import selectors, tokens
from ..access import get_suppression_for
from ..errors import LinkNotUsable
from ..forms import PreferencesForm, SubscribeForm, SuppressionForm
from ..models import Suppression
from ..services import audiences

SUPPRESSION_PAGE_SIZE = 50
LINK_STATUS = {"invalid": 404, "unknown": 404, "expired": 410}


def _language() -> str:
    return (translation.get_language() or "nl")[:2]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    """A member chooses the newsletter, or stops it (recorded with the text shown)."""
    require_member(request.user)
    choice = selectors.active_opt_in(request.user)
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial={"newsletter": bool(choice)})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["newsletter"]:
            _choice, changed = audiences.opt_in(member=request.user, language=_language())
            if changed:
                messages.success(request, _("You will get the newsletter from now on."))
        elif audiences.opt_out(member=request.user):
            messages.success(request, _("You will no longer get the newsletter."))
        return redirect("newsletter:preferences")
    return render(request, "newsletter/preferences.html", {"form": form, "choice": choice})


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """Visitors subscribe with their address; they get an email with a link to confirm it."""
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "is_member": is_approved_member(request.user)}
    if request.method == "POST" and form.is_valid():
        email = audiences.normalise(form.cleaned_data["email"])
        if not ratelimit.consume(request, action="newsletter_subscribe", key=email):
            form.add_error(None, _("Too many requests were sent from here or for this email address. Try again later."))
            return render(request, "newsletter/subscribe.html", context, status=429)
        audiences.subscribe(email=email, language=_language())
        # The same answer whether or not the address was subscribed already.
        return render(request, "newsletter/subscribe_sent.html", {"valid_days": tokens.confirm_days()})
    status = 400 if request.method == "POST" else 200
    return render(request, "newsletter/subscribe.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the confirmation email: a button (mail scanners follow links), then confirmed."""
    try:
        subscriber = selectors.subscriber_for_confirm_token(token)
    except LinkNotUsable as error:
        context = {"state": "invalid", "message": error.message}
        return render(request, "newsletter/confirm.html", context, status=LINK_STATUS[error.reason])
    if request.method == "POST":
        _subscriber, changed = audiences.confirm(token=token)
        return render(request, "newsletter/confirm.html", {"state": "done" if changed else "already"})
    state = "already" if subscriber.confirmed_at else "ask"
    return render(request, "newsletter/confirm.html", {"state": state})


# One-click unsubscribe (RFC 8058): GET shows a button and changes nothing; POST (the button, or
# the mail program's "List-Unsubscribe=One-Click") stops the newsletter at once, without login or
# CSRF token; a changed token answers 400; a used one "already unsubscribed". See core.unsubscribe.
unsubscribe = unsubscribe_view(
    scope=tokens.UNSUBSCRIBE_SCOPE, lookup=selectors.unsubscribe_lookup, apply=audiences.unsubscribe
)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def suppressions(request):
    """Coordinators: who gets the newsletter (in numbers) and the addresses that are not sent to."""
    require_coordinator(request.user)
    form = SuppressionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        _row, created = audiences.suppress(actor=request.user, **form.cleaned_data)
        if created:
            messages.success(request, _("This address gets no newsletter any more."))
        else:
            messages.info(request, _("This address was already on the list."))
        return redirect("newsletter:suppressions")
    page = Paginator(Suppression.objects.order_by("-created_at", "-id"), SUPPRESSION_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "counts": selectors.audience_counts()}
    return render(request, "newsletter/suppressions.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def suppression_remove(request, pk):
    suppression = get_suppression_for(request.user, pk)
    audiences.unsuppress(suppression=suppression, actor=request.user)
    messages.success(request, _("The address has been removed from the list. It gets the newsletter again."))
    return redirect("newsletter:suppressions")
