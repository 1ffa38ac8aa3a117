"""Hizdamnut settings: one module, configured by environment variables.

DATABASE_URL  database (default: embedded SQLite file db.sqlite3 beside manage.py)
SECRET_KEY    required unless HZ_DEV=1
HZ_DEV        "1" on a developer's machine: allows the built-in development key and turns DEBUG on by default
DEBUG         "1" for development (default: the value of HZ_DEV)
ALLOWED_HOSTS comma-separated host names
The README's Configuration table lists the rest.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default):
    return os.environ.get(name, "1" if default else "0") == "1"


def env_int(name, default):
    return int(os.environ.get(name, default))


# A known key would let anyone forge sessions, password-reset and survey links: only an explicit
# development flag may fall back to one.
HZ_DEV = env_flag("HZ_DEV", False)
DEBUG = env_flag("DEBUG", HZ_DEV)
SECRET_KEY = os.environ.get("SECRET_KEY") or ("dev-only-insecure-key" if HZ_DEV else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set (or HZ_DEV=1 on a development machine).")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "auditlog",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    # Domain apps, in the direction data flows (an app imports only from those above it).
    "hizdamnut.centers",
    "hizdamnut.accounts",
    "hizdamnut.audit",
    "hizdamnut.jobs",
    "hizdamnut.participants",
    "hizdamnut.directory",
    "hizdamnut.occupations",
    "hizdamnut.inquiries",
    "hizdamnut.intake",
    "hizdamnut.plans",
    "hizdamnut.programs",
    "hizdamnut.employers",
    "hizdamnut.training",
    "hizdamnut.placements",
    "hizdamnut.surveys",
    "hizdamnut.imports",
    "hizdamnut.reports",
    "hizdamnut.backups",
    "hizdamnut.api",
    "hizdamnut.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "hizdamnut.accounts.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hizdamnut.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hizdamnut.accounts.middleware.SessionLimitsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "hizdamnut.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hizdamnut.audit.middleware.LazyActorAuditlogMiddleware",
    "hizdamnut.centers.privacy.PrivacyViewerMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hizdamnut.urls"
WSGI_APPLICATION = "hizdamnut.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hizdamnut" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hizdamnut.centers.context_processors.staff",
                "hizdamnut.navigation.menu",
            ],
            "builtins": ["hizdamnut.centers.templatetags.money"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
# A PostgreSQL read replica for the dashboard and reports (docs/scaling.md); hizdamnut/routers.py sends them there.
if os.environ.get("REPLICA_DATABASE_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["REPLICA_DATABASE_URL"], conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60"))
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["hizdamnut.routers.ReportReadsRouter"]
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql" and os.environ.get("PG_JIT", "off") == "off":
        # PostgreSQL's JIT compiler spent 0.3–0.6 s compiling each large dashboard query for no gain at these sizes
        # (docs/scaling.md); PG_JIT=on leaves the server's setting. Behind PgBouncer, add "options" to its
        # ignore_startup_parameters, or set `ALTER DATABASE … SET jit = off` instead.
        _database.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for the lock (WAL, immediate transactions) instead of failing "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000",
    }
# A request body above this is refused (400) before any view runs; the largest legitimate post is a long note.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The validators judge new passwords only (sign-up, change, reset); existing ones keep working.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttling: after AXES_FAILURE_LIMIT wrong passwords for one user name from one address, that
# pair is locked out for AXES_COOLOFF_MINUTES (`manage.py axes_reset` lifts every lock at once).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "hizdamnut.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True

# Two-factor sign-in (TOTP): required for managers, national viewers and admins, optional for the rest.
# HZ_REQUIRE_2FA=0 switches the whole check off (the test suite does, to sign in with force_login).
HZ_REQUIRE_2FA = env_flag("HZ_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Hizdamnut")

# Sessions end after SESSION_IDLE_TIMEOUT minutes without a request, and SESSION_MAX_AGE hours after
# sign-in whatever the activity; the cookie lives no longer than that.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30)
SESSION_MAX_AGE = env_int("SESSION_MAX_AGE", 12)
SESSION_COOKIE_AGE = SESSION_MAX_AGE * 3600

# API tokens expire this many days after issue unless `create_api_token --days N` says otherwise.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)

# Password-reset mail: printed to the console in development.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hizdamnut@localhost")

LANGUAGE_CODE = "he"
LANGUAGES = [("he", "עברית"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "hizdamnut" / "locale"]
# Israeli dates and numbers (31/12/2026) in both languages; money through the `shekels` filter.
FORMAT_MODULE_PATH = ["hizdamnut.formats"]
TIME_ZONE = "Asia/Jerusalem"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "hizdamnut" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Reverse proxies whose X-Forwarded-For header is believed (addresses or networks, comma-separated), e.g.
# "127.0.0.1,::1" when nginx runs on the same machine. Empty: the client is REMOTE_ADDR.
TRUSTED_PROXIES = [p for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]

# Survey figures of fewer responses than this are shown as "—" (nobody's answers can be singled out).
SURVEY_MIN_GROUP = env_int("SURVEY_MIN_GROUP", 5)

# Background work (exports, imports; hizdamnut/jobs): with the database backend (the default) the web process only
# queues a task and `manage.py db_worker` runs it, while the page shows its progress (docs/deploy.md).
# HZ_TASKS=immediate runs each task inside the request that asked for it (the test suite does, so it stays
# deterministic). A finished job's file is kept JOB_RETENTION_HOURS, then `manage.py prune_jobs` deletes it.
TASKS = {
    "default": {
        "BACKEND": {"immediate": "django_tasks.backends.immediate.ImmediateBackend"}.get(
            os.environ.get("HZ_TASKS", "database"), "django_tasks_db.DatabaseBackend"),
    },
}
JOB_RETENTION_HOURS = env_int("JOB_RETENTION_HOURS", 24)

# Closed participant records are anonymized this many years after closure (`manage.py anonymize_closed`).
RETENTION_YEARS_AFTER_CLOSURE = env_int("RETENTION_YEARS_AFTER_CLOSURE", 7)

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False
# Israel's data-security regulations: the access log is kept at least 24 months, then `archive_audit` moves it here.
AUDIT_RETENTION_MONTHS = int(os.environ.get("AUDIT_RETENTION_MONTHS", "24"))
AUDIT_ARCHIVE_DIR = os.environ.get("AUDIT_ARCHIVE_DIR", str(BASE_DIR / "audit-archive"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Content Security Policy: scripts only from our own origin or inline blocks carrying the request's nonce.
# Styles allow 'unsafe-inline': a few templates size charts with style="" attributes and htmx adds its
# indicator <style> element; injected CSS cannot run code, so the script policy is what protects the data.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", True)
