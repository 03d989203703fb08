"""The layers hold: the gate knows no feature, features lean on it, no cycles.

    lib                 helpers; knows no app
    accounts, audit, families   the core: users, the log, the gate
    taal < plan < decisions < careteam < network < creations
                        features, each may use the ones before it
    exports, notices, demo, the project package   above the features

Imports under ``if TYPE_CHECKING:`` are for type hints only and do not count.
"""

import ast
from pathlib import Path

from django.test import SimpleTestCase

import samenplan
from samenplan.families.permissions import ACTIONS

ROOT = Path(samenplan.__file__).parent
CORE = ["accounts", "audit", "families"]
FEATURES = ["taal", "plan", "decisions", "careteam", "network", "creations"]
UPPER = ["exports", "notices", "demo"]


def _module_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        yield path


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(child) for child in ast.walk(node))
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "samenplan" and len(parts) > 1:
                found.add(parts[1])
    return found


def imports_of(app: str) -> set[str]:
    found = set()
    for path in _module_files(app):
        found |= _imported_apps(path)
    return found - {app}


class LayersTestCase(SimpleTestCase):
    def test_lib_knows_no_app(self):
        self.assertEqual(imports_of("lib"), set())

    def test_the_core_knows_no_feature(self):
        for app in CORE:
            with self.subTest(app=app):
                self.assertEqual(imports_of(app) - {"lib", *CORE}, set())

    def test_a_feature_uses_only_the_core_and_the_features_before_it(self):
        for index, app in enumerate(FEATURES):
            allowed = {"lib", *CORE, *FEATURES[:index]}
            with self.subTest(app=app):
                self.assertEqual(imports_of(app) - allowed, set())

    def test_nothing_imports_the_layer_above_the_features(self):
        for app in ["lib", *CORE, *FEATURES]:
            with self.subTest(app=app):
                self.assertEqual(imports_of(app) & set(UPPER), set())

    def test_no_two_apps_import_each_other(self):
        apps = ["lib", *CORE, *FEATURES, *UPPER]
        graph = {app: imports_of(app) & set(apps) for app in apps}
        for app in apps:
            for other in graph[app]:
                with self.subTest(pair=(app, other)):
                    self.assertNotIn(app, graph[other])

    def test_the_scan_sees_function_level_imports(self):
        import tempfile

        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
            handle.write("def f():\n    from samenplan.plan.models import Goal\n")
        self.assertEqual(_imported_apps(Path(handle.name)), {"plan"})


class ActionsTestCase(SimpleTestCase):
    """Every action in the code is declared, and every declared action is used."""

    def used_actions(self) -> set[str]:
        """Action names in ``require(…)``, ``may(…)``, ``action=…`` and ``*_ACTIONS`` tables."""
        found = set()

        def strings(node):
            return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant)} - {None}

        for path in ROOT.rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Call):
                    name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                    if name in ("require", "may", "allowed") and node.args:
                        found |= strings(node.args[-1])
                    for keyword in node.keywords:
                        if keyword.arg == "action" and name == "family_for":
                            found |= strings(keyword.value)
                elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                    targets = [getattr(t, "id", "") for t in node.targets]
                    if any(t.endswith("_ACTIONS") for t in targets):
                        found |= strings(ast.Dict(keys=[], values=node.value.values))
        return {name for name in found if isinstance(name, str) and "." in name}

    def test_every_action_used_is_declared(self):
        undeclared = self.used_actions() - set(ACTIONS)
        self.assertEqual(undeclared, set())

    def test_every_declared_action_is_used(self):
        self.assertEqual(set(ACTIONS) - self.used_actions(), set())

    def test_every_write_is_refused_under_emergency_and_after_closing(self):
        from samenplan.families import permissions

        class Seat:
            is_client_supporter = False
            speaks_for_family = True
            role = "parent"
            is_authority_parent = True
            is_youth_16 = True
            is_gi = True
            may_reopen_now = True
            child_member_id = None

            class participant:
                is_coordinator = True

            class family:
                in_measure = False

            def gives_consent(self):
                return True

            def gives_file_consent(self):
                return True

        for name, action in sorted(ACTIONS.items()):
            emergency, closed = Seat(), Seat()
            emergency.emergency, emergency.closed = True, False
            closed.emergency, closed.closed = False, True
            with self.subTest(action=name):
                self.assertEqual(permissions.allowed(emergency, name), action.read)
                self.assertEqual(
                    permissions.allowed(closed, name), action.read or action.when_closed
                )
