"""Every field and relation of a member, classified in one place.

"Download my data" and "Delete my account" both read these lists, so a field or relation
that is classified here is exported and handled on deletion. A test fails when a new field
or relation appears on `Member` without being listed here.

- PERSONAL_FIELDS: the member's own data; exported as is (foreign keys by name).
- SECRET_FIELDS: kept out of the export (a password hash, Django permissions).
- RELATIONS: rows in other tables about the member. `on_delete` says what deletion does:
  DELETE removes the rows (or the link, for many-to-many), DETACH keeps the rows without
  the member (for example circle updates keep their text, the author becomes empty).
"""

from dataclasses import dataclass

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


RELATIONS: dict[str, Relation] = {
    "emailaddress": Relation(DELETE, ("email", "verified", "primary"), "email_addresses"),
    "authenticator": Relation(DELETE, ("type", "created_at", "last_used_at"), "two_step_login"),
    "consents": Relation(DELETE, ("consent_text__version", "given_at", "language"), "consents"),
    "represented_organisations": Relation(DELETE, ("name",), "represents_organisations"),
    "circle_memberships": Relation(DELETE, ("circle__name", "role", "status", "created_at"), "circle_memberships"),
    "circle_updates": Relation(DETACH, ("circle__name", "title", "body", "published_at"), "circle_updates_written"),
    "sent_invitations": Relation(DETACH, ("circle__name", "created_at", "used_at"), "invitations_sent"),
    "registrations": Relation(
        DELETE,
        ("meeting__title", "meeting__starts_at", "status", "role", "access_needs", "attended", "created_at"),
        "meeting_registrations",
    ),
    "calendar_feed": Relation(DELETE, ("created_at",), "personal_calendar_feed"),
    # Remarks are the member's own words: deleting the account deletes them (and their outcomes).
    "consultation_comments": Relation(
        DELETE,
        ("round__title", "paragraph__text", "body", "display", "created_at", "withdrawn_at", "outcome", "reason"),
        "consultation_comments",
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
}

# Audit rows where the member is the actor: the actor link is hidden (related_name="+"),
# so it is listed here by hand. Exported; on deletion the rows stay without the actor.
AUDIT_EXPORT_FIELDS = ("action", "target_type", "target_id", "created_at")


def classified_names() -> set[str]:
    return set(PERSONAL_FIELDS) | set(SECRET_FIELDS) | set(RELATIONS)
