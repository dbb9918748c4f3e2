"""Views for documents and versions: list and history, document page, versions, writing and uploading
text (with a review of the split before saving), publishing, and comparing two versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.circles.selectors import circle_roles_on
from samenspel.core.cache_version import keyed
from samenspel.core.roles import is_coordinator
from samenspel.core.whole_page import visitor_page

from .. import access, fragments
from ..diff import diff_versions
from ..forms.documents import CompareForm, ConfirmForm, DocumentForm, TextForm, VersionForm
from ..models import Version
from ..selectors import documents as selectors
from ..services import documents

PAGE_SIZE = 20


@require_safe
def document_list(request):
    documents_qs = selectors.documents_for_list(request.user)
    page = Paginator(documents_qs, PAGE_SIZE).get_page(request.GET.get("page"))
    histories = selectors.histories_for(request.user, page.object_list)
    items = [(document, histories[document.pk]) for document in page.object_list]
    context = {"page": page, "items": items, "may_manage": access.may_create_documents(request.user)}
    return render(request, "consultations/documents/document_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def document_create(request):
    """Coordinators, and kartrekkers for their own circles (`?circle=<id>` chooses the circle)."""
    if not access.may_create_documents(request.user):
        raise PermissionDenied
    circles = access.circles_to_consult_for(request.user)
    initial = {"circle": request.GET["circle"]} if request.GET.get("circle", "").isdigit() else {}
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        circles=circles,
        circle_required=not is_coordinator(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = documents.create_document(
                circle=data.get("circle"),
                actor=request.user,
                title=data["title"],
                slug=data["slug"],
                kind=data["kind"],
                summary=data["summary"],
                is_public=data["is_public"],
            )
        except documents.DocumentError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The document is saved. Now make its first version."))
            return redirect("consultations:version_create", slug=document.slug)
    return render(request, "consultations/documents/document_form.html", {"form": form, "document": None})


def _visible_rows(request, slug):
    """The document, whether the viewer may manage it, and the versions and rounds they may see:
    from the cached rows (`selectors.document_rows`), decided for this viewer on every request."""
    rows = selectors.document_rows(request, slug)
    roles = circle_roles_on(request)
    document = access.document_from_rows(request.user, rows.document, roles)
    may_manage = access.may_manage_document_with(request.user, document, roles)
    versions = selectors.visible_versions(rows.versions, may_manage=may_manage)
    return rows, roles, document, may_manage, versions


@visitor_page
@keyed("document:{slug}")
@require_safe
def document_detail(request, slug):
    rows, roles, document, may_manage, versions = _visible_rows(request, slug)
    version = selectors.current_version(versions)
    rounds = selectors.with_state(access.rounds_from_rows(request.user, document, rows.rounds, roles))
    context = {
        "document": document,
        "versions": versions,
        "version": version,
        "drafts": [v for v in versions if v.status == Version.Status.DRAFT],
        "rounds": rounds,
        "may_manage": may_manage,
    }
    if version is not None:
        version_rounds = [round_ for round_ in rounds if round_.version_id == version.pk]
        # The remarks link to the newest round on this version that the viewer may see.
        round_url = reverse("consultations:round_detail", args=[version_rounds[-1].pk]) if version_rounds else ""
        context["text"], context["counts"] = selectors.version_text(version, round_url=round_url, rounds=rows.rounds)
        context["version_rounds"] = version_rounds
        context["previous"] = _previous(versions, version)
        context["facts_html"] = _facts_html(context)
    context["history_html"] = _part(
        "history",
        "consultations/documents/includes/history.html",
        {**context, "heading_level": 3},
        (document.slug, _shown(versions), _shown(rounds)),
    )
    return render(request, "consultations/documents/document_detail.html", context)


# What the document page's facts and history show of a version or round; the parts' keys hold it all,
# so a change to anything shown makes a new key (nothing to invalidate).
VERSION_SHOWN = ("pk", "number", "label", "status", "published_at", "note")
ROUND_SHOWN = ("pk", "title", "state", "opens_at", "closes_at", "reactienota_published_at", "version_id")


def _shown(rows) -> tuple:
    fields = VERSION_SHOWN if rows and isinstance(rows[0], Version) else ROUND_SHOWN
    previous = (lambda row: getattr(getattr(row, "previous", None), "pk", None)) if fields is VERSION_SHOWN else None
    return tuple((*(getattr(row, name) for name in fields), previous(row) if previous else None) for row in rows)


def _facts_html(context: dict) -> str:
    version, previous, counts = context["version"], context["previous"], context["counts"]
    parts = (
        context["document"].slug,
        _shown([version]),
        _shown([previous]) if previous else None,
        (counts.total, counts.whole_document),
        _shown(context["version_rounds"]),
    )
    return _part("facts", "consultations/documents/includes/version_facts.html", context, parts)


def _part(name: str, template: str, context: dict, parts: tuple) -> str:
    """A part of the page rendered once per everything it shows (`parts`) and language."""
    html = fragments.cached(f"document-{name}", parts, lambda: render_to_string(template, context))
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped there


def _previous(versions: list[Version], version: Version) -> Version | None:
    earlier = [v for v in versions if v.number < version.number]
    return earlier[-1] if earlier else None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def document_edit(request, slug):
    document = access.get_document_for(request.user, slug)
    access.require_may_manage_document(request.user, document)
    form = DocumentForm(request.POST if request.method == "POST" else None, instance=document)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        documents.update_document(
            actor=request.user,
            document=document,
            title=data["title"],
            kind=data["kind"],
            summary=data["summary"],
            is_public=data["is_public"],
        )
        messages.success(request, _("The document has been saved."))
        return redirect("consultations:document_detail", slug=document.slug)
    # The form changes the instance while validating: show the saved title in the heading.
    document.refresh_from_db(fields=["title"])
    return render(request, "consultations/documents/document_form.html", {"form": form, "document": document})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_create(request, slug):
    document = access.get_document_for(request.user, slug)
    access.require_may_manage_document(request.user, document)
    last = document.versions.order_by("-number").first()
    form = VersionForm(request.POST if request.method == "POST" else None, document=document)
    if request.method == "POST" and form.is_valid():
        try:
            version = documents.create_version(
                actor=request.user, document=document, label=form.cleaned_data["label"], note=form.cleaned_data["note"]
            )
        except documents.DocumentError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Version %(label)s is made as a draft. Now change its text.") % {"label": version.label}
            )
            return redirect("consultations:version_text", slug=document.slug, number=version.number)
    context = {"document": document, "form": form, "last": last}
    return render(request, "consultations/documents/version_create.html", context)


@require_safe
def version_detail(request, slug, number):
    document = access.get_document_for(request.user, slug)
    version = access.get_version_for(request.user, document, number)
    versions = selectors.versions_of(request.user, document)
    rounds = [round_ for round_ in selectors.rounds_of(request.user, document) if round_.version_id == version.pk]
    paragraphs = selectors.paragraphs_of(version, top_level=3)
    context = {
        "document": document,
        "version": version,
        "versions": versions,
        "previous": _previous(versions, version),
        "current": selectors.current_version(versions),
        "paragraphs": paragraphs,
        "counts": selectors.comment_counts(version, paragraphs),
        "version_rounds": rounds,
        "may_manage": access.may_manage_document(request.user, document),
    }
    return render(request, "consultations/documents/version_detail.html", context)


def _draft_to_change(request, slug, number):
    """A draft version for who manages the document; hidden → 404, not managing → 403, published → None."""
    document = access.get_document_for(request.user, slug)
    access.require_may_manage_document(request.user, document)
    version = access.get_version_for(request.user, document, number)
    if version.status != Version.Status.DRAFT:
        messages.error(request, _("This version is published and cannot be changed. Make a new version."))
        return document, None
    return document, version


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_text(request, slug, number):
    """Write the text in Markdown or upload a file; a valid text is shown split, for review."""
    document, version = _draft_to_change(request, slug, number)
    if version is None:
        return redirect("consultations:version_detail", slug=document.slug, number=number)
    if request.method == "POST":
        form = TextForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                if form.cleaned_data["upload"]:
                    parsed = documents.parse_upload(form.cleaned_data["upload"])
                else:
                    parsed = documents.parse_markdown(form.cleaned_data["text"])
            except documents.DocumentError as error:
                form.add_error("upload" if form.cleaned_data["upload"] else "text", error.message)
            else:
                rows = documents.review_split(version=version, paragraphs=parsed)
                context = {
                    "document": document,
                    "version": version,
                    "rows": rows,
                    "kept": sum(1 for row in rows if row.kept_from is not None),
                    "confirm_form": ConfirmForm(
                        initial={"reviewed": documents.sign_review(version=version, paragraphs=parsed)}
                    ),
                    "text": documents.to_markdown(parsed),
                }
                return render(request, "consultations/documents/version_review.html", context)
    else:
        form = TextForm(initial={"text": documents.to_markdown(version.paragraphs.order_by("position"))})
    return render(
        request, "consultations/documents/version_text.html", {"document": document, "version": version, "form": form}
    )


@login_required
@require_POST
def version_text_save(request, slug, number):
    """Save the reviewed split (it comes back signed, so what is saved is what was shown)."""
    document, version = _draft_to_change(request, slug, number)
    if version is None:
        return redirect("consultations:version_detail", slug=document.slug, number=number)
    form = ConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise documents.DocumentError(
                _("The reviewed text has expired or was changed. Please send the text again.")
            )
        base, parsed = documents.unsign_review(version=version, token=form.cleaned_data["reviewed"])
        documents.save_paragraphs(actor=request.user, version=version, paragraphs=parsed, reviewed_base=base)
    except documents.DocumentError as error:
        messages.error(request, error.message)
        return redirect("consultations:version_text", slug=document.slug, number=version.number)
    messages.success(request, _("The text of version %(label)s is saved.") % {"label": version.label})
    return redirect("consultations:version_detail", slug=document.slug, number=version.number)


@login_required
@require_POST
def version_publish(request, slug, number):
    document = access.get_document_for(request.user, slug)
    access.require_may_manage_document(request.user, document)
    version = access.get_version_for(request.user, document, number)
    try:
        documents.publish_version(actor=request.user, version=version)
    except documents.DocumentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Version %(label)s is published.") % {"label": version.label})
    return redirect("consultations:version_detail", slug=document.slug, number=version.number)


@visitor_page
@keyed("document:{slug}")
@require_safe
def compare(request, slug):
    """The differences between two versions, side by side or in one text; every paragraph has an anchor."""
    _rows, _roles, document, _may_manage, versions = _visible_rows(request, slug)
    context = {"document": document, "versions": versions}
    if len(versions) < 2:
        return render(request, "consultations/documents/compare.html", context)
    data = request.GET if "old" in request.GET or "new" in request.GET else None
    initial = {"old": versions[-2].number, "new": versions[-1].number, "view": CompareForm.View.SIDE}
    form = CompareForm(data, versions=versions, initial=initial)
    context["form"] = form
    if data is not None and not form.is_valid():
        return render(request, "consultations/documents/compare.html", context)
    context["form_html"] = _compare_form_html(form, versions, data)
    choice = form.cleaned_data if data is not None else {**initial, "changes_only": False}
    old, new = selectors.version_pair(versions, choice["old"], choice["new"])
    context.update(compared=True, old=old, new=new, diff=_diff(old, new, choice["view"], choice["changes_only"]))
    return render(request, "consultations/documents/compare.html", context)


def _compare_form_html(form: CompareForm, versions: list[Version], data) -> str:
    """A valid (or empty) form without errors looks the same to everyone who chose the same: rendered
    once per versions shown (number and label) and what was asked (the form shows it again)."""
    fields = ("old", "new", "view", "changes_only")
    asked = None if data is None else tuple((name, tuple(data.getlist(name))) for name in fields)
    parts = (tuple((version.number, version.label) for version in versions), asked)
    html = fragments.cached("compare-form", parts, lambda: render_to_string("includes/form.html", {"form": form}))
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped there


def _diff(old: Version, new: Version, view: str, changes_only: bool) -> str:
    """The summary and the differences of two versions the viewer may see (the view checked that).

    Two published versions never change: their diff is rendered once per pair and way of showing it.
    A draft changes in place, so a diff with a draft is rendered for every request.
    """

    def render_diff() -> str:
        entries = diff_versions(selectors.paragraphs_of(old), selectors.paragraphs_of(new))
        summary = dict.fromkeys(("added", "removed", "moved", "changed", "unchanged"), 0)
        for entry in entries:
            summary[entry.status] += 1
        if changes_only:
            entries = [entry for entry in entries if entry.status != "unchanged"]
        context = {"old": old, "new": new, "entries": entries, "summary": summary, "view": view}
        return render_to_string("consultations/documents/includes/diff_body.html", context)

    published = Version.Status.PUBLISHED
    if old.status != published or new.status != published:
        return mark_safe(render_diff())  # noqa: S308 - our own template's output, escaped there
    html = fragments.cached("diff", (old.pk, new.pk, view, changes_only), render_diff)
    return mark_safe(html)  # noqa: S308 - as above
