"""Settings for the test suite: the environment, then samenplan.settings.

Tests run with production-like settings (DEBUG off) except HTTPS, which the
test client and the live test server do not speak.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SITE_ROOT", "http://testserver")
# A database of its own on the local Redis, emptied by the tests that use it.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
# Tasks run at once in tests; the queue's own tests use the database and RQ.
os.environ.setdefault("SAMENPLAN_TASKS", "immediate")
# Request lines are for servers; tests that check them turn them on (assertLogs).
os.environ.setdefault("REQUEST_LOG_LEVEL", "WARNING")
os.environ["DEBUG"] = "0"
os.environ["SAMENPLAN_DEMO"] = "0"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["SESSION_COOKIE_SECURE"] = "0"
os.environ["CSRF_COOKIE_SECURE"] = "0"
os.environ["WHITENOISE_USE_FINDERS"] = "1"
# The admin is off in production unless switched on; its tests need it mounted.
os.environ["SAMENPLAN_ADMIN"] = "1"
os.environ.pop("SAMENPLAN_REQUIRE_MFA", None)

from samenplan.settings import *  # noqa: E402, F403
