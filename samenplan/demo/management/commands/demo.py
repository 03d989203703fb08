from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samenplan.demo.build import ACCOUNTS, DEMO_PASSWORD, build_demo
from samenplan.families.models import Family
from samenplan.notices.work import family_changed


class Command(BaseCommand):
    help = "Load the demo families (idempotent) and print the demo accounts."

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.DEMO):
            # The demo makes accounts with known passwords: never on a real installation.
            raise CommandError("The demo is only loaded with DEBUG=1 or SAMENPLAN_DEMO=1.")
        build_demo()
        # Who is told what waits for them: the worker sends the mails (to the console).
        for family_id in Family.objects.filter(closed_at__isnull=True).values_list("pk", flat=True):
            family_changed(family_id)
        self.stdout.write(self.style.SUCCESS("Demo geladen. Demo-accounts:"))
        for name, email, what, how in ACCOUNTS:
            login = f"wachtwoord: {DEMO_PASSWORD}" if how == "password" else "inlogcode"
            self.stdout.write(f"  {email:<22} {name:<20} {what:<42} {login}")
        self.stdout.write(
            "Families loggen in met een code: die staat hieronder in de console "
            "zodra je hem aanvraagt."
        )
