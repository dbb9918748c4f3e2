"""Remind kartrekkers whose circle's update for a newsletter edition is still missing.

Run it daily from cron: each request gets one reminder, two days before the edition's deadline.
"""

from django.core.management.base import BaseCommand

from samenspel.newsletter.services.editions import send_reminders


class Command(BaseCommand):
    help = "Remind kartrekkers of the newsletter updates due within two days (once per request)."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"Reminders sent for {count} request(s).")
