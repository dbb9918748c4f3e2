"""Matching, only with consent: the member's choice for invitations, "Kansen voor jou", and the
number of members an opportunity fits for the people who manage it (never who)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.core.cache_version import fragment_context, keyed
from samenspel.core.home import Item, first
from samenspel.members.access import require_member

from ..access import get_opportunity_to_manage
from ..cache_keys import AREAS, LISTING
from ..forms.matching import InvitationsForm
from ..models import WEEKDAYS, Opportunity
from ..selectors.matching import active_opt_in, kinds_in, match_count, match_summary, opportunities_for
from ..services import matching

PAGE_SIZE = 25


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitations(request):
    """A member asks for invitations (recorded with the words shown), changes their wishes, or stops."""
    require_member(request.user)
    choice = active_opt_in(request.user)
    form = InvitationsForm(request.POST if request.method == "POST" else None, choice=choice)
    if request.method == "POST":
        if form.is_valid():
            language = (translation.get_language() or "nl")[:2]
            _choice, created = matching.opt_in(member=request.user, language=language, **form.wishes())
            if created:
                messages.success(request, _("You will get invitations for opportunities that fit you from now on."))
            else:
                messages.success(request, _("Your wishes are saved."))
            return redirect("opportunities:invitations")
        return render(request, "opportunities/invitations.html", {"form": form, "choice": choice}, status=400)
    return render(request, "opportunities/invitations.html", {"form": form, "choice": choice})


@login_required
@require_POST
def invitations_withdraw(request):
    require_member(request.user)
    if matching.withdraw(member=request.user):
        messages.success(request, _("You will no longer get invitations. No one is told that opportunities fit you."))
    return redirect("opportunities:invitations")


FOR_YOU_KEYS = (LISTING, AREAS)


def _for_you(member, page_number) -> dict:
    choice = active_opt_in(member)
    page = None
    if choice is not None:
        page = Paginator(opportunities_for(member), PAGE_SIZE).get_page(page_number)
    return {
        "choice": choice,
        "page": page,
        "wanted_kinds": [Opportunity.Kind(kind).label for kind in kinds_in(choice.kinds)] if choice else [],
        "wanted_days": [label for bit, label in WEEKDAYS if choice and choice.days & bit],
        "wanted_areas": [area.label for area in choice.areas.all()] if choice else [],
    }


@keyed(*FOR_YOU_KEYS)
@login_required
@require_safe
def for_you(request):
    """ "Kansen voor jou": the open opportunities that fit the member; an invitation to opt in without a choice.

    Cached per member (docs/opportunities.md, "Speed"): under their own version (their status and
    themes, their opt-in with its areas), the opportunities' listing version, the areas and today.
    """
    require_member(request.user)
    page_number = request.GET.get("page", "")[:12]
    context = {
        **fragment_context(request, f"member:{request.user.pk}", *FOR_YOU_KEYS),
        # Lazy: the template runs it only when its cached fragment is missing.
        "found": SimpleLazyObject(lambda: _for_you(request.user, page_number)),
        "today": timezone.localdate().isoformat(),
        "page_key": page_number,
    }
    return render(request, "opportunities/for_you.html", context)


@login_required
@require_safe
def matches(request, pk):
    """How many members the opportunity fits, for who manages it: a number, never a name."""
    opportunity = get_opportunity_to_manage(request.user, pk)
    summary = match_summary(match_count(opportunity))
    return render(request, "opportunities/matches.html", {"opportunity": opportunity, "summary": summary})


def home_items(user, scope) -> list[Item]:
    """The member's home ("For you"): opportunities that fit, for members with an active opt-in. One query."""
    opportunities, more = first(opportunities_for(user))
    items = [
        Item(
            title=opportunity.title,
            url=matching.detail_path(opportunity),
            text=_("An opportunity for you: %(kind)s, offered by %(offered_by)s")
            % {"kind": opportunity.get_kind_display(), "offered_by": opportunity.offered_by},
            when=opportunity.respond_by,
            when_label=_("Respond by"),
        )
        for opportunity in opportunities
    ]
    if more:
        items.append(Item(title=_("More opportunities for you"), url=reverse("opportunities:for_you")))
    return items
