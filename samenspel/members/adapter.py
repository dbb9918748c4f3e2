from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from samenspel.core.tasks import queue_email

from . import services
from .models import Member

EMAIL_MAX_LENGTH = Member._meta.get_field("email").max_length


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Nobody can join before the coordinator has published a consent text."""
        return services.current_consent_text() is not None

    def clean_email(self, email: str) -> str:
        """Every address a person types (sign-up, adding an address) must fit in the database."""
        if len(email) > EMAIL_MAX_LENGTH:
            raise forms.ValidationError(
                _("This email address is too long. Use at most %(max)s characters.") % {"max": EMAIL_MAX_LENGTH}
            )
        return super().clean_email(email)

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
            from samenspel.circles.services import accept_invitation_from_session

            accept_invitation_from_session(request=request, member=user)
        return user

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's emails, signed with the network's name (also when no request is at hand)."""
        context = {
            "network_name": settings.NETWORK_NAME,
            "network_short_name": settings.NETWORK_SHORT_NAME,
            **context,
        }
        return super().render_mail(template_prefix, email, context, headers=headers)

    def send_mail(self, template_prefix, email, context):
        """Render as allauth does, then send from the task worker after commit."""
        message = self.render_mail(template_prefix, email, context)
        html_body = None
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html_body = content
        queue_email(
            to=message.to,
            subject=message.subject,
            body=message.body,
            html_body=html_body,
            from_email=message.from_email,
        )
