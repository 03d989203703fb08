"""Compile every .po catalogue into its .mo, without GNU gettext installed.

The .po files are the source (a translator edits them in Poedit or Weblate);
the .mo files are built here, at setup and at deployment, and not kept in git.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/django.po into .mo files."

    def handle(self, *args, **options):
        for po in sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po")):
            polib.pofile(str(po)).save_as_mofile(str(po.with_suffix(".mo")))
            self.stdout.write(f"compiled {po.relative_to(settings.BASE_DIR)}")
