"""Load the demo network (fictional people, the seeds' story). Safe to run again: it changes nothing."""

import time

from django.core.management.base import BaseCommand

from samenspel.core import demo


class Command(BaseCommand):
    help = "Load the demo network. Idempotent: a second run writes nothing and creates no duplicates."

    def handle(self, *args, **options):
        started = time.perf_counter()
        ctx = demo.load_demo()
        seconds = time.perf_counter() - started
        if ctx.created or ctx.changed:
            self.stdout.write(f"Demo network: {ctx.created} rows created, {ctx.changed} updated in {seconds:.1f} s.")
        else:
            self.stdout.write(f"Demo network already up to date ({seconds:.1f} s).")
        counts = demo.summary()
        self.stdout.write("  " + ", ".join(f"{count} {label}" for label, count in counts.items()))
