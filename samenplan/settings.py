"""Settings for Samenplan, read from the environment.

Every value that differs between a laptop, CI and production comes from an
environment variable. Defaults are safe for production; `make run` switches on
DEBUG and the demo.
"""

import json
import os
from pathlib import Path

import dj_database_url
import structlog
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = envbool("DEBUG", False)
DEMO = envbool("SAMENPLAN_DEMO", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local use).")
    SECRET_KEY = "insecure-local-development-key-never-use-in-production-0123456789"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_ROOT = os.environ.get("SITE_ROOT", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "samenplan.admin_site.SamenplanAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_htmx",
    "template_partials",
    "csp",
    "samenplan.lib",
    "samenplan.accounts",
    "samenplan.audit",
    "samenplan.families",
    "samenplan.taal",
    "samenplan.plan",
    "samenplan.decisions",
    "samenplan.careteam",
    "samenplan.network",
    "samenplan.exports",
    "samenplan.notices",
    "samenplan.creations",
    "samenplan.demo",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_structlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "samenplan.lib.replica.ReplicaMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (about 6x smaller on a phone's connection). Django's
    # middleware pads each response with random bytes against BREACH; static
    # files come compressed from WhiteNoise above it.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samenplan.audit.middleware.AuditReadsMiddleware",
    "samenplan.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Outside the session timeout, so that its redirect to the login page is seen too.
    "samenplan.middleware.HtmxLoginMiddleware",
    "samenplan.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "samenplan.middleware.RequireMFAMiddleware",
    # A phone handed to a child shows only the child's pages (families/child_mode.py).
    "samenplan.families.child_mode.ChildModeMiddleware",
    # "Weet je het zeker?" for the actions declared with a confirmation.
    "samenplan.families.confirm.ConfirmMiddleware",
    "samenplan.middleware.NoStoreMiddleware",
    "samenplan.middleware.PermissionsPolicyMiddleware",
]

ROOT_URLCONF = "samenplan.urls"
WSGI_APPLICATION = "samenplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samenplan.context_processors.samenplan",
            ],
            # {% icon "check" %} everywhere without a {% load %}.
            "builtins": [
                "samenplan.lib.templatetags.icons",
                "samenplan.lib.templatetags.terms",
                "samenplan.lib.templatetags.design",
                "samenplan.families.templatetags.kept",
            ],
        },
    },
]

# Database: SQLite in the repository by default, PostgreSQL through DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and one writer work at the same time; IMMEDIATE
        # takes the write lock at BEGIN, so two writers queue instead of failing.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Keep connections open between requests (opening one, with its PRAGMAs or its
# PostgreSQL handshake, cost more than a small page); checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = envint("CONN_MAX_AGE", 600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A streaming replica (PostgreSQL) takes the reads of pages; writes, and every
# read of a person who has just written, stay on the primary
# (samenplan/lib/replica.py). Without DATABASE_REPLICA_URL everything is "default".
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(DATABASE_REPLICA_URL),
        "CONN_MAX_AGE": DATABASES["default"].get("CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["samenplan.lib.replica.ReplicaRouter"]
# Seconds after a write during which the same browser reads from the primary:
# longer than the replica ever lags in normal work (milliseconds on one site).
SAMENPLAN_REPLICA_PIN_SECONDS = envint("SAMENPLAN_REPLICA_PIN_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (rate limits, lockouts): shared by all app processes, so limits hold
# behind a load balancer. By default a database table (no other service to
# run); CACHE_URL=redis://host:6379/1 puts it in Redis (Django's own backend).
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must be empty or a redis:// address.")
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "samenplan_cache",
        }
    }
# Rendered page parts (families/versions.py): in Redis when there is one, else
# in each process's memory. Never in the database cache: a read there costs
# the query the part saves. Keys carry the family's data version, so a part
# of one process is never stale in another; each process only fills its own.
CACHES["pages"] = (
    {**CACHES["default"], "KEY_PREFIX": "pages"}
    if CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "samenplan-pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
)
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 600)
# Sessions: in the database by default; SESSION_STORE=cache keeps them in the
# cache (Redis), so app servers share nothing but the database and Redis.
SESSION_STORE = os.environ.get("SESSION_STORE", "db")
if SESSION_STORE not in ("db", "cache"):
    raise ImproperlyConfigured("SESSION_STORE must be 'db' or 'cache'.")
