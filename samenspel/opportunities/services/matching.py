"""Matching, only with consent: a member asks for invitations (recorded like consent), changes their
wishes, withdraws; members an opportunity fits are told when it is published.

- `opt_in`: records the words shown (texts.py), their version, the date and the language, with the
  wishes. Asking again while a choice is active changes only the wishes (the consent stays).
- `withdraw`: sets `withdrawn_at`. Matching reads only active choices, so the member drops out of
  every match at once; invitations still waiting for a summary email are not sent any more.
- `invite_matches`: run by the task `invite_matching_members` when `opportunity_published` is
  sent. It notifies the members the opportunity fits, in chunks of INVITE_CHUNK (one transaction
  each), and leaves out who was told already, so a repeated run tells nobody twice.
"""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation

from samenspel.core import cache_version
from samenspel.core.audit import log_action
from samenspel.members.models import Member
from samenspel.notifications.models import Kind as NotificationKind
from samenspel.notifications.models import Notification
from samenspel.notifications.services import notify, stop_waiting_emails

from ..models import MatchingOptIn, Opportunity
from ..selectors.matching import active_opt_in, matching_opt_ins, open_opportunities
from ..texts import OPT_IN_TEXT_VERSION, opt_in_text

INVITE_CHUNK = 500
INVITE_MESSAGE = "opportunity.fits"


def _set_wishes(choice: MatchingOptIn, wishes: dict) -> None:
    choice.kinds = wishes.get("kinds", 0)
    choice.days = wishes.get("days", 0)
    choice.hours_per_month = wishes.get("hours_per_month")
    choice.online_ok = wishes.get("online_ok", True)
    choice.save(update_fields=["kinds", "days", "hours_per_month", "online_ok"])
    choice.areas.set(wishes.get("areas", []))


@transaction.atomic
def opt_in(*, member, language: str, **wishes) -> tuple[MatchingOptIn, bool]:
    """Record that `member` wants invitations, with the words shown in `language`, and their wishes.

    `wishes`: kinds, days (bits), hours_per_month (None: no limit), areas, online_ok. Returns the
    choice and whether it is new (False: the active choice's wishes were changed).
    """
    choice = active_opt_in(member)
    created = False
    if choice is None:
        with translation.override(language):
            text = opt_in_text()
        try:
            with transaction.atomic():
                choice = MatchingOptIn.objects.create(
                    member=member, text_version=OPT_IN_TEXT_VERSION, text=text, language=language
                )
                created = True
        except IntegrityError:  # chosen at the same moment in another request
            choice = active_opt_in(member)
    _set_wishes(choice, wishes)
    if created:
        data = {"version": OPT_IN_TEXT_VERSION}
        log_action(actor=member, action="opportunities.opt_in.given", target=member, data=data)
    else:
        log_action(actor=member, action="opportunities.opt_in.changed", target=member)
    return choice, created


@transaction.atomic
def withdraw(*, member) -> bool:
    """Stop the invitations: out of every match at once. False when there was no active choice."""
    changed = MatchingOptIn.objects.filter(member=member, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    if not changed:
        return False
    cache_version.bump(f"member:{member.pk}")  # an update sends no signal: "Kansen voor jou" shows it
    stop_waiting_emails(member=member, kind=NotificationKind.OPPORTUNITY)
    log_action(actor=member, action="opportunities.opt_in.withdrawn", target=member)
    return True


def detail_path(opportunity: Opportunity) -> str:
    return reverse("opportunities:detail", args=[opportunity.pk])


def invite_matches(opportunity_id: int, *, chunk: int = INVITE_CHUNK) -> int:
    """Notify every member the published, open opportunity fits and who was not told yet. How many were told.

    Members are read in chunks by id (a keyset, so no chunk is read twice and none is skipped when
    others change meanwhile); each chunk is one transaction with one `notify` for all of it.
    """
    opportunity = open_opportunities().filter(pk=opportunity_id).first()
    if opportunity is None:  # closed, withdrawn or past its deadline before the task ran
        return 0
    link = detail_path(opportunity)
    told = Notification.objects.filter(recipient_id=OuterRef("member_id"), kind=NotificationKind.OPPORTUNITY, link=link)
    member_ids = (
        matching_opt_ins(opportunity).filter(~Exists(told)).order_by("member_id").values_list("member_id", flat=True)
    )
    total, last = 0, 0
    while True:
        ids = list(member_ids.filter(member_id__gt=last)[:chunk])
        if not ids:
            return total
        with transaction.atomic():
            members = Member.objects.filter(pk__in=ids).only("pk", "email", "name", "preferred_language", "is_active")
            total += len(
                notify(
                    recipients=members,
                    kind=NotificationKind.OPPORTUNITY,
                    message=INVITE_MESSAGE,
                    params={"title": opportunity.title},
                    link=link,
                )
            )
        last = ids[-1]


def invite_on_publish(sender, *, opportunity: Opportunity, **kwargs) -> None:
    """The receiver of `opportunity_published`: queue the invitations once the publication is committed."""
    from ..tasks import invite_matching_members

    opportunity_id = opportunity.pk
    transaction.on_commit(lambda: invite_matching_members.enqueue(opportunity_id=opportunity_id))
