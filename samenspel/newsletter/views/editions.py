"""The coordinators' pages: start an edition, edit its text and order, preview it, send or schedule it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.core.roles import require_coordinator

from .. import rendering, sections, selectors
from ..access import get_edition_to_manage
from ..errors import NewsletterError
from ..forms import EditionForm, OrderForm, SendForm
from ..models import Edition
from ..services import editions, sending

EDITIONS_PAGE_SIZE = 25


@login_required
@require_safe
def manage_list(request):
    require_coordinator(request.user)
    page = Paginator(selectors.editions_for_coordinators(), EDITIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "counts": selectors.audience_counts()}
    return render(request, "newsletter/manage_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def create(request):
    require_coordinator(request.user)
    form = EditionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        edition = editions.create_edition(actor=request.user, **form.cleaned_data)
        asked = edition.requests.count()
        messages.success(
            request,
            _("The edition has been started. We asked %(count)s circles for their update.") % {"count": asked},
        )
        return redirect("newsletter:manage", pk=edition.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "newsletter/edition_form.html", {"form": form, "edition": None}, status=status)


def _manage_context(edition: Edition, **extra) -> dict:
    return {
        "edition": edition,
        "requests": selectors.requests_of(edition),
        "progress": selectors.progress(edition) if edition.is_frozen else None,
        "send_form": SendForm() if edition.is_open else None,
        **extra,
    }


@login_required
@require_safe
def manage(request, pk):
    edition = get_edition_to_manage(request.user, pk)
    return render(request, "newsletter/manage.html", _manage_context(edition))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk):
    edition = get_edition_to_manage(request.user, pk)
    if not edition.is_open:
        messages.info(request, _("This edition is being sent or was sent. Its text can no longer change."))
        return redirect("newsletter:manage", pk=edition.pk)
    data = request.POST if request.method == "POST" else None
    initial = {name: getattr(edition, name) for name in editions.EDITION_FIELDS}
    form = EditionForm(data, initial=initial)
    order_form = OrderForm(data, order=sections.order_of(edition), prefix="order")
    if request.method == "POST" and form.is_valid() and order_form.is_valid():
        try:
            editions.edit_edition(edition=edition, actor=request.user, order=order_form.ordered(), **form.cleaned_data)
        except NewsletterError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The edition has been saved."))
        return redirect("newsletter:manage", pk=edition.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "order_form": order_form, "edition": edition}
    return render(request, "newsletter/edition_form.html", context, status=status)


@login_required
@require_safe
def preview(request, pk):
    """The edition as its permanent page will show it (live while it is prepared)."""
    edition = get_edition_to_manage(request.user, pk)
    context = {"edition": edition, "shown": sections.shown_sections(edition), "is_preview": True}
    return render(request, "newsletter/edition_detail.html", context)


def _preview_language(request) -> str:
    language = request.GET.get("language", "")
    return language if language in ("nl", "en") else (translation.get_language() or "nl")[:2]


@login_required
@require_safe
def preview_email(request, pk):
    """The email as a recipient gets it: subject, headers and the plain text (the HTML one link away)."""
    edition = get_edition_to_manage(request.user, pk)
    language = _preview_language(request)
    rendered = rendering.render(edition, language)
    example = rendering.personal_message(
        rendered,
        to=request.user.email,
        unsubscribe_url=rendering.PLACEHOLDER,
        message_id="<newsletter.preview@samenspel>",
    )
    context = {"edition": edition, "rendered": rendered, "headers": example.extra_headers, "language": language}
    return render(request, "newsletter/preview_email.html", context)


@login_required
@require_safe
def preview_email_html(request, pk):
    """The HTML part of the email itself, as a mail program shows it."""
    edition = get_edition_to_manage(request.user, pk)
    rendered = rendering.render(edition, _preview_language(request))
    return HttpResponse(rendered.html, content_type="text/html; charset=utf-8")


@login_required
@require_POST
def send(request, pk):
    """Send now or schedule. An edition that is being sent or was sent is refused (409)."""
    edition = get_edition_to_manage(request.user, pk)
    form = SendForm(request.POST)
    if not form.is_valid():
        return render(request, "newsletter/manage.html", _manage_context(edition, send_form=form), status=400)
    try:
        if form.cleaned_data["when"] == SendForm.NOW:
            editions.start_sending(edition=edition, actor=request.user)
            messages.success(request, _("The edition is being sent. You can follow it on this page."))
        else:
            scheduled = editions.schedule(edition=edition, actor=request.user, when=form.cleaned_data["send_at"])
            messages.success(request, _("The edition will be sent at the time you chose."))
            edition = scheduled
    except NewsletterError as error:
        edition.refresh_from_db()
        status = 409 if edition.is_frozen else 400
        context = _manage_context(edition, error=error.message)
        if edition.is_open:
            form.add_error(None, error.message)
            context["send_form"] = form
        return render(request, "newsletter/manage.html", context, status=status)
    return redirect("newsletter:manage", pk=edition.pk)


@login_required
@require_POST
def unschedule(request, pk):
    edition = get_edition_to_manage(request.user, pk)
    try:
        editions.unschedule(edition=edition, actor=request.user)
    except NewsletterError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The edition is no longer scheduled. It is in preparation again."))
    return redirect("newsletter:manage", pk=edition.pk)


@login_required
@require_POST
def resume(request, pk):
    """Start the sending workers again for an edition whose sending stopped."""
    edition = get_edition_to_manage(request.user, pk)
    if edition.status == Edition.Status.SENDING:
        sending.resume_edition(edition, force=True)
        messages.success(request, _("Sending goes on."))
    return redirect("newsletter:manage", pk=edition.pk)


@login_required
@require_safe
def progress(request, pk):
    """The sending's progress: the part htmx asks for every few seconds, or the whole page without it."""
    edition = get_edition_to_manage(request.user, pk)
    context = {"edition": edition, "progress": selectors.progress(edition)}
    if request.headers.get("HX-Request"):
        return render(request, "newsletter/includes/progress.html", context)
    return render(request, "newsletter/progress.html", context)
