"""Every write about members: sign-up details, consent, approval and roles."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import ManyToManyRel, ManyToOneRel, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from samenspel.core import cache_version
from samenspel.core.audit import log_action
from samenspel.core.emails import send_templated_email
from samenspel.core.signals import sign_up_decided
from samenspel.notifications.models import Kind
from samenspel.notifications.services import notify

from .cache_keys import member_keys
from .models import Consent, ConsentText, Member, Theme


class NoConsentText(Exception):
    """There is no published consent text, so nobody can give consent yet."""


@transaction.atomic
def give_consent(*, member: Member, consent_text: ConsentText, language: str) -> Consent:
    consent, created = Consent.objects.get_or_create(
        member=member, consent_text=consent_text, defaults={"language": language[:5]}
    )
    if created:
        log_action(actor=member, action="member.consent.given", target=member, data={"version": consent_text.version})
    return consent


@transaction.atomic
def complete_sign_up(
    *,
    member: Member,
    name: str,
    kind: str,
    organisation,
    themes: list[Theme],
    theme_visibility: str,
    consent_text: ConsentText,
    language: str,
) -> Member:
    """Fill in a new account's details and record consent. The account waits for approval."""
    member.name = name
    member.kind = kind
    member.organisation = organisation
    member.theme_visibility = theme_visibility
    member.preferred_language = language[:5]
    member.status = Member.Status.PENDING
    member.save()
    member.themes.set(themes)
    give_consent(member=member, consent_text=consent_text, language=language)
    log_action(actor=member, action="member.signed_up", target=member, data={"kind": kind})
    notify(  # no name in the message: the coordinators' list of sign-ups shows who it is
        recipients=Member.objects.filter(is_coordinator=True, status=Member.Status.APPROVED, is_active=True),
        kind=Kind.SIGN_UP,
        message="sign_up.created",
        link=reverse("members:pending"),
    )
    return member


@transaction.atomic
def decide_sign_up(*, member: Member, approve: bool, actor: Member) -> Member:
    member = Member.objects.select_for_update().get(pk=member.pk)
    member.status = Member.Status.APPROVED if approve else Member.Status.REFUSED
    member.decided_at = timezone.now()
    member.save(update_fields=["status", "decided_at"])
    log_action(
        actor=actor,
        action="member.signup.approved" if approve else "member.signup.refused",
        target=member,
    )
    sign_up_decided.send(sender=Member, member=member, approved=approve)  # e.g. the circle chosen at sign-up
    send_templated_email(
        to=member.email,
        template="members/signup_approved" if approve else "members/signup_refused",
        context={"member": member},
        language=member.preferred_language,
    )
    return member


# The fields of one's own profile that `update_profile` may change (themes apart: a relation).
PROFILE_FIELDS = ("name", "kind", "organisation", "bio", "theme_visibility", "preferred_language")


@transaction.atomic
def update_profile(*, member: Member, actor: Member, themes=None, **fields) -> Member:
    """Change one's own profile: name, organisation, bio, language, themes and who may see them.

    What changed is decided against the stored row, read under a lock, never against `member`:
    the caller's object may already hold the new values (a ModelForm bound to it copies them
    onto it in `is_valid()`), and then nothing would look changed and nothing would be saved.
    """
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"update_profile() cannot change {sorted(unknown)}")
    stored = Member.objects.select_for_update().get(pk=member.pk)
    changed = [name for name, value in fields.items() if getattr(stored, name) != value]
    data: dict = {}
    if "theme_visibility" in changed:  # a privacy choice: the log says from what to what
        data["theme_visibility"] = {"before": stored.theme_visibility, "after": fields["theme_visibility"]}
    for name in changed:
        setattr(stored, name, fields[name])
    if changed:
        stored.save(update_fields=changed)
    if themes is not None:
        before = set(stored.themes.values_list("pk", flat=True))
        after = {theme.pk for theme in themes}
        if before != after:
            stored.themes.set(themes)
            changed.append("themes")
    for name in PROFILE_FIELDS:  # the caller's object shows what is stored now
        setattr(member, name, getattr(stored, name))
    if changed:
        data["fields"] = sorted(changed)
        log_action(actor=actor, action="member.profile.updated", target=stored, data=data)
    return stored


