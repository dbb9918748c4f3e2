"""Tell the audiences of consultation rounds that a round opened, and that it closes in two days.

Run it every hour from cron (docs/production.md): each round's notices go out once
(Round.opened_notice_at, Round.closing_notice_at). People get them as they chose in their
message settings (docs/notifications.md).
"""

from django.core.management.base import BaseCommand

from samenspel.consultations.services.round_notices import notify_rounds


class Command(BaseCommand):
    help = "Notify the audiences of consultation rounds that opened or close within two days (once per round)."

    def handle(self, *args, **options):
        opened, closing = notify_rounds()
        self.stdout.write(f"Rounds opened: {opened}; rounds closing soon: {closing}.")
