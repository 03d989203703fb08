from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samenplan.accounts.models import Organization, Professional
from samenplan.exports import moving


class Command(BaseCommand):
    help = (
        "Read in a family's moving file, as the import page does: for the organisation of "
        "the admin named with --admin. Refused when too large, malformed, unsigned by a "
        "known Samenplan, or read in before; then nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The moving file the family downloaded.")
        parser.add_argument(
            "--admin", required=True, help="E-mail address of the receiving organisation's admin."
        )
        parser.add_argument("--gi", default="", help="Name of the GI, for a family in a measure.")
        parser.add_argument("--operator", default="", help="Who runs this command.")

    def handle(self, *args, path, admin, gi, operator, **options):
        found = (
            Professional.objects.filter(
                user__email__iexact=admin, is_org_admin=True, is_active=True
            )
            .select_related("organization", "user")
            .first()
        )
        if found is None:
            raise CommandError(f"{admin} is geen actieve beheerder van een organisatie.")
        gi_org = None
        if gi:
            gi_org = Organization.objects.filter(name=gi, kind=Organization.Kind.GI).first()
            if gi_org is None:
                raise CommandError(f"Geen GI met de naam {gi!r}.")
        file = Path(path)
        try:
            moving.check_size(file.stat().st_size)
            raw = file.read_bytes()
            family, invited = moving.import_moving_file(
                raw, admin=found, gi=gi_org, operator=operator or admin
            )
        except OSError as error:
            raise CommandError(f"Kan het bestand niet lezen: {error}") from error
        except moving.ImportRefused as refused:
            raise CommandError(f"Niet ingelezen: {refused}") from refused
        self.stdout.write(
            f"Gezin ingelezen: nummer {family.pk}, {invited} mensen opnieuw uitgenodigd."
        )
