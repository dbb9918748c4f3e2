"""Every field and relation of a member, classified in one place.

"Download my data" and "Delete my account" both read these lists, so a field or relation
that is classified here is exported and handled on deletion. A test fails when a new field
or relation appears on `Member` without being listed here.

- PERSONAL_FIELDS: the member's own data; exported as is (foreign keys by name).
- SECRET_FIELDS: kept out of the export (a password hash, Django permissions).
- RELATIONS: rows in other tables about the member. `on_delete` says what deletion does:
  DELETE removes the rows (or the link, for many-to-many), DETACH keeps the rows without
  the member (for example circle updates keep their text, the author becomes empty).
  `keep_when` with `anonymised`: the rows that match are kept, with those values instead.
- HIDDEN_RELATIONS: the same, for foreign keys to the member without a reverse name
  (`related_name="+"`), keyed "app_label.model.field".
- INDIRECT: rows that name the member without a foreign key (their id in the audit log, their
  address in the email queue or an invitation, their name on a remark entered for them).

A new foreign key to Member needs one line in RELATIONS or HIDDEN_RELATIONS (the test in
tests/members/test_own_data.py names it). What stays after deletion, why and how long, is said
on the delete page (templates/members/delete_account.html): keep both in step.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q

DELETE = "delete"
DETACH = "detach"

PERSONAL_FIELDS = (
    "id",
    "email",
    "name",
    "kind",
    "organisation",
    "themes",
    "theme_visibility",
    "bio",
    "status",
    "is_coordinator",
    "is_municipality_viewer",
    "is_active",
    "is_superuser",
    "preferred_language",
    "date_joined",
    "decided_at",
    "last_login",
)

SECRET_FIELDS = (
    "password",  # a hash: useless to the member, risky to hand out
    "groups",  # Django permission groups: not used for people in Samenspel
    "user_permissions",
)


@dataclass(frozen=True)
class Relation:
    on_delete: str
    fields: tuple[str, ...]  # fields of the related rows that go into the export
    label: str  # the key in the exported JSON
    keep_when: dict = field(default_factory=dict)  # rows kept (anonymised) instead of deleted
    anonymised: dict = field(default_factory=dict)  # the values those kept rows get


# A remark in a round whose reactienota is published stays there, without anyone's name.
PUBLISHED_REACTIENOTA = {"round__reactienota_published_at__isnull": False}
ANONYMOUS_REMARK = {"author": None, "submitter_name": "", "display": "anonymous"}

RELATIONS: dict[str, Relation] = {
    "emailaddress": Relation(DELETE, ("email", "verified", "primary"), "email_addresses"),
    "authenticator": Relation(DELETE, ("type", "created_at", "last_used_at"), "two_step_login"),
    "consents": Relation(DELETE, ("consent_text__version", "given_at", "language"), "consents"),
    "represented_organisations": Relation(DELETE, ("name",), "represents_organisations"),
    "circle_memberships": Relation(
        DELETE,
        ("circle__name", "role", "status", "motivation", "work_role", "created_at", "active_since"),
        "circle_memberships",
    ),
    "circle_updates": Relation(DETACH, ("circle__name", "title", "body", "published_at"), "circle_updates_written"),
    # A message to the whole circle was sent to its members: it stays on the circle's page without
    # the author's name, as an update does.
    "circle_messages": Relation(DETACH, ("circle__name", "subject", "body", "sent_at"), "circle_messages_written"),
    "sent_invitations": Relation(DETACH, ("circle__name", "created_at", "used_at"), "invitations_sent"),
    "registrations": Relation(
        DELETE,
        ("meeting__title", "meeting__starts_at", "status", "role", "access_needs", "attended", "created_at"),
        "meeting_registrations",
    ),
    "calendar_feed": Relation(DELETE, ("created_at",), "personal_calendar_feed"),
    # Remarks are the member's own words: deleting the account deletes them (and their outcomes),
    # except in a published reactienota: that is the public answer to the round, so the remark
    # and its outcome stay there without name.
    "consultation_comments": Relation(
        DELETE,
        ("round__title", "paragraph__text", "body", "display", "created_at", "withdrawn_at", "outcome", "reason"),
        "consultation_comments",
        keep_when=PUBLISHED_REACTIENOTA,
        anonymised=ANONYMOUS_REMARK,
    ),
    "comment_supports": Relation(DELETE, ("comment__body", "created_at"), "comments_supported"),
    "consultation_invites": Relation(DELETE, ("round__title", "invited_at"), "consultation_invitations"),
    # Employment records belong to the organisation's figures: they stay, without the link to the member.
    "employedexpert_records": Relation(
        DETACH, ("organisation__name", "team__name", "hours_per_week", "started_on", "ended_on"), "employed_as_expert"
    ),
    "professional_records": Relation(DETACH, ("organisation__name", "team__name"), "employed_as_professional"),
    "coached_tandems": Relation(DETACH, ("organisation__name", "started_on", "status"), "tandems_coached"),
    "tandem_coach_role": Relation(DELETE, ("granted_at",), "tandem_coach_role"),
    "tandem_link_requests": Relation(
        DELETE, ("status", "created_at", "decided_at"), "requests_to_link_an_employment_record"
    ),
    "tandem_reflections": Relation(
        DELETE, ("module__title", "partner", "text", "is_shared", "created_at"), "reflections"
    ),
    # Messages to the member (notifications app) and their choices of email per kind.
    "notifications": Relation(
        DELETE, ("kind", "message", "params", "link", "created_at", "read_at", "email_state", "emailed_at"), "messages"
    ),
    "notification_settings": Relation(DELETE, ("kind", "frequency", "changed_at"), "message_email_choices"),
    # Choosing the newsletter is recorded like consent (the words shown, their version, when).
    "newsletter_opt_ins": Relation(
        DELETE,
        ("text_version", "text", "language", "opted_in_at", "withdrawn_at", "withdrawn_how"),
        "newsletter_choices",
    ),
    # Opportunities: asking for invitations is recorded like consent; responses are the member's
    # own words; realised paid work stays in the network's figures without the member.
    "opportunity_opt_ins": Relation(
        DELETE,
        ("text_version", "text", "language", "opted_in_at", "withdrawn_at", "kinds", "days", "hours_per_month"),
        "opportunity_invitation_choices",
    ),
    "opportunity_responses": Relation(
        DELETE,
        (
            "opportunity__title",
            "note",
            "share_name",
            "share_email",
            "share_phone",
            "phone",
            "share_themes",
            "status",
            "created_at",
            "decided_at",
        ),
        "opportunity_responses",
    ),
    "realised_work": Relation(
        DETACH, ("opportunity__title", "hours", "fee", "started_on", "ended_on"), "paid_work_realised"
    ),
}

HIDDEN_RELATIONS: dict[str, Relation] = {
    # The audit log keeps what happened (accountability); on deletion the actor becomes empty.
    "core.auditlogentry.actor": Relation(
        DETACH, ("action", "target_type", "target_id", "created_at"), "actions_in_audit_log"
    ),
    "circles.invitation.used_by": Relation(DETACH, ("circle__name", "created_at", "used_at"), "invitations_accepted"),
    "meetings.meetingseries.created_by": Relation(
        DETACH, ("title", "first_date", "created_at"), "meeting_series_created"
    ),
    "meetings.meeting.created_by": Relation(DETACH, ("title", "starts_at", "created_at"), "meetings_created"),
    "meetings.breakoutgroup.note_taker": Relation(
        DETACH, ("meeting__title", "meeting__starts_at", "name"), "note_taker_of_groups"
    ),
    "consultations.document.created_by": Relation(DETACH, ("title", "created_at"), "documents_created"),
    "consultations.version.created_by": Relation(
        DETACH, ("document__title", "label", "created_at"), "document_versions_created"
    ),
    "consultations.round.created_by": Relation(DETACH, ("title", "created_at"), "consultation_rounds_created"),
    # Remarks a coordinator entered for someone else: the sender's name is theirs, not exported.
    "consultations.comment.entered_by": Relation(
        DETACH, ("round__title", "source", "created_at"), "remarks_entered_for_others"
    ),
    "consultations.comment.decided_by": Relation(DETACH, ("round__title", "outcome", "decided_at"), "outcomes_decided"),
    # Coordinators who gave a coach role, and whoever asked to link a record to a member account.
    "tandems.coachrole.granted_by": Relation(DETACH, ("granted_at",), "coach_roles_given"),
    "tandems.memberlinkrequest.requested_by": Relation(DETACH, ("status", "created_at"), "member_link_requests_made"),
    "monitor.period.closed_by": Relation(DETACH, ("year", "quarter", "closed_at"), "monitor_periods_closed"),
    "monitor.levelassessment.updated_by": Relation(
        DETACH, ("organisation__name", "period__year", "period__quarter", "updated_at"), "monitor_assessments_updated"
    ),
    "monitor.correction.recorded_by": Relation(
        DETACH, ("organisation__name", "indicator", "recorded_at"), "monitor_corrections_recorded"
    ),
    "newsletter.edition.created_by": Relation(
        DETACH, ("title", "issue_date", "created_at"), "newsletter_editions_started"
    ),
    "newsletter.edition.sent_by": Relation(
        DETACH, ("title", "issue_date", "sending_started_at"), "newsletter_editions_sent"
    ),
    "opportunities.opportunity.created_by": Relation(DETACH, ("title", "created_at"), "opportunities_posted"),
    "opportunities.opportunity.decided_by": Relation(DETACH, ("title", "decided_at"), "opportunities_decided"),
    "opportunities.response.decided_by": Relation(
        DETACH, ("opportunity__title", "status", "decided_at"), "opportunity_responses_answered"
    ),
    "opportunities.realisedwork.recorded_by": Relation(
        DETACH, ("opportunity__title", "recorded_at"), "realised_work_recorded"
    ),
}

# Keys in audit rows' `data` that hold a member's id.
AUDIT_MEMBER_KEYS = ("member",)


@dataclass(frozen=True)
class Indirect:
    """Rows of `model` that name the member without a foreign key; `match(member, addresses)` finds them."""

    model: str
    match: Callable[..., Q]
    relation: Relation
    cleared: dict = field(default_factory=dict)  # for DETACH: the values that remove the member


def _audit_about(member, addresses) -> Q:
    about = Q(target_type="members.member", target_id=str(member.pk))
    for key in AUDIT_MEMBER_KEYS:
        about |= Q(**{f"data__{key}": member.pk})
    return about


def _any_address(lookup: str, addresses) -> Q:
    found = Q(pk__in=[])
    for address in addresses:
        found |= Q(**{f"{lookup}__iexact": address})
    return found


QUEUED_EMAIL_TASK = "samenspel.core.tasks.send_queued_email"

INDIRECT: dict[str, Indirect] = {
    # Audit rows about the member (their sign-up decided, a role given, ...): exported; on
    # deletion the rows stay, their target id (when it is the member) and the member keys in
    # `data` are emptied (`services.delete_account`).
    "audit_log_about_me": Indirect(
        "core.auditlogentry",
        _audit_about,
        Relation(DETACH, ("action", "target_type", "created_at"), "audit_log_about_me"),
    ),
    # Emails waiting for, or sent to, one of their addresses (template and dates, never a text).
    "emails": Indirect(
        "django_tasks_database.dbtaskresult",
        lambda member, addresses: Q(task_path=QUEUED_EMAIL_TASK) & _any_address("args_kwargs__kwargs__to", addresses),
        Relation(DELETE, ("args_kwargs__kwargs__template", "status", "enqueued_at", "finished_at"), "emails"),
    ),
    # Circle invitations sent to one of their addresses: the invitation stays for its circle,
    # the address goes.
    "invitations_received": Indirect(
        "circles.invitation",
        lambda member, addresses: _any_address("email", addresses),
        Relation(DETACH, ("circle__name", "created_at", "expires_at", "used_at"), "invitations_received"),
        cleared={"email": ""},
    ),
    # The newsletter at one of their addresses: each edition sent (or queued) to it, a public
    # subscription of the same address, and the address on the list of addresses that bounce.
    "newsletter_deliveries": Indirect(
        "newsletter.delivery",
        lambda member, addresses: _any_address("email", addresses),
        Relation(
            DELETE, ("edition__title", "edition__issue_date", "status", "sent_at"), "newsletter_editions_received"
        ),
    ),
    "newsletter_subscriptions": Indirect(
        "newsletter.subscriber",
        lambda member, addresses: _any_address("email", addresses),
        Relation(
            DELETE,
            ("email", "language", "text_version", "text", "created_at", "confirmed_at"),
            "newsletter_subscriptions",
        ),
    ),
    "newsletter_blocked_addresses": Indirect(
        "newsletter.suppression",
        lambda member, addresses: _any_address("email", addresses),
        Relation(DELETE, ("email", "reason", "created_at"), "newsletter_blocked_addresses"),
    ),
    # Opportunities sent through the public form from one of their addresses: the opportunity
    # stays, the contact name and address go.
    "opportunities_submitted": Indirect(
        "opportunities.opportunity",
        lambda member, addresses: _any_address("contact_email", addresses),
        Relation(DETACH, ("title", "contact_name", "contact_email", "submitted_at"), "opportunities_submitted"),
        cleared={"contact_name": "", "contact_email": ""},
    ),
    # Remarks a coordinator entered on their behalf (by email, in a meeting), under their name:
    # handled as their own remarks.
    "remarks_entered_on_my_behalf": Indirect(
        "consultations.comment",
        lambda member, addresses: Q(author=None, submitter_name__iexact=member.name.strip()),
        Relation(
            DELETE,
            ("round__title", "paragraph__text", "body", "source", "created_at", "outcome", "reason"),
            "remarks_entered_on_my_behalf",
            keep_when=PUBLISHED_REACTIENOTA,
            anonymised=ANONYMOUS_REMARK,
        ),
    ),
}


def hidden_relation_key(rel) -> str:
    """ "app_label.model.field" of a reverse relation (used for those without a reverse name)."""
    return f"{rel.related_model._meta.label_lower}.{rel.field.name}"


def classified_names() -> set[str]:
    return set(PERSONAL_FIELDS) | set(SECRET_FIELDS) | set(RELATIONS) | set(HIDDEN_RELATIONS)
