"""Print who a newcomer can log in as in the demo network, or the coordinator's current TOTP code."""

import contextlib

from django.core.management.base import BaseCommand, CommandError

from samenspel.demo import base as demo
from samenspel.members.models import Member


class Command(BaseCommand):
    help = "Print the demo logins of every role. With --totp: print only the coordinator's current 6-digit code."

    def add_arguments(self, parser):
        parser.add_argument(
            "--totp",
            action="store_true",
            help="Print the current two-factor code of the demo coordinator and nothing else.",
        )

    def handle(self, *args, totp=False, **options):
        from allauth.mfa.models import Authenticator

        if totp:
            try:
                self.stdout.write(demo.current_totp_code())
            except Authenticator.DoesNotExist as error:
                raise CommandError("The demo coordinator has no authenticator. Run: manage.py seed_demo") from error
            return

        names = dict(
            Member.objects.filter(email__in=[login.email for login in demo.DEMO_LOGINS]).values_list("email", "name")
        )
        if not names:
            self.stdout.write("There is no demo data yet. Run: manage.py seed_demo")
            return
        rows = [(login.role, names.get(login.email, "(missing)"), login.email) for login in demo.DEMO_LOGINS]
        widths = [max(len(row[i]) for row in [("Role", "Name", "Email"), *rows]) for i in range(3)]

        def line(cells):
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

        out = self.stdout
        out.write("Demo logins")
        out.write(f"Password for every demo account: {demo.DEMO_PASSWORD}  (demo only: never use it on a real site)")
        out.write("")
        out.write(line(("Role", "Name", "Email")))
        out.write(line(["-" * width for width in widths]))
        for login, row in zip(demo.DEMO_LOGINS, rows, strict=True):
            out.write(line(row))
            out.write(f"    try: {login.try_this}")
        out.write("")
        out.write("Logging in as the coordinator asks for a two-factor code (TOTP). Either:")
        out.write("  - get the current code:   .venv/bin/python manage.py demo_logins --totp")
        out.write(f"  - or add this secret to an authenticator app: {demo.DEMO_TOTP_SECRET}")
        with contextlib.suppress(Member.DoesNotExist):
            out.write(f"    ({demo.totp_url()})")
