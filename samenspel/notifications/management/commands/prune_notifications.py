"""Delete old messages: read ones after half a year, any after a year (docs/notifications.md).

Run once a day from cron. A message still waiting for a summary email is kept until it is sent.
"""

from django.core.management.base import BaseCommand

from samenspel.notifications.services import prune_old


class Command(BaseCommand):
    help = "Delete messages read more than half a year ago and any message older than a year."

    def handle(self, *args, **options):
        self.stdout.write(f"{prune_old()} old message(s) deleted.")
