"""Reading the newsletter: the archive and each edition's permanent page."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from samenspel.core.roles import is_approved_member

from .. import sections, selectors
from ..access import get_edition_for

ARCHIVE_PAGE_SIZE = 20


@require_safe
def archive(request):
    page = Paginator(selectors.archive(request.user), ARCHIVE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "newsletter/archive.html", {"page": page, "is_member": is_approved_member(request.user)})


@require_safe
def edition(request, pk):
    found = get_edition_for(request.user, pk)
    context = {"edition": found, "shown": sections.shown_sections(found), "is_preview": not found.is_frozen}
    return render(request, "newsletter/edition_detail.html", context)
