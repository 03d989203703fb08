import gettext
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from samenplan.lib.po import parse

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
NL_PO = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"


class EnglishCatalogueTestCase(SimpleTestCase):
    def test_it_translates_every_string(self):
        entries = [e for e in parse(PO.read_text(encoding="utf-8")) if e.msgid]
        self.assertGreater(len(entries), 100)
        untranslated = [e.msgid for e in entries if not all(e.msgstr) or e.fuzzy]
        self.assertEqual(untranslated, [], "Run `make messages` and add English to lib/en.py")

    def test_it_has_compiled_catalogues_matching_the_po_files(self):
        for po in (PO, NL_PO):
            with self.subTest(po=str(po)):
                self.check_compiled(po)

    def check_compiled(self, po):
        with po.with_suffix(".mo").open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)
        for entry in parse(po.read_text(encoding="utf-8")):
            if not entry.msgid or entry.msgid_plural is not None:
                continue
            if entry.ctx is not None:
                got = catalogue.pgettext(entry.ctx, entry.msgid)
            else:
                got = catalogue.gettext(entry.msgid)
            self.assertEqual(got, entry.msgstr[0], "Run `make messages` to compile")
