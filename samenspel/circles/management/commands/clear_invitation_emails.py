from django.core.management.base import BaseCommand

from samenspel.circles.services import clear_old_invitation_emails


class Command(BaseCommand):
    help = "Forget the email addresses of circle invitations that expired unused (run once a day)."

    def handle(self, *args, **options):
        count = clear_old_invitation_emails()
        self.stdout.write(f"Cleared the email address of {count} expired invitation(s).")
