import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samenplan.exports.family_json import ImportError_, import_family


class Command(BaseCommand):
    help = "Restore one family from a Samenplan JSON export (ids remapped, accounts by e-mail)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The JSON file the family downloaded.")

    def handle(self, *args, path, **options):
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Kan het bestand niet lezen: {error}") from error
        try:
            family = import_family(data)
        except (ImportError_, KeyError, TypeError, ValueError) as error:
            raise CommandError(f"Dit bestand kan niet worden ingelezen: {error}") from error
        self.stdout.write(f"Gezin ingelezen: {family.name} (nummer {family.pk}).")
