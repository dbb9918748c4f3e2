"""Start the newsletter editions scheduled for now, and pick up sending that stopped.

Run it every five minutes from cron. A scheduled edition starts at its time; an edition whose
sending stopped (a worker died, failed deliveries are due to be tried again) gets its workers again.
"""

from django.core.management.base import BaseCommand

from samenspel.newsletter.services.editions import start_due
from samenspel.newsletter.services.sending import resume


class Command(BaseCommand):
    help = "Start scheduled newsletter editions and resume sending that stopped."

    def handle(self, *args, **options):
        started = start_due()
        resumed = resume()
        self.stdout.write(f"Editions started: {started}; editions resumed: {resumed}.")
