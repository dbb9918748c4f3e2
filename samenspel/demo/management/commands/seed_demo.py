"""Load the demo network (fictional people, the seeds' story). Safe to run again: it changes nothing.

It refuses to run when DEBUG is off (production) unless given --yes-on-production: demo people
with a published password must never appear in a real network by accident.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samenspel.demo import base as demo


class Command(BaseCommand):
    help = "Load the demo network. Idempotent: a second run writes nothing and creates no duplicates."

    def add_arguments(self, parser):
        parser.add_argument(
            "--yes-on-production",
            action="store_true",
            help="Load the demo people even though DEBUG is off (a demo or test server, never a real network).",
        )

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED and not options["yes_on_production"]:
            raise CommandError(
                "DEBUG is off: this looks like production. seed_demo creates fictional people with a known "
                "password. Run it with DEBUG=1 on a development machine, or add --yes-on-production on a "
                "demo server."
            )
        started = time.perf_counter()
        ctx = demo.load_demo()
        seconds = time.perf_counter() - started
        if ctx.created or ctx.changed:
            self.stdout.write(f"Demo network: {ctx.created} rows created, {ctx.changed} updated in {seconds:.1f} s.")
        else:
            self.stdout.write(f"Demo network already up to date ({seconds:.1f} s).")
        counts = demo.summary()
        self.stdout.write("  " + ", ".join(f"{count} {label}" for label, count in counts.items()))