if SESSION_STORE == "cache" and not CACHE_URL:
    raise ImproperlyConfigured("SESSION_STORE=cache needs CACHE_URL (Redis).")
SESSION_ENGINE = f"django.contrib.sessions.backends.{SESSION_STORE}"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "families:list"
LOGOUT_REDIRECT_URL = "home"

# allauth: e-mail is the login. Families get a one-time code, professionals
# use a password and a second factor. Nobody signs up on their own: people
# arrive through an invitation or their organisation's admin.
ACCOUNT_ADAPTER = "samenplan.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600
# "Stuur een nieuwe code" on the code page, at most three times per login.
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = 3
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "request_login_code": "20/m/ip,3/m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Samenplan: "
# Our own labels and help on the code screens (templates/account/ has the pages).
ACCOUNT_FORMS = {
    "request_login_code": "samenplan.accounts.forms.RequestCodeForm",
    "confirm_login_code": "samenplan.accounts.forms.LoginCodeForm",
    "confirm_password_reset_code": "samenplan.accounts.forms.PasswordResetCodeForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Second-factor secrets are encrypted in the database (samenplan/accounts/mfa.py).
MFA_ADAPTER = "samenplan.accounts.mfa.MFAAdapter"
SAMENPLAN_SECRETS_KEYS = envlist("SAMENPLAN_SECRETS_KEYS")
MFA_TOTP_ISSUER = "Samenplan"
# Accept the code of the 30 seconds before and after: a phone's clock drifts,
# and a code typed just before the turn of the window arrives just after it
# (RFC 6238, section 5.2). A used code is still refused a second time.
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
USERSESSIONS_TRACK_ACTIVITY = False

# Professionals must have a second factor before they see family data.
# Off in the demo so that the demo can be tried at once.
SAMENPLAN_REQUIRE_MFA = envbool("SAMENPLAN_REQUIRE_MFA", not DEMO)
# Idle and absolute session limits, in seconds.
SAMENPLAN_SESSION_LIMITS = {
    "professional": {"idle": 30 * 60, "absolute": 12 * 3600},
    "family": {"idle": 8 * 3600, "absolute": 12 * 3600},
}
SESSION_COOKIE_AGE = 12 * 3600

# How long a closed family's file is kept (see samenplan/families/retention.py
# for the sources). Voluntary help: years after the help ended. A measure (OTS,
# voogdij, jeugdreclassering): years after the youngest child came of age.
SAMENPLAN_RETENTION_YEARS = envint("SAMENPLAN_RETENTION_YEARS", 20)
SAMENPLAN_RETENTION_MEASURE_YEARS = envint("SAMENPLAN_RETENTION_MEASURE_YEARS", 30)
# A request to destroy early is answered within a month; once, with a reason,
# the answer may take two months more.
SAMENPLAN_DESTRUCTION_ANSWER_DAYS = envint("SAMENPLAN_DESTRUCTION_ANSWER_DAYS", 30)
SAMENPLAN_DESTRUCTION_EXTENSION_DAYS = envint("SAMENPLAN_DESTRUCTION_EXTENSION_DAYS", 61)
# A moving file larger than this is refused before it is read.
SAMENPLAN_IMPORT_MAX_BYTES = envint("SAMENPLAN_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# Moving files are signed (Ed25519). The key: 32 random bytes in base64; when
# empty, one is derived from SECRET_KEY. Files from another Samenplan are read
# only when its public key (shown on the import page there) is listed here.
SAMENPLAN_SIGNING_KEY = os.environ.get("SAMENPLAN_SIGNING_KEY", "")
SAMENPLAN_TRUSTED_KEYS = envlist("SAMENPLAN_TRUSTED_KEYS")
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
# For django.core.mail.backends.filebased.EmailBackend (a test installation).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Samenplan <noreply@samenplan.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (mail, reminders) on a queue, never inside a web request.
# "db": the database queue, run by `manage.py db_worker` (the default: no other
# service to run). "rq": RQ on Redis (REDIS_URL), run by
# `manage.py rqworker --job-class django_tasks_rq.Job`, for installations that
# outgrow one machine.
SAMENPLAN_TASKS = os.environ.get("SAMENPLAN_TASKS", "db")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
TASK_BACKENDS = {
    "db": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    # Runs each task at once, in the same process: for the test suite (whose queue
    # tests use the two real backends) and one-off scripts, never for a server.
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
if SAMENPLAN_TASKS not in TASK_BACKENDS:
    raise ImproperlyConfigured("SAMENPLAN_TASKS must be 'db' or 'rq'.")
TASKS = {"default": TASK_BACKENDS[SAMENPLAN_TASKS]}
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300}}

# security.txt (RFC 9116): where to report a vulnerability, and until when this holds.
# The Django admin (/beheer/): off in production unless switched on.
SAMENPLAN_ADMIN = envbool("SAMENPLAN_ADMIN", DEBUG)
SECURITY_CONTACT = os.environ.get("SAMENPLAN_SECURITY_CONTACT", "mailto:security@samenplan.example")
SECURITY_TXT_EXPIRES = os.environ.get("SAMENPLAN_SECURITY_TXT_EXPIRES", "")

# The crisis service for youth on "Het gaat nu niet goed", per municipality (as the
# family's "Gemeente" is written; "*" for every other). Each municipality arranges
# its own, so there is no default: set it where the app is deployed, e.g.
# SAMENPLAN_CRISIS_LINES='{"*": {"name": "Crisisdienst Jeugd", "phone": "088-1234567",
# "hours": "dag en nacht"}}'.
SAMENPLAN_CRISIS_LINES = json.loads(os.environ.get("SAMENPLAN_CRISIS_LINES") or "{}")

# Language and time.
LANGUAGE_CODE = "nl"
# Each language in its own words (the switch shows them so). Arabic reads
# right to left: Django's LANGUAGES_BIDI knows it, the pages follow.
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("pl", "Polski"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Static files: hashed names and long caching through WhiteNoise.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# A municipality's own look: one or more CSS files (paths on this server, comma
# separated) that set NL Design System tokens, e.g. its published theme. They load
# after ours, so what they set wins (docs/design.md).
SAMENPLAN_THEME_CSS = []
for _sheet in envlist("SAMENPLAN_THEME_CSS"):
    _path = Path(_sheet)
    if not _path.is_file() or _path.suffix != ".css":
        raise ImproperlyConfigured(f"SAMENPLAN_THEME_CSS: {_sheet} is not a .css file.")
    _prefix = f"theme/{len(SAMENPLAN_THEME_CSS)}"
    STATICFILES_DIRS.append((_prefix, str(_path.parent)))
    SAMENPLAN_THEME_CSS.append(f"{_prefix}/{_path.name}")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", DEBUG)

# Security. Secure by default; DEBUG (local use) relaxes what needs HTTPS.
SECURE = not DEBUG
# The health page answers over plain HTTP too (load balancers ask it that way).
SECURE_REDIRECT_EXEMPT = [r"^gezond/$"]
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", SECURE)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", SECURE)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", SECURE)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if envbool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        # A voice note just recorded plays from the browser's own memory first.
        "media-src": [SELF, "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Logs carry no personal data: no request bodies, no e-mail addresses.
# Logs: one JSON object per line in production (LOG_FORMAT=json), readable lines
# with DEBUG. Requests are logged with an id, method, path, status and timing —
# never an IP address, a user id or anything of a family (the audit log is the
# place for who did what).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "console" if DEBUG else "json")
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False
DJANGO_STRUCTLOG_USER_ID_FIELD = None
structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.filter_by_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.StackInfoRenderer(),
        structlog.processors.format_exc_info,
        structlog.processors.UnicodeDecoder(),
        structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    cache_logger_on_first_use=True,
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.processors.JSONRenderer(),
        },
        "console": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.dev.ConsoleRenderer(colors=False),
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django_structlog": {"level": os.environ.get("REQUEST_LOG_LEVEL", "INFO")},
    },
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
