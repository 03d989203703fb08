"""The look is the NL Design System's, complete, and a municipality can make it its own."""

import re
from copy import deepcopy
from pathlib import Path

from django import forms
from django.conf import settings
from django.test import SimpleTestCase
from django.urls import reverse

from samenplan.lib.forms import SafeForm, design_system_class
from samenplan.tests.test_settings import run_manage

from .test_form_words import visible
from .test_input_guard import _samenplan_forms

STATIC = Path(settings.BASE_DIR) / "static"
VENDOR = STATIC / "vendor" / "nl-design-system"
SHEETS = [
    "vendor/nl-design-system/components.css",
    "vendor/nl-design-system/component-tokens.css",
    "css/tokens.css",
    "css/samenplan.css",
]


def custom_properties(css: str) -> tuple[set[str], set[str]]:
    defined = set(re.findall(r"(--[a-z0-9-]+)\s*:", css))
    used = set(re.findall(r"var\(\s*(--[a-z0-9-]+)", css))
    return defined, used


class VendoredDesignSystemTestCase(SimpleTestCase):
    def test_every_page_loads_the_components_then_the_tokens_then_ours(self):
        html = self.client.get(reverse("account_login")).content.decode()
        places = [html.find(f"/static/{sheet}") for sheet in SHEETS]
        self.assertNotIn(-1, places, html[:2000])
        self.assertEqual(places, sorted(places))

    def test_the_vendored_css_names_each_package_its_version_and_licence(self):
        header = (VENDOR / "components.css").read_text()[:3000]
        packages = re.findall(r"^ \*   (@[\w-]+/[\w-]+)@(\d+\.\d+\.\d+) \((.+?)\)$", header, re.M)
        self.assertGreaterEqual(len(packages), 15)
        self.assertEqual({licence for _name, _version, licence in packages}, {"EUPL-1.2"})
        self.assertIn("EUROPEAN UNION PUBLIC LICENCE", (VENDOR / "LICENSE.md").read_text())
        body = (VENDOR / "components.css").read_text()
        for name, version, _licence in packages:
            self.assertIn(f"/* {name}@{version} */", body)

    def test_every_basis_token_a_component_needs_is_set_by_our_house_style(self):
        defined, _ = custom_properties((STATIC / "css" / "tokens.css").read_text())
        _, used = custom_properties((VENDOR / "component-tokens.css").read_text())
        missing = sorted(t for t in used if t.startswith("--basis-") and t not in defined)
        self.assertEqual(missing, [])

    def test_every_token_our_stylesheet_reads_is_set_somewhere(self):
        everything = "".join((STATIC / sheet).read_text() for sheet in SHEETS)
        defined, _ = custom_properties(everything)
        _, used = custom_properties((STATIC / "css" / "samenplan.css").read_text())
        self.assertEqual(sorted(used - defined), [])

    def test_our_stylesheet_names_the_start_and_end_of_a_line_not_left_and_right(self):
        """Logical sides, so a page in a right-to-left language mirrors by itself.
        Only a drawn shape (the fold button's chevron) keeps its physical sides."""
        rules = (STATIC / "css" / "samenplan.css").read_text().splitlines()
        physical = re.compile(
            r"(margin|padding|border)-(left|right)\s*:|text-align:\s*(left|right)"
        )
        found = [
            rule.split("{")[0].strip()
            for rule in rules
            if physical.search(rule) and not rule.startswith(".fold-button::after")
        ]
        self.assertEqual(found, [])

    def test_every_page_says_which_way_its_language_reads(self):
        from django.contrib.auth.models import AnonymousUser
        from django.template.loader import render_to_string
        from django.test import RequestFactory
        from django.utils import translation

        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        request.session = {}
        for language, way in (("nl", "ltr"), ("en", "ltr"), ("ar", "rtl")):
            with self.subTest(language), translation.override(language):
                page = render_to_string("base.html", request=request)
                self.assertIn(f'<html lang="{language}" dir="{way}">', page)

    def test_buttons_and_fields_are_at_least_44_px(self):
        tokens = (STATIC / "css" / "tokens.css").read_text()
        self.assertIn("--basis-pointer-target-min-block-size: 44px;", tokens)
        self.assertIn("--basis-pointer-target-min-inline-size: 44px;", tokens)

    def test_no_template_uses_the_old_button_classes(self):
        old = re.compile(r'class="(?:[^"]* )?button(?:--\w+)?(?: [^"]*)?"')
        found = [
            str(path.relative_to(settings.BASE_DIR))
            for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
            if old.search(path.read_text())
        ]
        self.assertEqual(found, [])


