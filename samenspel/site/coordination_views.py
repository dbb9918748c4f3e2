from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from samenspel.core.roles import require_coordinator
from samenspel.members import selectors as member_selectors
from samenspel.members.models import ConsentText, Member, Theme
from samenspel.members.selectors import current_consent_text

from .forms import AuditFilterForm

AUDIT_PAGE_SIZE = 50


@login_required
@require_safe
def index(request):
    require_coordinator(request.user)
    current = current_consent_text()
    context = {
        "pending_count": Member.objects.filter(status=Member.Status.PENDING).count(),
        "member_count": Member.objects.approved().count(),
        "theme_count": Theme.objects.filter(is_active=True).count(),
        "consent_text_count": ConsentText.objects.count(),
        "current_consent_version": current.version if current else None,
    }
    return render(request, "core/coordination.html", context)


@login_required
@require_safe
def audit(request):
    """The audit log, newest first. Read-only: there is no page to change a row."""
    require_coordinator(request.user)
    form = AuditFilterForm(request.GET or None)
    prefix = form.cleaned_data["action"].strip() if form.is_valid() else ""
    entries = member_selectors.audit_entries(action_prefix=prefix)
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/audit.html", {"form": form, "page": page})
