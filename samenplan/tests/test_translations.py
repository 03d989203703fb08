"""Every string has its English, and the compiled catalogues match the .po files.

The .po files are the source of every translation (Poedit or Weblate edit
them); `make messages` collects new strings and compiles, `make` compiles at
setup. The .mo files are not in git.
"""

import gettext
from pathlib import Path

import polib
from django.conf import settings
from django.test import SimpleTestCase

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


class CatalogueTestCase(SimpleTestCase):
    def test_there_is_an_english_catalogue(self):
        self.assertIn(LOCALE / "en" / "LC_MESSAGES" / "django.po", CATALOGUES)
        self.assertGreater(len(polib.pofile(str(CATALOGUES[0]))), 10)

    def test_every_string_is_translated_and_none_is_fuzzy(self):
        for path in CATALOGUES:
            with self.subTest(catalogue=str(path.relative_to(LOCALE))):
                po = polib.pofile(str(path))
                missing = [e.msgid for e in po.untranslated_entries()]
                fuzzy = [e.msgid for e in po.fuzzy_entries()]
                self.assertEqual(missing, [], "Add the translation in the .po file")
                self.assertEqual(fuzzy, [], "Check the fuzzy translation, then remove its flag")

    def test_no_text_of_ours_names_someone_from_the_demo(self):
        # Help texts are read by every family: "Bijvoorbeeld: Gaat Sem naar de bso?"
        # puts another family's child in front of them.
        import re

        from samenplan.demo.build import DEMO_FIRST_NAMES

        names = re.compile(r"\b(" + "|".join(DEMO_FIRST_NAMES) + r")\b")
        po = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
        found = [e.msgid for e in po if names.search(e.msgid)]
        self.assertEqual(found, [])

    def test_placeholders_survive_translation(self):
        for path in CATALOGUES:
            po = polib.pofile(str(path))
            for entry in po.translated_entries():
                if "python-format" not in entry.flags:
                    continue
                with self.subTest(msgid=entry.msgid):
                    for value in [entry.msgstr, *entry.msgstr_plural.values()]:
                        if value:
                            self.assertEqual(placeholders(value), placeholders(entry.msgid))

    def test_the_compiled_catalogues_match_the_po_files(self):
        for path in CATALOGUES:
            with self.subTest(catalogue=str(path.relative_to(LOCALE))):
                compiled = path.with_suffix(".mo")
                self.assertTrue(compiled.exists(), "Run `make messages` (or `make`) to compile")
                with compiled.open("rb") as handle:
                    catalogue = gettext.GNUTranslations(handle)
                for entry in polib.pofile(str(path)).translated_entries():
                    if entry.msgid_plural:
                        continue
                    if entry.msgctxt:
                        got = catalogue.pgettext(entry.msgctxt, entry.msgid)
                    else:
                        got = catalogue.gettext(entry.msgid)
                    self.assertEqual(got, entry.msgstr, "Run `make messages` to compile")


def placeholders(text: str) -> list[str]:
    import re

    return sorted(re.findall(r"%\([a-z_]+\)[sd]|\{[a-z_]*\}", text))
