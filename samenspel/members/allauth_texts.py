"""allauth's own texts that we translate again, in plain Dutch (B1, "je").

allauth ships a Dutch catalogue, but it says "aanmelden" for logging in (we keep "aanmelden"
for joining the network and say "inloggen" for logging in), and a few texts say "a.u.b." or
"alstublieft". Our catalogue (LOCALE_PATHS) is read before allauth's, so an msgid listed here
and translated in locale/nl wins. `gettext_noop` keeps `makemessages` from dropping them.
tests/members/test_allauth_texts.py checks that every msgid still exists in allauth.
"""

from django.utils.translation import gettext_noop

ALLAUTH_TEXTS = (
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("You have signed out."),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("Sign-In Code"),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("Your sign-in code is listed below. Please enter it in your open browser window."),
    gettext_noop("You will receive a special code for a password-free sign-in."),
    gettext_noop("Other sign-in options"),
    gettext_noop("Sign Up"),
    gettext_noop("Signup"),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. "
        "Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop(
        "We have sent an email to you for\nverification. Please click on the link inside that email. If you do "
        "not see the verification email in your main inbox, check your spam folder. Otherwise\ncontact us if you "
        "do not receive it within a few minutes."
    ),
    gettext_noop("We've sent a code to %(recipient)s. The code expires shortly, so please enter it soon."),
    gettext_noop("Your account is protected by two-factor authentication. Please enter an authenticator code:"),
    gettext_noop("Enter an authenticator code:"),
    gettext_noop("Authenticator code"),
    gettext_noop("Two-Factor Authentication"),
    gettext_noop("Set Password"),
    gettext_noop("Reset My Password"),
    gettext_noop("Invalid login."),
    gettext_noop("Successfully signed in as %(name)s."),
)
