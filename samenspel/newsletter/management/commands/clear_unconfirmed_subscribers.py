"""Delete the public subscribers who did not confirm their address in time (daily)."""

from django.core.management.base import BaseCommand

from samenspel.newsletter.services.audiences import clear_unconfirmed


class Command(BaseCommand):
    help = "Delete newsletter subscribers who did not confirm their address within SUBSCRIBE_CONFIRM_DAYS."

    def handle(self, *args, **options):
        count = clear_unconfirmed()
        self.stdout.write(f"Unconfirmed subscribers deleted: {count}.")
