"""Views for the reactienota: outcomes per comment (coordinators), the page, its download, publication."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from samenspel.circles.selectors import circle_roles_on
from samenspel.core.cache_version import FRAGMENT_SECONDS, cache_key, cached, keyed
from samenspel.core.whole_page import visitor_page

from .. import access
from ..forms.reactienota import NextVersionForm, OutcomeForm
from ..models import Paragraph
from ..reactienota_docx import reactienota_docx
from ..selectors import reactienota as selectors
from ..selectors import rounds as selectors_rounds
from ..services import reactienota

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OUTCOMES_PER_PAGE = 50
COMMENTS_PER_PART = 50  # a part of the reactienota: about 35 KB at the bench's comments
PARTS_LISTED = 15  # up to this many parts, every part lists them all (see _parts_listed)
NEARBY_PARTS = 3


def _round_to_answer(request, pk):
    """The round for the managers' pages: hidden → 404, not managing its document → 403."""
    round_ = access.get_round_for(request.user, pk)
    access.require_may_manage_round(request.user, round_)
    return round_


def _round_to_read(request, pk):
    """The reactienota is readable by who may see the round once published; the draft by its managers
    only. The round comes from the cache under `round:<id>` (`selectors.rounds.round_row`); the pages
    that use this declare that key. Gives the round and whether the viewer manages it."""
    roles = circle_roles_on(request)
    round_ = access.round_from_row(request.user, selectors_rounds.round_row(request, pk), roles)
    may_manage = access.may_manage_document_with(request.user, round_.version.document, roles)
    if round_.reactienota_published_at is None and not may_manage:
        raise access.hidden_from(request.user)
    return round_, may_manage


def _next_paragraphs(round_) -> dict[int, Paragraph]:
    if round_.next_version_id is None:
        return {}
    paragraphs = Paragraph.objects.filter(version_id=round_.next_version_id).order_by("position")
    return dict(enumerate(paragraphs, start=1))


def _outcome_form(comment, data=None, next_paragraphs=None) -> OutcomeForm:
    initial = {
        "outcome": comment.outcome,
        "reason": comment.reason,
        "changed_in": ", ".join(str(change.number) for change in getattr(comment, "changes", [])),
    }
    return OutcomeForm(data, prefix=f"c{comment.pk}", initial=initial, next_paragraphs=next_paragraphs)


def _diff_href(round_) -> str:
    """The diff between the consulted and the next version ("" without a next version)."""
    if round_.next_version is None:
        return ""
    url = reverse("consultations:compare", args=[round_.version.document.slug])
    return f"{url}?old={round_.version.number}&new={round_.next_version.number}"


def _page_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


@login_required
@require_safe
def outcomes(request, pk):
    """All comments grouped per paragraph, each with its own outcome form; 50 comments per page."""
    round_ = _round_to_answer(request, pk)
    page, sections = selectors.outcome_page(round_, request.GET.get("page"), per_page=OUTCOMES_PER_PAGE)
    for section in sections:
        for comment in section.comments:
            comment.form = _outcome_form(comment)
    open_count, total = selectors.outcome_counts(round_)
    context = {
        "round": round_,
        "document": round_.version.document,
        "page": page,
        "sections": sections,
        "open_count": open_count,
        "total": total,
        "next_version_form": NextVersionForm(
            versions=selectors.later_versions(round_), initial={"version": round_.next_version_id}
        ),
    }
    return render(request, "consultations/reactienota/outcomes.html", context)


@login_required
@require_POST
def outcome_set(request, pk, comment_pk):
    """Save one comment's outcome. Without JavaScript: back to its place on the page; with htmx: the form."""
    round_ = _round_to_answer(request, pk)
    comment = selectors.answerable_comments(round_).select_related("author", "paragraph").filter(pk=comment_pk).first()
    if comment is None:
        raise Http404
    form = _outcome_form(comment, request.POST, next_paragraphs=_next_paragraphs(round_))
    saved = False
    if form.is_valid():
        try:
            reactienota.set_outcome(
                round_=round_,
                comment=comment,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                changed_paragraphs=form.cleaned_data["changed_in"],
                actor=request.user,
            )
        except reactienota.ReactienotaError as error:
            form.add_error(None, error.message)
        else:
            saved = True
    page = _page_number(request.POST.get("page"))
    if request.headers.get("HX-Request"):
        # htmx swaps only 2xx answers: the form comes back with its message or its errors.
        if saved:
            comment.refresh_from_db()
            selectors.decorate([comment], selectors.paragraph_numbers(round_.next_version))
            form = _outcome_form(comment)
        comment.shown_as = selectors.shown_as(comment)
        context = {"round": round_, "comment": comment, "form": form, "saved": saved, "page_number": page}
        return render(request, "consultations/reactienota/outcome_form.html", context)
    if saved:
        messages.success(request, _("The outcome has been saved."))
        return redirect(f"{reverse('consultations:outcomes', args=[round_.pk])}?page={page}#comment-{comment.pk}")
    comment.shown_as = selectors.shown_as(comment)
    context = {
        "round": round_,
        "document": round_.version.document,
        "comment": comment,
        "form": form,
        "page_number": page,
    }
    return render(request, "consultations/reactienota/outcome.html", context, status=400)


