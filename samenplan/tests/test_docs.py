"""The docs live in the repository, link only inside it, and tell the truth."""

import io
import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase

ROOT = Path(settings.BASE_DIR)
PAGES = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)#]+)(?:#[^)]*)?\)")


class DocsTestCase(SimpleTestCase):
    def test_the_docs_hold_the_pages_a_newcomer_needs(self):
        for page in ("architecture", "access", "demo", "operations", "decisions", "design"):
            self.assertTrue((ROOT / "docs" / f"{page}.md").exists(), page)

    def test_no_link_points_outside_the_repository(self):
        for page in PAGES:
            text = (ROOT / page).read_text()
            with self.subTest(page=page):
                self.assertNotIn("../shared", text)
                for target in LINK.findall(text):
                    if target.startswith(("http://", "https://", "mailto:")):
                        continue
                    resolved = (ROOT / page).parent / target
                    self.assertTrue(resolved.exists(), f"{page} links to {target}")
                    self.assertTrue(resolved.resolve().is_relative_to(ROOT.resolve()), target)

    def test_the_table_of_actions_in_the_docs_is_the_one_in_the_code(self):
        out = io.StringIO()
        call_command("permissions", stdout=out)
        self.assertIn(out.getvalue().strip(), (ROOT / "docs" / "access.md").read_text())
