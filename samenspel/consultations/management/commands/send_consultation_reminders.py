"""Email a reminder to the invitees of consultation rounds that close within three days.

Run it every hour from cron: each round gets its reminder once (Round.reminder_sent_at).
Invitees who already commented are not reminded.
"""

from django.core.management.base import BaseCommand

from samenspel.consultations.services.rounds import send_reminders


class Command(BaseCommand):
    help = "Email invitees of consultation rounds that close within three days (once per round)."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"Reminders sent for {count} round(s).")
