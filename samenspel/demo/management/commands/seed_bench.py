"""Load the demo plus generated data for the benchmark: factor x (200 members, 4 circles, 400 updates,
100 meetings with 20 registrations each, a document of 20 paragraphs with 2 x 200 comments)."""

import time

from django.core.management.base import BaseCommand, CommandError

from samenspel.demo import base as demo
from samenspel.demo.bench import consultations as bench_consultations
from samenspel.demo.bench import meetings as bench_meetings
from samenspel.demo.bench import opportunity_pages as bench_opportunity_pages
from samenspel.demo.bench.bulk import Stopwatch
from samenspel.demo.bench.monitor import seed_monitor
from samenspel.demo.bench.scale import scale_demo, wipe_bench


class Command(BaseCommand):
    help = (
        "Top up the demo network with generated rows so the database holds factor x 200 members, "
        "4 circles, 400 circle updates and 100 meetings with 20 registrations each (factor 10: "
        "2,000 / 40 / 4,000 / 1,000 meetings, half of them public). Deterministic and "
        "idempotent per factor; a different factor replaces the generated rows. --wipe removes them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=1, help="How many times the 1x data set (default 1).")
        parser.add_argument("--seed", type=int, default=2023, help="Seed of the random generator (default 2023).")
        parser.add_argument("--wipe", action="store_true", help="Only remove the generated rows; keep the demo.")

    def handle(self, *args, factor, seed, wipe, **options):
        if wipe:
            bench_consultations.wipe_consultations()
            bench_meetings.wipe_meetings()
            bench_opportunity_pages.wipe()
            wipe_bench()
            self.stdout.write("Generated benchmark rows removed.")
            return
        started = time.perf_counter()
        watch = Stopwatch()
        try:
            if not bench_consultations.is_seeded(factor):
                bench_consultations.wipe_consultations()  # before the members it refers to are replaced
            result = scale_demo(factor, seed=seed)
            watch.lap("members, circles, updates")
            meetings = bench_meetings.seed_meetings(factor)
            watch.lap("meetings")
            consultations = bench_consultations.seed_consultations(factor, seed=seed)
            watch.lap("consultation")
            monitor = seed_monitor()  # the scale at every factor: 7 organisations x 40 teams x 12 quarters
            watch.lap("monitor")
            opportunities = bench_opportunity_pages.seed_opportunities(factor, seed=seed)
            watch.lap("opportunities")
        except ValueError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        state = "created" if result["created"] else "already in place"
        self.stdout.write(
            f"Benchmark data x{factor} {state} ({seconds:.1f} s): {result['members']} generated members, "
            f"{result['circles']} generated circles, {result['updates']} generated updates."
        )
        self.stdout.write(f"  seconds per step: {watch.render()}")
        state = "created" if meetings["created"] else "already in place"
        self.stdout.write(
            f"Benchmark meetings x{factor} {state}: {meetings['meetings']} meetings, "
            f"{meetings['registrations']} registrations."
        )
        state = "created" if consultations["created"] else "already in place"
        self.stdout.write(
            f"Benchmark consultation x{factor} {state}: {consultations['paragraphs']} paragraphs per version, "
            f"{consultations['comments']} comments."
        )
        state = "created" if monitor["created"] else "already in place"
        self.stdout.write(
            f"Benchmark monitor {state}: {monitor['organisations']} organisations, {monitor['teams']} teams, "
            f"{monitor['periods']} closed quarters."
        )
        self.stdout.write(
            f"Benchmark opportunities x{factor}: {opportunities['opportunities']} published, "
            f"{opportunities['opt_ins']} opt-ins."
        )
        counts = demo.summary()
        self.stdout.write(
            f"  totals: {counts['members']} members, {counts['circles']} circles, {counts['circle updates']} updates"
        )
