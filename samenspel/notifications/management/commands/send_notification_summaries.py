"""Email the daily or weekly summary of notifications (docs/notifications.md).

Run `send_notification_summaries daily` once a day and `send_notification_summaries weekly` once a
week from cron. Running it twice, or two at once, emails nothing twice.
"""

from django.core.management.base import BaseCommand

from samenspel.notifications.services import PERIODS, send_summaries


class Command(BaseCommand):
    help = "Email each person their daily or weekly summary of notifications (each notification once)."

    def add_arguments(self, parser):
        parser.add_argument("period", choices=[str(period) for period in PERIODS])

    def handle(self, *args, period, **options):
        emails, notifications = send_summaries(period=period)
        self.stdout.write(f"{emails} summary email(s) with {notifications} notification(s) queued.")
