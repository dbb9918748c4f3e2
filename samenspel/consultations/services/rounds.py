"""Services for consultation rounds: create and change rounds, invite people, comment, support, remind.

Rules (enforced here, whatever the form or view does; the clock is the server's):
- Coordinators create and change rounds, on published versions only, and invite people by email
  address. An address must belong to an account; unknown addresses are reported back, not stored.
- A comment is written while the round is open (opens_at <= now < closes_at) by someone in its
  audience (see access.may_comment), on a paragraph of the round's version or on the document as a
  whole, or as the answer to one of the round's questions. The text is plain text, 1 to 5,000
  characters; it is shown escaped. The author chooses how they are shown (name, role, anonymous).
- Authors edit or withdraw their own comments until the round closes. Withdrawn comments are
  hidden from everyone but coordinators and need no outcome.
- Coordinators enter remarks that came in by email or in a meeting on behalf of the sender, also
  after the round has closed, until the reactienota is published.
- Approved members (kartrekkers included) support a comment of someone else while the round is open.
- Reminders: invitees who have not commented yet get one email REMINDER_BEFORE the round closes
  (management command send_consultation_reminders, hourly).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.core import cache_version
from samenspel.core.audit import log_action
from samenspel.core.emails import send_templated_email
from samenspel.core.roles import is_approved_member
from samenspel.lib.errors import DomainError
from samenspel.members.models import Member

from .. import access, revisions
from ..models import Comment, CommentSupport, Paragraph, Question, Round, RoundInvitee, Version
from .round_notices import CLOSING_NOTICE_BEFORE

MAX_COMMENT_CHARS = Comment._meta.get_field("body").max_length  # 5,000
MAX_QUESTIONS = 20
MAX_QUESTION_CHARS = Question._meta.get_field("text").max_length
MAX_INVITES_AT_ONCE = 200
REMINDER_BEFORE = datetime.timedelta(days=3)


class RoundError(DomainError):
    """A rule was broken; `message` can be shown to the person."""


def _fresh(round_: Round, *, lock: bool = False) -> Round:
    rounds = Round.objects.select_related("version__document")
    if lock:
        rounds = rounds.select_for_update(of=("self",))
    return rounds.get(pk=round_.pk)


def _require_open(round_: Round) -> None:
    now = timezone.now()
    if now < round_.opens_at:
        raise RoundError(_("This round has not opened yet. You can comment from the opening date."))
    if now >= round_.closes_at:
        raise RoundError(_("This round is closed. You can no longer comment or change comments."))


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise RoundError(_("Write your comment first. The text is empty."))
    if len(body) > MAX_COMMENT_CHARS:
        raise RoundError(
            _("Your comment is too long. Use at most %(max)s characters (now %(count)s).")
            % {"max": MAX_COMMENT_CHARS, "count": len(body)}
        )
    return body


def _clean_display(display: str) -> str:
    if display not in Comment.Display.values:
        raise RoundError(_("Choose how you want to be shown."))
    return display


def _check_paragraph(round_: Round, paragraph: Paragraph | None) -> None:
    if paragraph is not None and paragraph.version_id != round_.version_id:
        raise RoundError(_("This paragraph is not part of the version of this round."))


def _check_question(round_: Round, question: Question | None) -> None:
    if question is not None and question.round_id != round_.pk:
        raise RoundError(_("This question is not part of this round."))


# --- rounds -------------------------------------------------------------------------------------


def _clean_round(*, version: Version, title: str, audience: str, opens_at, closes_at, questions: list[str]):
    if version.status != Version.Status.PUBLISHED:
        raise RoundError(_("Publish the version first. A round can only be held on a published version."))
    title = (title or "").strip()
    if not title:
        raise RoundError(_("Give the round a title."))
    if audience not in Round.Audience.values:
        raise RoundError(_("Choose who may comment."))
    if version.document.circle_id is not None and audience != Round.Audience.CIRCLE:
        raise RoundError(_("This is a document of a circle: only the members of the circle can comment."))
    if version.document.circle_id is None and audience == Round.Audience.CIRCLE:
        raise RoundError(_("This document belongs to no circle: choose another audience."))
    if opens_at is None or closes_at is None or closes_at <= opens_at:
        raise RoundError(_("The round must close after it opens."))
    questions = [text.strip() for text in questions if text and text.strip()]
    if len(questions) > MAX_QUESTIONS:
        raise RoundError(_("Ask at most %(max)s questions.") % {"max": MAX_QUESTIONS})
    if any(len(text) > MAX_QUESTION_CHARS for text in questions):
        raise RoundError(_("A question is too long. Use at most %(max)s characters.") % {"max": MAX_QUESTION_CHARS})
    return title, questions


@transaction.atomic
def create_round(
    *,
    actor,
    version: Version,
    title: str,
    introduction: str = "",
    audience: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    questions: list[str] = (),
) -> Round:
    version = Version.objects.select_related("document").get(pk=version.pk)
    access.require_may_manage_document(actor, version.document)
    title, questions = _clean_round(
        version=version, title=title, audience=audience, opens_at=opens_at, closes_at=closes_at, questions=questions
    )
    round_ = Round.objects.create(
        version=version,
        title=title,
        introduction=(introduction or "").strip(),
        audience=audience,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=actor,
    )
    Question.objects.bulk_create(
        Question(round=round_, position=index, text=text) for index, text in enumerate(questions, start=1)
    )
    log_action(
        actor=actor,
        action="consultation.round.created",
        target=round_,
        data={"version": version.pk, "audience": audience, "questions": len(questions)},
    )
    return round_


@transaction.atomic
def update_round(
    *,
    actor,
    round_: Round,
    title: str,
    introduction: str = "",
    audience: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    questions: list[str] = (),
) -> Round:
    """Change a round. Questions are matched by position; a question with answers cannot be removed."""
    access.require_may_manage_round(actor, round_)
    round_ = _fresh(round_, lock=True)
    if round_.reactienota_published_at is not None:
        raise RoundError(_("The reactienota of this round is published. The round can no longer change."))
    title, questions = _clean_round(
        version=round_.version,
        title=title,
        audience=audience,
        opens_at=opens_at,
        closes_at=closes_at,
        questions=questions,
    )
    existing = list(round_.questions.order_by("position", "id"))
    removed = existing[len(questions) :]
    if any(question.answers.exists() for question in removed):
        raise RoundError(_("A question that has answers cannot be removed. Change its text instead."))
    for question, text in zip(existing, questions, strict=False):
        if question.text != text:
            question.text = text
            question.save(update_fields=["text"])
    Question.objects.filter(pk__in=[q.pk for q in removed]).delete()
    Question.objects.bulk_create(
        Question(round=round_, position=index, text=text)
        for index, text in enumerate(questions, start=1)
        if index > len(existing)
    )
    revisions.bump(round_.pk)  # bulk_create sends no signal: the round page shows the questions
    changed = [
        name
        for name, value in (
            ("title", title),
            ("introduction", (introduction or "").strip()),
            ("audience", audience),
            ("opens_at", opens_at),
            ("closes_at", closes_at),
        )
        if getattr(round_, name) != value
    ]
    if "closes_at" in changed and closes_at > timezone.now() + REMINDER_BEFORE:
        round_.reminder_sent_at = None  # a later closing date: the reminder goes out again, before the new date
        changed.append("reminder_sent_at")
    later = closes_at > timezone.now() + CLOSING_NOTICE_BEFORE
    if "closes_at" in changed and later and round_.closing_notice_at is not None:
        round_.closing_notice_at = None  # and the audience's closing notice too (round_notices.py)
        changed.append("closing_notice_at")
    round_.title, round_.introduction, round_.audience = title, (introduction or "").strip(), audience
    round_.opens_at, round_.closes_at = opens_at, closes_at
    if changed:
        round_.save(update_fields=changed)
    log_action(
        actor=actor,
        action="consultation.round.changed",
        target=round_,
        data={"fields": changed, "questions": len(questions)},
    )
    return round_


# --- invitees -----------------------------------------------------------------------------------


@dataclass
class InviteResult:
    invited: list = field(default_factory=list)  # Members newly invited (they get an email)
    already: list = field(default_factory=list)  # Members who were invited before
    unknown: list = field(default_factory=list)  # addresses without an account


def _round_url(round_: Round) -> str:
    return settings.SITE_URL + reverse("consultations:round_detail", args=[round_.pk])


def _email_invitee(round_: Round, member: Member, template: str) -> None:
    send_templated_email(
        to=member.email,
        template=f"consultations/{template}",
        context={
            "name": member.name,
            "round": round_,
            "document": round_.version.document,
            "version": round_.version,
            "round_url": _round_url(round_),
        },
        language=member.preferred_language or "nl",
    )


@transaction.atomic
def invite(*, actor, round_: Round, emails: list[str]) -> InviteResult:
    """Invite the accounts with these addresses; each new invitee gets an email (in their language)."""
    access.require_may_manage_round(actor, round_)
    round_ = _fresh(round_, lock=True)
    if timezone.now() >= round_.closes_at:
        raise RoundError(_("This round is closed. You can no longer invite people."))
    wanted = list(dict.fromkeys(email.strip().lower() for email in emails if email and email.strip()))
    if not wanted:
        raise RoundError(_("Fill in at least one email address."))
    if len(wanted) > MAX_INVITES_AT_ONCE:
        raise RoundError(_("Invite at most %(max)s people at once.") % {"max": MAX_INVITES_AT_ONCE})
    members = {
        member.email_lower: member
        for member in Member.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=wanted, is_active=True)
    }
    invited_before = set(RoundInvitee.objects.filter(round=round_).values_list("member_id", flat=True))
    result = InviteResult()
    for email in wanted:
        member = members.get(email)
        if member is None:
            result.unknown.append(email)
        elif member.pk in invited_before:
            result.already.append(member)
        else:
            result.invited.append(member)
    RoundInvitee.objects.bulk_create(
        [RoundInvitee(round=round_, member=member) for member in result.invited], ignore_conflicts=True
    )
    cache_version.bump_for(*(RoundInvitee(round=round_, member=member) for member in result.invited))  # no signals
    for member in result.invited:
        _email_invitee(round_, member, "round_invitation")
    log_action(
        actor=actor,
        action="consultation.round.invited",
        target=round_,
        data={"invited": [m.pk for m in result.invited], "unknown": len(result.unknown)},
    )
    return result


@transaction.atomic
def uninvite(*, actor, round_: Round, invitee: RoundInvitee) -> None:
    """Take an invitation back. Comments already written stay."""
    access.require_may_manage_round(actor, round_)
    if invitee.round_id != round_.pk:
        raise RoundError(_("This person is not invited to this round."))
    invitee.delete()
    log_action(actor=actor, action="consultation.round.uninvited", target=round_, data={"member": invitee.member_id})


# --- comments -----------------------------------------------------------------------------------


@transaction.atomic
def add_comment(
    *,
    author,
    round_: Round,
    body: str,
    display: str,
    paragraph: Paragraph | None = None,
    question: Question | None = None,
) -> Comment:
    """A comment on a paragraph, on the whole document (paragraph None), or an answer to a question."""
    round_ = _fresh(round_)
    _require_open(round_)
    access.require_may_comment(author, round_)
    _check_paragraph(round_, paragraph)
    _check_question(round_, question)
    if paragraph is not None and question is not None:
        raise RoundError(_("An answer to a question belongs to the whole document, not to one paragraph."))
    comment = Comment.objects.create(
        round=round_,
        paragraph=paragraph,
        question=question,
        author=author,
        display=_clean_display(display),
        body=_clean_body(body),
        source=Comment.Source.PLATFORM,
    )
    log_action(
        actor=author,
        action="consultation.comment.created",
        target=comment,
        data={"round": round_.pk, "paragraph": paragraph.pk if paragraph else None, "question": comment.question_id},
    )
    return comment


def _own_open_comment(actor, comment: Comment) -> tuple[Round, Comment]:
    comment = Comment.objects.select_for_update(of=("self",)).get(pk=comment.pk)
    if comment.author_id != getattr(actor, "pk", None) or comment.entered_by_id is not None:
        raise PermissionDenied
    if comment.withdrawn_at is not None:
        raise RoundError(_("This comment was withdrawn. It can no longer change."))
    round_ = _fresh(comment.round)
    _require_open(round_)
    return round_, comment


@transaction.atomic
def update_comment(*, actor, comment: Comment, body: str, display: str) -> Comment:
    _round, comment = _own_open_comment(actor, comment)
    comment.body = _clean_body(body)
    comment.display = _clean_display(display)
    comment.save(update_fields=["body", "display", "updated_at"])
    log_action(actor=actor, action="consultation.comment.changed", target=comment)
    return comment


@transaction.atomic
def withdraw_comment(*, actor, comment: Comment) -> Comment:
    _round, comment = _own_open_comment(actor, comment)
    comment.withdrawn_at = timezone.now()
    comment.save(update_fields=["withdrawn_at", "updated_at"])
    log_action(actor=actor, action="consultation.comment.withdrawn", target=comment)
    return comment


@transaction.atomic
def answer_questions(*, author, round_: Round, answers: dict, display: str) -> int:
    """Save the author's answers ({question: text}): a new answer, a changed one, or withdrawn when emptied.

    Returns how many answers changed.
    """
    round_ = _fresh(round_)
    _require_open(round_)
    access.require_may_comment(author, round_)
    display = _clean_display(display)
    for question in answers:
        _check_question(round_, question)
    current = {
        comment.question_id: comment
        for comment in Comment.objects.select_for_update(of=("self",)).filter(
            round=round_, author=author, entered_by__isnull=True, question__isnull=False, withdrawn_at__isnull=True
        )
    }
    changed = 0
    for question, text in answers.items():
        text = (text or "").strip()
        existing = current.get(question.pk)
        if not text:
            if existing is not None:
                existing.withdrawn_at = timezone.now()
                existing.save(update_fields=["withdrawn_at", "updated_at"])
                changed += 1
            continue
        text = _clean_body(text)
        if existing is None:
            Comment.objects.create(
                round=round_,
                question=question,
                author=author,
                display=display,
                body=text,
                source=Comment.Source.PLATFORM,
            )
            changed += 1
        elif existing.body != text or existing.display != display:
            existing.body, existing.display = text, display
            existing.save(update_fields=["body", "display", "updated_at"])
            changed += 1
    log_action(actor=author, action="consultation.answers.saved", target=round_, data={"changed": changed})
    return changed


@transaction.atomic
def enter_remark(
    *,
    actor,
    round_: Round,
    body: str,
    submitter_name: str,
    submitter_role: str = "",
    source: str,
    source_meeting=None,
    display: str = Comment.Display.NAME,
    paragraph: Paragraph | None = None,
) -> Comment:
    """A remark that came in by email or in a meeting, entered by a coordinator on behalf of the sender."""
    access.require_may_manage_round(actor, round_)
    round_ = _fresh(round_, lock=True)
    if round_.reactienota_published_at is not None:
        raise RoundError(_("The reactienota of this round is published. No remarks can be added."))
    if timezone.now() < round_.opens_at:
        raise RoundError(_("This round has not opened yet."))
    _check_paragraph(round_, paragraph)
    if source not in (Comment.Source.EMAIL, Comment.Source.MEETING):
        raise RoundError(_("Choose where the remark came from: by email or in a meeting."))
    if source == Comment.Source.MEETING and source_meeting is None:
        raise RoundError(_("Choose the meeting where the remark was made."))
    if source != Comment.Source.MEETING:
        source_meeting = None
    submitter_name = (submitter_name or "").strip()
    submitter_role = (submitter_role or "").strip()
    if not submitter_name:
        raise RoundError(_("Fill in the name of the sender. Only coordinators see it when they choose anonymous."))
    if len(submitter_name) > 120 or len(submitter_role) > 120:
        raise RoundError(_("The name and the role can each be at most 120 characters."))
    comment = Comment.objects.create(
        round=round_,
        paragraph=paragraph,
        author=None,
        submitter_name=submitter_name,
        submitter_role=submitter_role,
        source=source,
        source_meeting=source_meeting,
        entered_by=actor,
        display=_clean_display(display),
        body=_clean_body(body),
    )
    log_action(
        actor=actor,
        action="consultation.comment.entered",
        target=comment,
        data={"round": round_.pk, "source": source, "meeting": getattr(source_meeting, "pk", None)},
    )
    return comment


# --- support ------------------------------------------------------------------------------------


def _supportable(member, comment: Comment) -> Comment:
    comment = Comment.objects.select_related("round").get(pk=comment.pk)
    if not is_approved_member(member):
        raise PermissionDenied
    if comment.withdrawn_at is not None:
        raise RoundError(_("This comment was withdrawn."))
    round_ = comment.round
    if not (round_.opens_at <= timezone.now() < round_.closes_at):
        raise RoundError(_("This round is closed. Support can no longer change."))
    return comment


@transaction.atomic
def support(*, member, comment: Comment) -> bool:
    """'I agree'. Returns False when the member already supported it."""
    comment = _supportable(member, comment)
    if comment.author_id == member.pk and comment.entered_by_id is None:
        raise RoundError(_("You cannot support your own comment."))
    try:
        with transaction.atomic():
            CommentSupport.objects.create(comment=comment, member=member)
    except IntegrityError:
        return False
    log_action(actor=member, action="consultation.comment.supported", target=comment)
    return True


@transaction.atomic
def withdraw_support(*, member, comment: Comment) -> bool:
    comment = _supportable(member, comment)
    deleted, _details = CommentSupport.objects.filter(comment=comment, member=member).delete()
    if deleted:
        log_action(actor=member, action="consultation.comment.support_withdrawn", target=comment)
    return bool(deleted)


# --- reminders ----------------------------------------------------------------------------------


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Email invitees who have not commented yet, once per round, REMINDER_BEFORE the round closes.

    Run every hour (management command send_consultation_reminders). Returns the number of rounds.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Round.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                reminder_sent_at__isnull=True,
                version__status=Version.Status.PUBLISHED,
                opens_at__lte=now,
                closes_at__gt=now,
                closes_at__lte=now + REMINDER_BEFORE,
            )
            .select_related("version__document")
        )
        if not due:
            return 0
        Round.objects.filter(pk__in=[r.pk for r in due]).update(reminder_sent_at=now)
        commented = set(
            Comment.objects.filter(round__in=due, author__isnull=False, withdrawn_at__isnull=True)
            .values_list("round_id", "author_id")
            .distinct()
        )
        invitees = RoundInvitee.objects.filter(round__in=due, member__is_active=True).select_related("member")
        by_pk = {round_.pk: round_ for round_ in due}
        sent = 0
        for invitee in invitees.order_by("round_id", "member_id"):
            if (invitee.round_id, invitee.member_id) in commented:
                continue
            _email_invitee(by_pk[invitee.round_id], invitee.member, "round_reminder")
            sent += 1
        for round_ in due:
            log_action(actor=None, action="consultation.round.reminded", target=round_)
    return len(due)
