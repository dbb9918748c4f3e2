from django.core.management.base import BaseCommand

from samenspel.meetings.services.registration import purge_access_needs, purge_unconfirmed_visitors


class Command(BaseCommand):
    help = (
        "Delete personal data that meetings no longer need (run once a day): the access needs of "
        "meetings that have ended, and visitors' registrations that were never confirmed."
    )

    def handle(self, *args, **options):
        needs = purge_access_needs()
        visitors = purge_unconfirmed_visitors()
        self.stdout.write(f"Deleted the access needs of {needs} registration(s).")
        self.stdout.write(f"Deleted {visitors} unconfirmed visitor registration(s).")
