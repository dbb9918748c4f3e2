from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from samenspel.core.member_counts import rows_sql

from .access import visible_theme_filter_for
from .models import Consent, ConsentText, Member, Theme

# The member's confirmed email addresses, read with the member at every request (`core.member_counts`):
# commenting in a round asks for one (`consultations.access.has_confirmed_email`).
VERIFIED_EMAILS = "verified_emails"


def verified_emails_sql(member_id_sql: str) -> str:
    """The number of confirmed addresses as a scalar subquery of the member's one query."""
    return rows_sql(EmailAddress, "user", member_id_sql, ("verified", "IS TRUE"))


def directory_for(*, query: str = "") -> QuerySet[Member]:
    """Approved members for the directory, organisation joined and themes prefetched (no N+1)."""
    members = Member.objects.approved().select_related("organisation").order_by("name", "id")
    if query:
        members = members.filter(name__icontains=query[:100])
    return members.prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position", "name_nl"), to_attr="theme_list")
    )


def attach_visible_themes(viewer, members: Iterable[Member]) -> list[Member]:
    """Set `visible_themes` on each member: their themes only where they allowed `viewer` to see them."""
    allowed = set(visible_theme_filter_for(viewer))
    result = []
    for member in members:
        may_see = member.theme_visibility in allowed or (viewer is not None and viewer.pk == member.pk)
        member.visible_themes = member.theme_list if may_see else []
        result.append(member)
    return result


def theme_tier_for(viewer) -> str:
    """What decides which themes `viewer` sees in the directory, as a cache-key part.

    Everyone with the same tier sees the same directory rows (`attach_visible_themes`): the
    theme visibilities they may see ("coordinator" tier: all; "member" tier: members and public),
    and, when their own themes are hidden from that tier, their own id (they always see their own).
    """
    allowed = visible_theme_filter_for(viewer)
    tier = "+".join(sorted(allowed))
    own = getattr(viewer, "theme_visibility", None)
    if viewer is not None and getattr(viewer, "pk", None) is not None and own not in allowed:
        tier += f"+self{viewer.pk}"
    return tier


def own_profile(user) -> Member:
    """A fresh copy of the logged-in member's row, for their profile form."""
    return Member.objects.select_related("organisation").get(pk=user.pk)


def pending_sign_ups() -> QuerySet[Member]:
    return (
        Member.objects.filter(status=Member.Status.PENDING).select_related("organisation").order_by("date_joined", "id")
    )


def members_for_management(*, status: str = "", query: str = "") -> QuerySet[Member]:
    """Every member for coordinators, with the organisation joined (one query per page)."""
    members = Member.objects.select_related("organisation").order_by("name", "id")
    if status:
        members = members.filter(status=status)
    if query:
        query = query[:100]
        members = members.filter(Q(name__icontains=query) | Q(email__icontains=query))
    return members


def member_for_detail_queryset() -> QuerySet[Member]:
    """A member's page: organisation and themes in a fixed number of queries (the rows other apps
    add, such as the circles, come from samenspel.core.member_page)."""
    return Member.objects.select_related("organisation").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position", "name_nl"), to_attr="theme_list"),
        "represented_organisations",
    )


EXPORT_HEADER = ["name", "email", "kind", "organisation", "status", "themes", "date joined"]


def member_export_rows() -> list[list[str]]:
    """Rows for the CSV export. Themes only of members who let members or everyone see them:
    a file travels, so themes meant for coordinators only stay out."""
    shared = {Member.ThemeVisibility.MEMBERS, Member.ThemeVisibility.PUBLIC}
    members = (
        Member.objects.select_related("organisation")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position", "name_nl"), to_attr="theme_list")
        )
        .order_by("name", "id")
    )
    rows = []
    for member in members:
        themes = "; ".join(t.name_nl for t in member.theme_list) if member.theme_visibility in shared else ""
        rows.append(
            [
                member.name,
                member.email,
                member.kind,
                member.organisation.name if member.organisation else "",
                member.status,
                themes,
                member.date_joined.date().isoformat(),
            ]
        )
    return rows


def themes_with_counts() -> QuerySet[Theme]:
    """Themes with how many members chose each (the reverse relation is hidden, so via the link table)."""
    links = (
        Member.themes.through.objects.filter(theme_id=OuterRef("pk"))
        .order_by()
        .values("theme_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Theme.objects.annotate(member_count=Coalesce(Subquery(links), 0)).order_by("position", "name_nl")


def consent_texts_with_counts():
    from .models import ConsentText

    return ConsentText.objects.annotate(consent_count=Count("consents")).order_by("-version")


def audit_entries(*, action_prefix: str = ""):
    from samenspel.core.models import AuditLogEntry

    entries = AuditLogEntry.objects.select_related("actor").order_by("-created_at", "-id")
    if action_prefix:
        entries = entries.filter(action__startswith=action_prefix[:100])
    return entries


def addresses_of(member: Member) -> list[str]:
    """Every email address of the member: the account's and those added in allauth."""
    from allauth.account.models import EmailAddress

    addresses = {member.email.lower()} if member.email else set()
    addresses |= {email.lower() for email in EmailAddress.objects.filter(user=member).values_list("email", flat=True)}
    return sorted(addresses)


def personal_data_of(member: Member) -> dict:
    """Everything stored about `member`, driven by `personal_data` (so nothing is forgotten)."""
    from django.apps import apps
    from django.db.models import ManyToManyRel

    from . import personal_data

    data: dict = {}
    for name in personal_data.PERSONAL_FIELDS:
        if name == "organisation":
            data[name] = member.organisation.name if member.organisation else None
        elif name == "themes":
            data[name] = [{"nl": t.name_nl, "en": t.name_en} for t in member.themes.all()]
        else:
            data[name] = getattr(member, name)
    for name, relation in personal_data.RELATIONS.items():
        field = Member._meta.get_field(name)
        if isinstance(field, ManyToManyRel):
            rows = getattr(member, field.get_accessor_name()).all()
        else:
            rows = field.related_model._base_manager.filter(**{field.field.name: member})
        data[relation.label] = list(rows.values(*relation.fields))
    for key, relation in personal_data.HIDDEN_RELATIONS.items():
        label, field_name = key.rsplit(".", 1)
        rows = apps.get_model(label)._base_manager.filter(**{field_name: member})
        data[relation.label] = list(rows.values(*relation.fields))
    addresses = addresses_of(member)
    for indirect in personal_data.INDIRECT.values():
        rows = apps.get_model(indirect.model)._base_manager.filter(indirect.match(member, addresses))
        data[indirect.relation.label] = list(rows.values(*indirect.relation.fields))
    return data


def current_consent_text() -> ConsentText | None:
    return ConsentText.objects.filter(published_at__isnull=False).order_by("-version").first()


def needs_consent(member: Member) -> bool:
    text = current_consent_text()
    if text is None:
        return False
    return not Consent.objects.filter(member=member, consent_text=text).exists()
