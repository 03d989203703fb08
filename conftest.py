import os

import pytest


def pytest_configure(config):
    from django.conf import settings

    # Hashing passwords slowly protects people; in tests it only costs time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Static files are found by the finders; no collectstatic needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    _flush_past_the_audit_triggers()


def _flush_past_the_audit_triggers():
    """Django empties the test database between tests that commit; on SQLite the
    audit table's append-only triggers would refuse that (samenplan/audit/sqlite.py)."""
    from django.core.management.commands import flush

    from samenplan.audit.sqlite import unlocked_for_tests

    handle = flush.Command.handle

    def handle_unlocked(self, *args, **options):
        with unlocked_for_tests():
            return handle(self, *args, **options)

    flush.Command.handle = handle_unlocked


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts without page parts kept by another (families/versions.py)."""
    from django.core.cache import caches

    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _daytime(request):
    """Tests marked ``daytime`` run at noon in the Netherlands, today.

    Mail waits for the end of someone's quiet hours (21:00 to 08:00 unless they
    chose otherwise, notices/delivery.py); a test that expects a mail to go out
    now would otherwise fail whenever the suite happens to run at night. The
    clock keeps ticking, so waits and timeouts behave as usual."""
    if request.node.get_closest_marker("daytime") is None:
        yield
        return
    import time_machine
    from django.utils import timezone

    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(noon, tick=True):
        yield


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole run (Debian's, through Playwright)."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls in
    # the tests are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    from samenplan.browser import CHROMIUM_ARGS, chromium_or_skip

    path = chromium_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=["phone", "desktop"])
def page(request, chromium, live_server):
    from samenplan.browser import SIZES

    context = chromium.new_context(viewport=SIZES[request.param], base_url=live_server.url)
    context.set_default_timeout(8000)
    page = context.new_page()
    page.size_name = request.param
    yield page
    context.close()


def _hypothesis_profiles():
    from hypothesis import HealthCheck, settings

    common = {
        "deadline": None,  # speed is measured by `make bench`, not asserted in tests
        "suppress_health_check": [HealthCheck.too_slow],
        "print_blob": True,  # a failure prints how to replay it (@reproduce_failure)
    }
    # `make test`: the fixed hostile examples plus a few drawn ones, the same on
    # every run (derandomized), so a run never fails by chance.
    settings.register_profile("dev", max_examples=10, derandomize=True, database=None, **common)
    # CI: at least 100 drawn examples per form, still derandomized.
    settings.register_profile("ci", max_examples=100, derandomize=True, database=None, **common)
    # `make fuzz`: many fresh examples; failures are kept in .hypothesis/ and
    # replayed first next time, until they become fixed @example cases.
    settings.register_profile("fuzz", max_examples=1000, **common)
    default = "ci" if os.environ.get("CI", "").lower() == "true" else "dev"
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", default))


_hypothesis_profiles()
