"""Views for who is who around tandems: the coordinators' coach page, and a member's answer to a
request to link an employment record to their account. Thin: access helper, form, one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspel.core.roles import require_coordinator

from .. import access
from ..forms.people import CoachGrantForm, LinkDecisionForm
from ..models import CoachRole, MemberLinkRequest, Tandem
from ..services import people


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def coach_list(request):
    """Coordinators give the coach role here and take it away; they see who coaches which tandem."""
    require_coordinator(request.user)
    form = CoachGrantForm(request.POST if request.method == "POST" else None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            role = people.grant_coach_role(actor=request.user, member=form.cleaned_data["member"])
        except people.PeopleError as error:
            form.add_error("member", error.message)
        else:
            messages.success(request, _("%(name)s is a coach now.") % {"name": role.member.name})
            return redirect("tandems:coach_list")
    roles = list(CoachRole.objects.select_related("member", "granted_by").order_by("member__name", "pk"))
    coached = Tandem.objects.filter(coach__isnull=False).exclude(status=Tandem.Status.ENDED)
    counts: dict[int, int] = {}
    for coach_id in coached.values_list("coach_id", flat=True):
        counts[coach_id] = counts.get(coach_id, 0) + 1
    for role in roles:
        role.tandem_count = counts.get(role.member_id, 0)
    without_role = (
        coached.filter(coach__tandem_coach_role__isnull=True)
        .select_related("coach", "organisation")
        .order_by("coach__name", "organisation__name", "pk")
    )
    context = {"form": form, "roles": roles, "without_role": without_role}
    return render(request, "tandems/coaches.html", context)


@login_required
@require_POST
def coach_remove(request, pk):
    require_coordinator(request.user)
    role = access.get_coach_role(pk)
    name = role.member.name
    count = people.revoke_coach_role(actor=request.user, role=role)
    messages.success(
        request,
        _("%(name)s is no longer a coach. Tandems that lost their coach: %(count)s.") % {"name": name, "count": count},
    )
    return redirect("tandems:coach_list")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def link_request(request, pk):
    """The invited member, logged in, confirms or declines. Anyone else (also who asked) gets 404."""
    link = access.get_link_request_for(request.user, pk)
    form = LinkDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            if accept:
                people.accept_member_link(member=request.user, request=link)
            else:
                people.decline_member_link(member=request.user, request=link)
        except people.PeopleError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Thank you. Your account is linked now.") if accept else _("Thank you. Your account is not linked."),
            )
        return redirect("tandems:link_request", pk=link.pk)
    context = {
        "link": link,
        "record": link.record,
        "form": form,
        "is_pending": link.status == MemberLinkRequest.Status.PENDING,
    }
    return render(request, "tandems/link_request.html", context)