@transaction.atomic
def set_roles(*, member: Member, actor: Member, is_coordinator: bool, is_municipality_viewer: bool) -> Member:
    before = {"is_coordinator": member.is_coordinator, "is_municipality_viewer": member.is_municipality_viewer}
    member.is_coordinator = is_coordinator
    member.is_municipality_viewer = is_municipality_viewer
    member.save(update_fields=["is_coordinator", "is_municipality_viewer"])
    after = {"is_coordinator": is_coordinator, "is_municipality_viewer": is_municipality_viewer}
    if before != after:
        log_action(actor=actor, action="member.roles.changed", target=member, data={"before": before, "after": after})
    return member


# --- Coordination: roles, representation, import, themes, consent texts, own data ---------


class RoleError(Exception):
    """A role change that is not allowed, with a message a person can read."""


class AccountDeletionError(Exception):
    """An account that cannot be deleted right now, with a message a person can read."""


class ThemeError(Exception):
    """A theme change that is not allowed, with a message a person can read."""


class ConsentTextError(Exception):
    """A consent text change that is not allowed, with a message a person can read."""


def check_role_change(*, member: Member, actor: Member, is_coordinator: bool) -> None:
    if member.pk == actor.pk and member.is_coordinator and not is_coordinator:
        raise RoleError(gettext("You cannot remove your own coordinator role. Ask another coordinator to do it."))


@transaction.atomic
def set_representation(*, member: Member, actor: Member, organisations) -> Member:
    """Make `member` the representative of exactly these organisations."""
    before = set(member.represented_organisations.values_list("pk", flat=True))
    after = {organisation.pk for organisation in organisations}
    member.represented_organisations.set(organisations)
    if before != after:
        log_action(
            actor=actor,
            action="member.representation.changed",
            target=member,
            data={"before": sorted(before), "after": sorted(after)},
        )
    return member