@login_required
@require_POST
def next_version_set(request, pk):
    round_ = _round_to_answer(request, pk)
    form = NextVersionForm(request.POST, versions=selectors.later_versions(round_))
    if form.is_valid():
        try:
            reactienota.set_next_version(round_=round_, version=form.cleaned_data["version"], actor=request.user)
        except reactienota.ReactienotaError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The next version has been saved."))
    else:
        messages.error(request, _("Choose a later version of the same document."))
    return redirect("consultations:outcomes", pk=round_.pk)


@visitor_page
@keyed("round:{pk}")
@require_safe
def reactienota_page(request, pk):
    """Per paragraph: each comment as its author chose, the outcome, the reason and where it changed.

    Read a part at a time (`?part=2`, about COMMENTS_PER_PART comments each, whole paragraphs) with
    the list of parts on every part: thousands of comments are megabytes on one page.
    """
    round_, may_manage = _round_to_read(request, pk)
    document = round_.version.document
    context = {
        "round": round_,
        "document": document,
        "version": round_.version,
        "next_version": round_.next_version,
        "may_manage": may_manage,
    }
    counts = {}

    def bodies() -> list[str]:
        """Every part's body (the same for every reader: no per-viewer parts in it)."""
        sections = selectors.reactienota_sections(round_)
        comments = [comment for section in sections for comment in section.comments]
        counts.update(open_count=sum(1 for c in comments if not c.outcome), total=len(comments))
        parts = selectors.reactienota_parts(sections, COMMENTS_PER_PART)
        shared = {
            **context,
            "parts": parts,
            "summary": selectors.outcome_summary(comments),
            "diff_href": _diff_href(round_),
            **counts,
        }
        template = "consultations/reactienota/includes/body.html"
        return [
            render_to_string(
                template,
                {**shared, "part": part, "sections": part.sections, "listed": _parts_listed(parts, part)},
                request=request,
            )
            for part in parts
        ]

    requested = _page_number(request.GET.get("part"))
    if round_.reactienota_published_at is None:
        every = bodies()  # a draft changes with every outcome: never cached
        context["body"] = every[min(requested, len(every)) - 1]
    else:
        context["body"] = _published_part(request, round_, requested, bodies)
    return render(request, "consultations/reactienota/page.html", {**context, **counts})


def _parts_listed(parts: list, part) -> list:
    """The parts named in a part's list of parts: all of them up to PARTS_LISTED; else the first,
    the last and the NEARBY_PARTS on either side of this one (at 100x data a round had 400 parts,
    and the whole list on every part made each part 400 KB). A form goes to any part by number."""
    if len(parts) <= PARTS_LISTED:
        return parts
    return [each for each in parts if each.number in (1, len(parts)) or abs(each.number - part.number) <= NEARBY_PARTS]


def _published_part(request, round_, requested: int, bodies) -> str:
    """One part of a published reactienota from this process's cache, under the round's version.

    Published outcomes are fixed; names and accounts can change, and every such change bumps the
    round's version (consultations.cache_keys). On a miss every part is rendered and stored at once
    (one read of the comments); a part number past the last shows the last part.
    """
    pages, keys = caches["pages"], [f"round:{round_.pk}"]
    name = ("reactienota", round_.pk, round_.version.document.slug)
    count_key = cache_key(request, (*name, "parts"), keys=keys)
    count = pages.get(count_key)
    if count is not None:
        body = pages.get(cache_key(request, (*name, min(requested, count)), keys=keys))
        if body is not None:
            return body
    every = bodies()
    stored = {cache_key(request, (*name, number), keys=keys): body for number, body in enumerate(every, start=1)}
    pages.set_many(stored, FRAGMENT_SECONDS)
    pages.set(count_key, len(every), FRAGMENT_SECONDS)
    return every[min(requested, len(every)) - 1]


@login_required
@require_POST
def reactienota_publish(request, pk):
    round_ = _round_to_answer(request, pk)
    try:
        sent = reactienota.publish_reactienota(round_=round_, actor=request.user)
    except reactienota.ReactienotaError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext(
                "The reactienota has been published. %(count)s commenter gets an email.",
                "The reactienota has been published. %(count)s commenters get an email.",
                sent,
            )
            % {"count": sent},
        )
    return redirect("consultations:reactienota", pk=round_.pk)


@keyed("round:{pk}")
@require_safe
def reactienota_download(request, pk):
    """The reactienota as a .docx document (anonymous authors stay anonymous)."""
    round_, _may_manage = _round_to_read(request, pk)
    document = round_.version.document

    def build() -> bytes:
        return reactienota_docx(round_, selectors.reactienota_sections(round_))

    if round_.reactienota_published_at is None:
        content = build()
    else:  # fixed once published; see reactienota_page
        content = cached(request, ("reactienota-docx", round_.pk, document.slug), build, keys=[f"round:{round_.pk}"])
    filename = f"reactienota-{slugify(document.slug)}-{slugify(round_.version.label) or round_.version.number}.docx"
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
