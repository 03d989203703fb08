"""The one guard for text no database should get: NUL and lone surrogates.

Every form refuses it with the normal form error; no view saves raw POST
text past a form; and a query that would carry it is stopped the same way on
SQLite and PostgreSQL.
"""

import ast
import importlib
import pkgutil
from pathlib import Path

from django import forms
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import path

import samenplan
from samenplan import urls as site_urls
from samenplan.accounts.models import User
from samenplan.lib.forms import UNSAFE_MESSAGE, SafeForm, SafeInputMixin, UnsafeText

ROOT = Path(samenplan.__file__).parent

# POST keys that views read directly. None of them is stored as text: each
# picks a control, a version to compare or a choice checked against a list.
CONTROL_KEYS = {
    "version": "an expected version, parsed as a number and compared",
    "back": "which page to return to; compared with fixed names",
    "weghalen": "which button was pressed",
    "language": "checked against settings.LANGUAGES",
    "next": "a redirect target, checked by url_has_allowed_host_and_scheme",
    "step": "which form of the closing page; looked up in a fixed table",
    "taalhulp": "whether the language hints stood beside the field; compared with one word",
}


class ExampleForm(SafeForm):
    text = forms.CharField(required=False)
    kind = forms.ChoiceField(choices=[("a", "A")], required=False)
    number = forms.IntegerField(required=False)
    many = forms.MultipleChoiceField(choices=[("a", "A")], required=False)


class TheGuardOnFormsTestCase(SimpleTestCase):
    def test_it_refuses_a_nul_in_any_kind_of_field(self):
        for field, value in (
            ("text", "Een\x00twee"),
            ("kind", "a\x00"),
            ("number", "1\x00"),
            ("many", ["a", "\x00"]),
        ):
            with self.subTest(field=field):
                form = ExampleForm({field: value})
                self.assertFalse(form.is_valid())
                self.assertEqual(form.errors[field], [str(UNSAFE_MESSAGE)])

    def test_it_refuses_a_lone_surrogate(self):
        form = ExampleForm({"text": "half \ud83d of an emoji"})
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors["text"], [str(UNSAFE_MESSAGE)])

    def test_it_keeps_what_was_typed_in_the_form(self):
        form = ExampleForm({"text": "Een\x00twee"})
        form.is_valid()
        self.assertIn("Een\x00twee", form["text"].as_widget())

    def test_it_lets_ordinary_text_through(self):
        form = ExampleForm({"text": "Rustige ochtenden 🌅 \u202e", "kind": "a", "number": "3"})
        self.assertTrue(form.is_valid(), form.errors)

    def test_it_speaks_dutch_and_english(self):
        from django.utils import translation

        with translation.override("en"):
            english = str(UNSAFE_MESSAGE)
        with translation.override("nl"):
            dutch = str(UNSAFE_MESSAGE)
        self.assertIn("onzichtbaar teken", dutch)
        self.assertNotEqual(dutch, english)


def _samenplan_forms():
    for info in pkgutil.walk_packages([str(ROOT)], prefix="samenplan."):
        if info.name.endswith(".forms"):
            importlib.import_module(info.name)
    seen, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("samenplan.") and ".tests" not in sub.__module__:
                seen.append(sub)
    return seen


class EveryFormTestCase(SimpleTestCase):
    def test_every_form_of_samenplan_has_the_guard(self):
        found = _samenplan_forms()
        self.assertGreater(len(found), 40)
        missing = [
            f"{form.__module__}.{form.__name__}"
            for form in found
            if not issubclass(form, SafeInputMixin)
        ]
        self.assertEqual(missing, [], "Inherit SafeForm or SafeModelForm (samenplan/lib/forms.py).")


def _post_reads(tree):
    """Every key a view reads from ``request.POST`` directly."""
    for node in ast.walk(tree):
        target = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("get", "getlist") and node.args:
                target, key = node.func.value, node.args[0]
        elif isinstance(node, ast.Subscript):
            target, key = node.value, node.slice
        if (
            isinstance(target, ast.Attribute)
            and target.attr == "POST"
            and isinstance(target.value, ast.Name)
            and target.value.id == "request"
        ):
            yield node.lineno, key.value if isinstance(key, ast.Constant) else ast.unparse(key)


class NoRawPostTextTestCase(SimpleTestCase):
    def test_no_view_reads_post_text_past_a_form(self):
        found = []
        for file in sorted(ROOT.rglob("*.py")):
            if "tests" in file.parts or "migrations" in file.parts:
                continue
            tree = ast.parse(file.read_text(), filename=str(file))
            for line, key in _post_reads(tree):
                if key not in CONTROL_KEYS:
                    found.append(f"{file.relative_to(ROOT.parent)}:{line} request.POST[{key!r}]")
        self.assertEqual(
            found, [], "Values that are stored go through a form field (samenplan/lib/forms.py)."
        )

    def test_the_scan_finds_a_raw_read(self):
        tree = ast.parse('reason = request.POST.get("reason", "")\nx = request.POST["why"]')
        self.assertEqual(sorted(key for _, key in _post_reads(tree)), ["reason", "why"])


def write_nul(request):
    User.objects.filter(email="nobody@example.org").update(name="a\x00b")
    return HttpResponse("stored")


# The site's own URLs (the error page links to them) plus one view that would store a NUL.
urlpatterns = [path("nul/", write_nul), *site_urls.urlpatterns]
handler400 = site_urls.handler400


class TheGuardOnTheDatabaseTestCase(TestCase):
    def test_a_query_with_a_nul_is_refused_on_every_database(self):
        with self.assertRaises(UnsafeText), transaction.atomic():
            User.objects.create(email="nul@example.org", name="Een\x00twee")
        self.assertFalse(User.objects.filter(email="nul@example.org").exists())

    def test_a_query_with_a_lone_surrogate_is_refused(self):
        with self.assertRaises(UnsafeText), transaction.atomic():
            User.objects.filter(name="\udc00").exists()

    def test_bulk_writes_are_guarded_too(self):
        with self.assertRaises(UnsafeText), transaction.atomic():
            User.objects.bulk_create(
                [User(email="a@example.org", name="a"), User(email="b@example.org", name="\x00")]
            )

    def test_the_guard_sits_on_the_connection(self):
        from samenplan.lib.forms import refuse_unsafe_params

        connection.ensure_connection()
        self.assertIn(refuse_unsafe_params, connection.execute_wrappers)

    @override_settings(ROOT_URLCONF=__name__)
    def test_a_view_that_would_store_it_answers_400_not_500(self):
        response = self.client.get("/nul/")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Dit konden we niet bewaren", response.content.decode())