@transaction.atomic
def change_roles(*, member: Member, actor: Member, is_coordinator: bool, is_municipality_viewer: bool, organisations):
    """Roles form of a coordinator: network roles and the organisations a member represents."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    check_role_change(member=member, actor=actor, is_coordinator=is_coordinator)
    set_roles(member=member, actor=actor, is_coordinator=is_coordinator, is_municipality_viewer=is_municipality_viewer)
    set_representation(member=member, actor=actor, organisations=organisations)
    return member


@dataclass
class ImportResult:
    created: int
    merged: int
    duplicates: int


@transaction.atomic
def import_members(*, plan, actor: Member) -> ImportResult:
    """Save a checked import plan: new members are approved without password or consent.

    Existing members (same email, any case) are merged: empty fields are filled and themes
    added; nothing else changes. The caller checks `plan.is_valid` first; a plan with
    problems is refused here too, so a bad file never imports half.
    """
    from allauth.account.models import EmailAddress

    if not plan.is_valid:
        raise ValueError("An import plan with problems cannot be saved.")
    emails = [row.email for row in plan.rows]
    existing: dict[str, Member] = {}
    for start in range(0, len(emails), 500):
        chunk = emails[start : start + 500]
        for member in Member.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk):
            existing[member.email.lower()] = member
        addresses = (
            EmailAddress.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=chunk)
            .select_related("user")
        )
        for address in addresses:
            existing.setdefault(address.email.lower(), address.user)

    now = timezone.now()
    new_members, merged_members, theme_links = [], [], []
    for row in plan.rows:
        member = existing.get(row.email)
        if member is None:
            member = Member(
                email=row.email,
                name=row.name,
                kind=row.kind,
                organisation=row.organisation,
                status=Member.Status.APPROVED,
                decided_at=now,
            )
            member.set_unusable_password()
            new_members.append((member, row))
        else:
            if not member.name:
                member.name = row.name
            if member.organisation_id is None and row.organisation is not None:
                member.organisation = row.organisation
            merged_members.append((member, row))

    Member.objects.bulk_create([member for member, _row in new_members])
    if merged_members:
        Member.objects.bulk_update([member for member, _row in merged_members], ["name", "organisation"])
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=member, email=member.email, primary=True, verified=False) for member, _row in new_members]
    )
    Through = Member.themes.through
    for member, row in new_members + merged_members:
        theme_links += [Through(member_id=member.pk, theme_id=theme.pk) for theme in row.themes]
    Through.objects.bulk_create(theme_links, ignore_conflicts=True)
    # Bulk writes send no signals: the directory must show the new members, and every page that
    # shows a merged member their new name.
    cache_version.bump(*member_keys(*(member.pk for member, _row in new_members)))
    cache_version.bump_for(*(member for member, _row in merged_members))

    result = ImportResult(created=len(new_members), merged=len(merged_members), duplicates=plan.duplicates)
    log_action(
        actor=actor,
        action="member.import.done",
        data={"created": result.created, "merged": result.merged, "duplicates_in_file": result.duplicates},
    )
    return result


def record_member_export(*, actor: Member, count: int) -> None:
    log_action(actor=actor, action="member.export.done", data={"members": count})


def _check_theme_names(*, name_nl: str, name_en: str, exclude_pk: int | None = None) -> None:
    others = Theme.objects.exclude(pk=exclude_pk) if exclude_pk else Theme.objects.all()
    for value in (name_nl, name_en):
        if others.filter(Q(name_nl__iexact=value) | Q(name_en__iexact=value)).exists():
            raise ThemeError(gettext("There is already a theme called '%(name)s'.") % {"name": value})


@transaction.atomic
def create_theme(*, actor: Member, name_nl: str, name_en: str, position: int = 0) -> Theme:
    _check_theme_names(name_nl=name_nl, name_en=name_en)
    theme = Theme.objects.create(name_nl=name_nl, name_en=name_en, position=position)
    log_action(actor=actor, action="member.theme.created", target=theme)
    return theme


@transaction.atomic
def update_theme(*, theme: Theme, actor: Member, name_nl: str, name_en: str, position: int) -> Theme:
    _check_theme_names(name_nl=name_nl, name_en=name_en, exclude_pk=theme.pk)
    changed = [
        name
        for name, value in (("name_nl", name_nl), ("name_en", name_en), ("position", position))
        if getattr(theme, name) != value
    ]
    theme.name_nl, theme.name_en, theme.position = name_nl, name_en, position
    if changed:
        theme.save(update_fields=changed)
        log_action(actor=actor, action="member.theme.changed", target=theme, data={"fields": changed})
    return theme


@transaction.atomic
def set_theme_active(*, theme: Theme, actor: Member, active: bool) -> Theme:
    """Deactivate a theme (nobody can pick it any more; members keep it) or use it again."""
    if theme.is_active != active:
        theme.is_active = active
        theme.save(update_fields=["is_active"])
        log_action(actor=actor, action="member.theme.activated" if active else "member.theme.deactivated", target=theme)
    return theme


@transaction.atomic
def create_consent_text(*, actor: Member, body_nl: str, body_en: str) -> ConsentText:
    """A new draft version: the highest version number plus one."""
    last = ConsentText.objects.select_for_update().order_by("-version").first()
    text = ConsentText.objects.create(version=(last.version + 1) if last else 1, body_nl=body_nl, body_en=body_en)
    log_action(actor=actor, action="member.consent_text.created", target=text, data={"version": text.version})
    return text


@transaction.atomic
def update_consent_text(*, consent_text: ConsentText, actor: Member, body_nl: str, body_en: str) -> ConsentText:
    text = ConsentText.objects.select_for_update().get(pk=consent_text.pk)
    if text.published_at is not None:
        raise ConsentTextError(gettext("A published consent text cannot be changed. Make a new version."))
    text.body_nl, text.body_en = body_nl, body_en
    text.save(update_fields=["body_nl", "body_en"])
    log_action(actor=actor, action="member.consent_text.changed", target=text, data={"version": text.version})
    return text


@transaction.atomic
def publish_consent_text(*, consent_text: ConsentText, actor: Member) -> ConsentText:
    """From now on every member is asked to agree to this text at their next request."""
    text = ConsentText.objects.select_for_update().get(pk=consent_text.pk)
    if text.published_at is not None:
        raise ConsentTextError(gettext("This consent text is already published."))
    newest = ConsentText.objects.filter(published_at__isnull=False).order_by("-version").first()
    if newest is not None and newest.version > text.version:
        raise ConsentTextError(gettext("A newer version is already published. Make a new version instead."))
    text.published_at = timezone.now()
    text.save(update_fields=["published_at"])
    log_action(actor=actor, action="member.consent_text.published", target=text, data={"version": text.version})
    return text


def _other_coordinators(member: Member):
    return Member.objects.approved().filter(is_coordinator=True).exclude(pk=member.pk)


@transaction.atomic
def delete_account(*, member: Member, password: str | None = None) -> None:
    """Delete a member and their personal data, as classified in `personal_data`.

    Rows that belong to others too (circle updates, invitations, meetings they planned, audit
    rows, remarks in a published reactienota) stay, without the member: no link, no id, no name,
    no address. One audit row `member.deleted` remains, without any of those. When `password` is
    given it must be the member's (the delete page asks for it again).
    """
    from django.apps import apps

    from . import personal_data
    from .selectors import addresses_of

    member = Member.objects.select_for_update().get(pk=member.pk)
    if password is not None and not member.check_password(password):
        raise AccountDeletionError(gettext("This password is not right. Nothing was deleted."))
    if member.is_coordinator and member.is_approved and not _other_coordinators(member).exists():
        raise AccountDeletionError(
            gettext("You are the only coordinator. Make someone else coordinator first, then delete your account.")
        )
    addresses = addresses_of(member)  # before the address rows go
    # The bulk updates below send no signals: the cached pages that show the member (their
    # circles, rounds, the directory) are found now, while the rows still link to them.
    cache_version.bump_for(member)
    for indirect in personal_data.INDIRECT.values():
        rows = apps.get_model(indirect.model)._base_manager.filter(indirect.match(member, addresses))
        _apply(rows, indirect.relation, indirect.cleared)
    _scrub_audit_log(member)
    for name, relation in personal_data.RELATIONS.items():
        field = Member._meta.get_field(name)
        if isinstance(field, ManyToManyRel):
            getattr(member, field.get_accessor_name()).clear()
        elif isinstance(field, ManyToOneRel):
            rows = field.related_model._base_manager.filter(**{field.field.name: member})
            _apply(rows, relation, {field.field.name: None})
    for key, relation in personal_data.HIDDEN_RELATIONS.items():
        label, field_name = key.rsplit(".", 1)
        rows = apps.get_model(label)._base_manager.filter(**{field_name: member})
        _apply(rows, relation, {field_name: None})
    member.themes.clear()
    log_action(actor=None, action="member.deleted", data={"was_coordinator": member.is_coordinator})
    member.delete()


def _apply(rows, relation, cleared: dict) -> None:
    """What deletion does to rows about the member: keep some anonymised, delete or detach the rest."""
    from . import personal_data

    if relation.keep_when:
        rows.filter(**relation.keep_when).update(**relation.anonymised)
        rows = rows.exclude(**relation.keep_when)
    if relation.on_delete == personal_data.DELETE:
        rows.delete()
    elif cleared:
        rows.update(**cleared)


def _scrub_audit_log(member: Member) -> None:
    """Audit rows about the member stay (what happened), without their id."""
    from samenspel.core.models import AuditLogEntry

    from . import personal_data

    AuditLogEntry.objects.filter(target_type="members.member", target_id=str(member.pk)).update(target_id="")
    for key in personal_data.AUDIT_MEMBER_KEYS:
        for entry in AuditLogEntry.objects.filter(**{f"data__{key}": member.pk}):
            entry.data[key] = None
            entry.save(update_fields=["data"])
