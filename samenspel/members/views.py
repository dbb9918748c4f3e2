import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.core import member_page
from samenspel.core.cache_version import fragment_context, keyed
from samenspel.core.roles import require_coordinator
from samenspel.lib.csvfiles import CSVError, write_rows

from . import access, imports, selectors, services
from .access import require_member
from .cache_keys import DIRECTORY_KEYS
from .forms import (
    ConsentForm,
    ConsentTextForm,
    DecisionForm,
    DeleteAccountForm,
    ImportForm,
    MemberFilterForm,
    ProfileForm,
    RolesForm,
    ThemeForm,
)
from .selectors import attach_visible_themes, directory_for

DIRECTORY_PAGE_SIZE = 50


@keyed(*DIRECTORY_KEYS)
@login_required
@require_safe
def directory(request):
    require_member(request.user)
    query = request.GET.get("q", "").strip()[:100]
    page_number = request.GET.get("page", "")[:20]
    # Lazy: the count and the rows run only when the template's cached fragment is missing.
    page = SimpleLazyObject(
        lambda: Paginator(directory_for(query=query), DIRECTORY_PAGE_SIZE).get_page(page_number or None)
    )
    members = SimpleLazyObject(lambda: attach_visible_themes(request.user, page.object_list))
    context = {
        "page": page,
        "members": members,
        "query": query,
        "page_number": page_number,
        "theme_tier": selectors.theme_tier_for(request.user),
        **fragment_context(request, *DIRECTORY_KEYS),
    }
    return render(request, "members/directory.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    # A copy of the stored row, not request.user: a bound ModelForm writes the posted values
    # onto its instance in is_valid(), and request.user must keep showing what is stored.
    member = selectors.own_profile(request.user)
    form = ProfileForm(*_posted(request), instance=member)
    if request.method == "POST" and form.is_valid():
        services.update_profile(member=member, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        return redirect("members:profile")
    return render(request, "members/profile.html", {"form": form, "member": member})


def _local_path(request, url: str) -> str:
    """`url` when it is a path on this site ("/meetings/"), else "". Never a URL name: `redirect()`
    would try to reverse anything else and fail with an error 500."""
    if not url.startswith("/") or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    return url


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def consent(request):
    text = selectors.current_consent_text()
    next_url = _local_path(request, request.POST.get("next") or request.GET.get("next") or "")
    if text is None or not selectors.needs_consent(request.user):
        return HttpResponseRedirect(next_url or reverse("home"))
    form = ConsentForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        services.give_consent(member=request.user, consent_text=text, language=translation.get_language() or "nl")
        messages.success(request, _("Thank you. Your consent has been saved."))
        return HttpResponseRedirect(next_url or reverse("home"))
    return render(request, "members/consent.html", {"form": form, "consent_text": text, "next": next_url})


@require_safe
def privacy(request):
    return render(request, "members/privacy.html", {"consent_text": selectors.current_consent_text()})


def _posted(request, files=False) -> tuple:
    """The form data of a POST (even when empty, so unticked boxes count), or nothing for a GET."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


# --- A member's page ------------------------------------------------------------------


@login_required
@require_safe
def detail(request, pk):
    member = access.get_member_for(request.user, pk, queryset=selectors.member_for_detail_queryset())
    may_see_themes = access.can_see_themes(request.user, member)
    context = {
        "member": member,
        "themes": member.theme_list if may_see_themes else None,
        "rows": member_page.rows_for(request.user, member),  # e.g. the circles, added by circles
        "is_coordinator": access.is_coordinator(request.user),
    }
    return render(request, "members/member_detail.html", context)


# --- Coordinators: sign-ups and roles -------------------------------------------------

MANAGE_PAGE_SIZE = 50


@login_required
@require_safe
def pending(request):
    require_coordinator(request.user)
    return render(request, "members/pending.html", {"sign_ups": selectors.pending_sign_ups()})


@login_required
@require_POST
def decide(request, pk):
    member = access.get_pending_sign_up_for(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or refuse."))
        return redirect("members:pending")
    approve = form.cleaned_data["decision"] == "approve"
    services.decide_sign_up(member=member, approve=approve, actor=request.user)
    if approve:
        messages.success(request, _("%(name)s is now a member. They get an email.") % {"name": member.name})
    else:
        messages.success(request, _("The sign-up of %(name)s is refused. They get an email.") % {"name": member.name})
    return redirect("members:pending")


@login_required
@require_safe
def manage_list(request):
    require_coordinator(request.user)
    form = MemberFilterForm(request.GET or None)
    status, query = "", ""
    if form.is_valid():
        status, query = form.cleaned_data["status"], form.cleaned_data["q"].strip()
    members = selectors.members_for_management(status=status, query=query)
    page = Paginator(members, MANAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "members/manage_list.html", {"form": form, "page": page})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage_detail(request, pk):
    member = access.get_member_to_manage(request.user, pk)
    initial = {
        "is_coordinator": member.is_coordinator,
        "is_municipality_viewer": member.is_municipality_viewer,
        "organisations": list(member.represented_organisations.all()),
    }
    form = RolesForm(*_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_roles(member=member, actor=request.user, **form.cleaned_data)
        except services.RoleError as error:
            form.add_error("is_coordinator", str(error))
        else:
            messages.success(request, _("The roles of %(name)s have been saved.") % {"name": member.name})
            return redirect("members:manage_detail", pk=member.pk)
    consents = member.consents.select_related("consent_text").order_by("-given_at")
    return render(request, "members/manage_detail.html", {"member": member, "form": form, "consents": consents})


# --- Coordinators: import and export ----------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_members(request):
    require_coordinator(request.user)
    form = ImportForm(*_posted(request, files=True))
    plan = None
    if request.method == "POST" and form.is_valid():
        try:
            plan = imports.read_member_file(form.cleaned_data["file"])
        except CSVError as error:
            form.add_error("file", str(error))
        else:
            if plan.is_valid:
                try:
                    result = services.import_members(plan=plan, actor=request.user)
                except IntegrityError:
                    form.add_error("file", _("Someone changed the members at the same moment. Upload the file again."))
                    return render(request, "members/import.html", {"form": form, "plan": None})
                messages.success(
                    request,
                    _("Import done: %(created)s new members, %(merged)s merged with existing members.")
                    % {"created": result.created, "merged": result.merged},
                )
                if result.duplicates:
                    messages.info(
                        request,
                        _("%(count)s rows had an email address that was already in the file; they were merged.")
                        % {"count": result.duplicates},
                    )
                return redirect("members:import")
    return render(request, "members/import.html", {"form": form, "plan": plan})


@login_required
@require_safe
def export_members(request):
    require_coordinator(request.user)
    rows = selectors.member_export_rows()
    services.record_member_export(actor=request.user, count=len(rows))
    response = HttpResponse(write_rows(rows, selectors.EXPORT_HEADER), content_type="text/csv; charset=utf-8")
    filename = f"members-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Coordinators: themes and consent texts ---------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def themes(request):
    require_coordinator(request.user)
    form = ThemeForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.create_theme(actor=request.user, **form.cleaned_data)
        except services.ThemeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The theme has been added."))
            return redirect("members:themes")
    return render(
        request,
        "members/themes.html",
        {"form": form, "themes": selectors.themes_with_counts()},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def theme_edit(request, pk):
    theme = access.get_theme_for(request.user, pk)
    if request.method == "POST" and request.POST.get("action") in ("deactivate", "activate"):
        active = request.POST["action"] == "activate"
        services.set_theme_active(theme=theme, actor=request.user, active=active)
        if active:
            messages.success(request, _("The theme can be chosen again."))
        else:
            messages.success(request, _("The theme can no longer be chosen. Members who have it keep it."))
        return redirect("members:themes")
    initial = {"name_nl": theme.name_nl, "name_en": theme.name_en, "position": theme.position}
    form = ThemeForm(*_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_theme(theme=theme, actor=request.user, **form.cleaned_data)
        except services.ThemeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The theme has been saved."))
            return redirect("members:themes")
    return render(
        request,
        "members/theme_edit.html",
        {"form": form, "theme": theme},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def consent_texts(request):
    require_coordinator(request.user)
    form = ConsentTextForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        text = services.create_consent_text(actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Version %(version)s has been saved as a draft. Members see it only after you publish it.")
            % {"version": text.version},
        )
        return redirect("members:consent_texts")
    return render(
        request,
        "members/consent_texts.html",
        {"form": form, "texts": selectors.consent_texts_with_counts(), "current": selectors.current_consent_text()},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def consent_text_edit(request, pk):
    text = access.get_consent_text_for(request.user, pk)
    form = None
    if text.published_at is None:
        form = ConsentTextForm(*_posted(request), initial={"body_nl": text.body_nl, "body_en": text.body_en})
        if request.method == "POST" and form.is_valid():
            try:
                services.update_consent_text(consent_text=text, actor=request.user, **form.cleaned_data)
            except services.ConsentTextError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The draft has been saved."))
                return redirect("members:consent_texts")
    elif request.method == "POST":
        messages.error(request, _("A published consent text cannot be changed. Make a new version."))
        return redirect("members:consent_texts")
    return render(
        request,
        "members/consent_text_edit.html",
        {"text": text, "form": form},
    )


@login_required
@require_POST
def consent_text_publish(request, pk):
    text = access.get_consent_text_for(request.user, pk)
    try:
        services.publish_consent_text(consent_text=text, actor=request.user)
    except services.ConsentTextError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Version %(version)s is published. Every member is asked to agree again.") % {"version": text.version},
        )
    return redirect("members:consent_texts")


# --- One's own data ---------------------------------------------------------------------


@login_required
@require_safe
def my_data(request):
    data = selectors.personal_data_of(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate():%Y-%m-%d}.json"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    """Delete one's account after typing the password again; the page says what the network keeps."""
    has_password = request.user.has_usable_password()
    form = DeleteAccountForm(*_posted(request))
    if request.method == "POST" and has_password and form.is_valid():
        try:
            services.delete_account(member=request.user, password=form.cleaned_data["password"])
        except services.AccountDeletionError as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(request, _("Your account and your data have been deleted."))
            return redirect("home")
    return render(request, "members/delete_account.html", {"form": form, "has_password": has_password})
