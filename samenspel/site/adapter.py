import logging

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from samenspel.core.emails import Email
from samenspel.members import selectors, services
from samenspel.members.models import Member

logger = logging.getLogger(__name__)

EMAIL_MAX_LENGTH = Member._meta.get_field("email").max_length


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Nobody can join before the coordinator has published a consent text."""
        return selectors.current_consent_text() is not None

    def clean_email(self, email: str) -> str:
        """Every address a person types (sign-up, adding an address) must fit in the database."""
        if len(email) > EMAIL_MAX_LENGTH:
            raise forms.ValidationError(
                _("This email address is too long. Use at most %(max)s characters.") % {"max": EMAIL_MAX_LENGTH}
            )
        return super().clean_email(email)

    # An invitation link proves the invitee reads that mailbox: the circle's invitation page stashes
    # the invited address (allauth's "verified email"), the sign-up form shows it filled in, and an
    # account made with exactly that address needs no confirmation email. allauth would also add the
    # stashed address to an account made with another address; we only count it when it is the one typed.
    def unstash_verified_email(self, request):
        request._invited_email = super().unstash_verified_email(request)
        return None

    def is_email_verified(self, request, email: str) -> bool:
        invited = request.session.get("account_verified_email") or getattr(request, "_invited_email", None)
        return bool(invited) and invited.lower() == (email or "").lower()

    def save_user(self, request, user, form, commit=True):
        """Create the account, its details and the consent together, or nothing at all."""
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=True)
            data = form.cleaned_data
            services.complete_sign_up(
                member=user,
                name=data["name"],
                kind=data["kind"],
                organisation=data.get("organisation"),
                themes=list(data.get("themes") or []),
                theme_visibility=data["theme_visibility"],
                consent_text=form.consent_text,
                language=translation.get_language() or "nl",
            )
            from samenspel.circles.services import accept_invitation_from_session, choose_circle_from_session

            accept_invitation_from_session(request=request, member=user)
            choose_circle_from_session(request=request, member=user)
        return user

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's emails, signed with the network's name (also when no request is at hand).

        Sent as our `Email`, so a long subject with accents is encoded as ours are.
        """
        context = {
            "network_name": settings.NETWORK_NAME,
            "network_short_name": settings.NETWORK_SHORT_NAME,
            **context,
        }
        message = super().render_mail(template_prefix, email, context, headers=headers)
        return Email(
            subject=message.subject,
            body=message.body,
            from_email=message.from_email,
            to=message.to,
            headers=message.extra_headers,
            alternatives=getattr(message, "alternatives", None),
        )

    def send_mail(self, template_prefix, email, context):
        """Render as allauth does and send right after commit, from this process: not queued.

        These emails carry a secret by nature (a password-reset key, a login code, an address
        confirmation link), and the task queue is a database table. So they never go through it:
        nothing of them is written to the database. The cost: the request waits for the mail
        server, as with allauth's own default. A failure is logged, not shown to the visitor
        (allauth's pages say "if the address is known, we sent an email" anyway).
        """
        message = self.render_mail(template_prefix, email, context)

        def send():
            try:
                message.send()
            except Exception:
                logger.exception("Could not send the %s email.", template_prefix)

        transaction.on_commit(send)
