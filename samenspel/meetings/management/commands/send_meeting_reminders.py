"""Email a reminder to the confirmed participants of meetings that start within 48 hours.

Run it every hour from cron: each meeting gets its reminder once (Meeting.reminder_sent_at).
"""

from django.core.management.base import BaseCommand

from samenspel.meetings.services.planning import send_reminders


class Command(BaseCommand):
    help = "Email reminders for published meetings that start within 48 hours (once per meeting)."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"Reminders sent for {count} meeting(s).")
