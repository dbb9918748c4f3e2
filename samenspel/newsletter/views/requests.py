"""The kartrekkers' pages: their open requests, and writing (or choosing) the circle's update."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.members.access import require_member

from .. import selectors
from ..access import get_request_for
from ..errors import NewsletterError
from ..forms import ChooseUpdateForm, UpdateForm
from ..services import updates


@login_required
@require_safe
def request_list(request):
    require_member(request.user)
    return render(request, "newsletter/request_list.html", {"requests": selectors.requests_for(request.user)})


def _context(update_request, form, choose_form=None) -> dict:
    return {
        "update_request": update_request,
        "edition": update_request.edition,
        "form": form,
        "choose_form": choose_form
        or ChooseUpdateForm(updates=selectors.recent_updates_of(update_request), prefix="choose"),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_detail(request, pk):
    """Write the circle's update for the edition (or change it while the edition is prepared)."""
    update_request = get_request_for(request.user, pk)
    current = update_request.update
    initial = {"title": current.title, "body": current.body} if current else {}
    form = UpdateForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            updates.write_update(request=update_request, author=request.user, **form.cleaned_data)
        except NewsletterError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you! Your update is on the circle's page and in the newsletter."))
        return redirect("newsletter:request", pk=update_request.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "newsletter/request_detail.html", _context(update_request, form), status=status)


@login_required
@require_POST
def request_choose(request, pk):
    """Give an update the circle already posted instead of writing a new one."""
    update_request = get_request_for(request.user, pk)
    choose_form = ChooseUpdateForm(request.POST, updates=selectors.recent_updates_of(update_request), prefix="choose")
    if not choose_form.is_valid():
        context = _context(update_request, UpdateForm(), choose_form)
        return render(request, "newsletter/request_detail.html", context, status=400)
    try:
        updates.choose_update(request=update_request, actor=request.user, update=choose_form.cleaned_data["update"])
    except NewsletterError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you! This update is in the newsletter."))
    return redirect("newsletter:request", pk=update_request.pk)