class FormFieldsTestCase(SimpleTestCase):
    def test_every_kind_of_field_in_our_forms_has_a_component_class(self):
        """Every widget our forms use is one the design system has a class for
        (SafeInputMixin gives it when the form is made; a file input keeps the browser's)."""
        bare = []
        for form_class in _samenplan_forms():
            for name, field in getattr(form_class, "base_fields", {}).items():
                if not visible(field):
                    continue
                widget = deepcopy(field.widget)
                design_system_class(widget)
                if "utrecht-" not in widget.attrs.get("class", "") and not isinstance(
                    widget, forms.FileInput
                ):
                    bare.append(f"{form_class.__name__}.{name} ({type(widget).__name__})")
        self.assertEqual(bare, [])

    def test_a_choice_field_gets_the_class_on_its_options_and_keeps_its_own(self):
        class Example(SafeForm):
            where = forms.ChoiceField(
                label="Waar?", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
            )
            code = forms.CharField(
                label="Code", widget=forms.TextInput(attrs={"class": "code-input"})
            )
            note = forms.CharField(label="Notitie", widget=forms.Textarea)

        html = str(Example())
        self.assertIn('class="utrecht-textbox utrecht-textbox--html-input code-input"', html)
        self.assertIn('class="utrecht-textarea utrecht-textarea--html-textarea"', html)
        self.assertEqual(html.count('type="radio" name="where" value='), 2)
        self.assertEqual(
            html.count("utrecht-radio-button--html-input"), 3
        )  # the box and both options
        self.assertEqual(str(Example()), html)  # the class is not added twice


class MunicipalityThemeTestCase(SimpleTestCase):
    def test_a_municipality_theme_loads_after_ours_and_is_served(self):
        theme = Path(settings.BASE_DIR) / "test-results" / "theme-check" / "gemeente.css"
        theme.parent.mkdir(parents=True, exist_ok=True)
        theme.write_text(":root { --basis-color-accent-1-inverse-bg-default: #5c2483; }\n")
        code = (
            "from django.conf import settings; from django.test import Client;"
            "from django.contrib.staticfiles import finders;"
            "html = Client().get('/accounts/login/', HTTP_HOST='localhost').content.decode();"
            "print('debug', settings.DEBUG);"
            "ours, theirs = html.find('/static/css/samenplan'), html.find('/static/theme/0/');"
            "print('after', -1 < ours < theirs);"
            "print('served', open(finders.find('theme/0/gemeente.css')).read().strip())"
        )
        env = {
            "DJANGO_SETTINGS_MODULE": "samenplan.settings",
            "DEBUG": "1",
            "ALLOWED_HOSTS": "localhost",
            "DATABASE_URL": "sqlite:////tmp/samenplan-theme-check.sqlite3",
            "SAMENPLAN_THEME_CSS": str(theme),
        }
        result = run_manage("shell", "--verbosity", "0", "-c", code, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = [
            line
            for line in result.stdout.splitlines()
            if line.split(" ")[0] in ("debug", "after", "served")
        ]
        self.assertEqual(
            lines,
            [
                "debug True",
                "after True",
                "served :root { --basis-color-accent-1-inverse-bg-default: #5c2483; }",
            ],
            result.stdout + result.stderr,
        )

    def test_a_theme_that_is_not_a_css_file_stops_the_start(self):
        env = {
            "DJANGO_SETTINGS_MODULE": "samenplan.settings",
            "DEBUG": "1",
            "SAMENPLAN_THEME_CSS": "/nowhere/gemeente.css",
        }
        result = run_manage("check", env=env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(
            "SAMENPLAN_THEME_CSS: /nowhere/gemeente.css is not a .css file.", result.stderr
        )
