"""Samenspel settings: one file, configured from environment variables.

Safe defaults: DEBUG is off unless DEBUG=1 is set (`make run`, `make test` and bin/run-dev set it),
SQLite unless DATABASE_URL is set. Production sets at least SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL (see docs/production.md).
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# seed_demo (fictional people) runs without --yes-on-production only when DEBUG is set on. Kept
# apart from DEBUG because the test runner turns settings.DEBUG off while tests run.
DEMO_DATA_ALLOWED = DEBUG
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError(
            "Set SECRET_KEY when DEBUG is off. On a development machine, set DEBUG=1 "
            "(make run and make test do); see README.md."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 - development default

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public address of the site, for links in emails sent outside a request (no trailing slash).
# Set it in production. In development it follows PORT, the port `make run` serves on, so the
# links in printed emails open the running site (`make run PORT=8123`: http://127.0.0.1:8123).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
if not SITE_URL:
    _port = os.environ.get("PORT", "") if DEBUG else ""
    SITE_URL = f"http://127.0.0.1:{_port if _port.isdigit() else 8000}"

# The name of the network this install serves (one install = one network).
NETWORK_NAME = os.environ.get("NETWORK_NAME", "Amsterdams Netwerk Ervaringskennis")
NETWORK_SHORT_NAME = os.environ.get("NETWORK_SHORT_NAME", "ANE")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "samenspel.core",
    "samenspel.members",
    "samenspel.organisations",
    "samenspel.circles",
    "samenspel.meetings",
    "samenspel.consultations",
    "samenspel.tandems",
    "samenspel.monitor",
    "samenspel.notifications",
    "samenspel.newsletter",
    "samenspel.opportunities",
    "samenspel.demo",  # demo data and bench seeding: management commands only
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "samenspel.core.api_errors.ApiErrorsMiddleware",  # under /api/, errors are JSON (not the HTML pages)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "samenspel.members.auth_cache.CachedMemberAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "samenspel.members.middleware.MemberGateMiddleware",
    "samenspel.members.middleware.LoginRedirectMiddleware",
]

ROOT_URLCONF = "samenspel.urls"
WSGI_APPLICATION = "samenspel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "samenspel.core.context_processors.site",
                "samenspel.core.context_processors.nav_version",
                "samenspel.notifications.context_processors.unread",
            ],
        },
    },
]

# SQLite unless DATABASE_URL is set (postgres://postgres@127.0.0.1:5432/samenspel).
# An empty DATABASE_URL= (as an env file may leave it) counts as unset.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE") or "60"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif (os.environ.get("DATABASE_PREPARE") or "1") != "0":
    # PostgreSQL plans a query once per connection when it runs the same query again (psycopg
    # prepares it after PREPARE_THRESHOLD runs): parameters are sent apart from the SQL (server-side
    # binding), so the same page's queries share one plan whoever asks. DATABASE_PREPARE=0 turns it
    # off, e.g. behind PgBouncer in transaction mode (docs/production.md).
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches.
# - "pages": rendered fragments, cached reads and the logged-in member, always in each process's
#   memory. Their keys carry cache versions read from the database, so a change shows at
#   once in every worker; an in-memory hit costs far less than a round trip to Redis.
# - "default": what all workers must share: rate limits (allauth) and sessions. Redis when
#   REDIS_URL is set (redis://127.0.0.1:6379/0, as production should), which also makes sessions
#   read from Redis and written through to the database; else per-process memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
if REDIS_URL:
    CACHES["default"] = {"BACKEND": "samenspel.core.redis_cache.RedisCache", "LOCATION": REDIS_URL}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "members.Member"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email only, confirmation by emailed link, login by code, MFA (TOTP).
ACCOUNT_ADAPTER = "samenspel.site.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "samenspel.members.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{NETWORK_SHORT_NAME}] "
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "request_login_code": "20/m/ip,3/m/key",
}
# Limits per visitor registration for a public meeting (samenspel.meetings): per client and per
# email address, so nobody makes the site email a list of strangers.
ACCOUNT_RATE_LIMITS["meeting_visitor_registration"] = "10/h/ip,3/d/key"
# The same for subscribing to the newsletter (a confirmation email goes to the address).
ACCOUNT_RATE_LIMITS["newsletter_subscribe"] = "10/h/ip,3/d/key"
# The public form for opportunities (samenspel.opportunities): partners without an account; a
# confirmation email goes to the address they give.
ACCOUNT_RATE_LIMITS["opportunity_public_submit"] = "10/h/ip,3/d/key"
# Rate limits count per client address. Behind a reverse proxy every request comes from the
# proxy's address: then set TRUSTED_PROXY_COUNT to the number of proxies in front of gunicorn
# (1 for the nginx of docs/production.md). The client's address is then read from
# X-Forwarded-For, from the entry that the first of those proxies added; entries before it can be
# forged by the client. 0 (the default): X-Forwarded-For is ignored, REMOTE_ADDR counts.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
if env_bool("DISABLE_RATE_LIMITS", False):
    ACCOUNT_RATE_LIMITS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = NETWORK_SHORT_NAME

# Background work: django-tasks. TASKS_BACKEND picks the queue (docs/production.md, 5):
# - "db" (default): a table in the database, run by `manage.py db_worker`; nothing else to run.
# - "rq": Redis, through django-tasks-rq, run by `manage.py rqworker default`.
#   The queue is in TASKS_REDIS_URL (default REDIS_URL); give it a database number of its own
#   (redis://127.0.0.1:6379/1): clearing the cache empties the whole database the cache is in.
# Any other value is the dotted path of a backend.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND") or "db"
TASKS_REDIS_URL = os.environ.get("TASKS_REDIS_URL") or REDIS_URL
TASK_BACKENDS = {"db": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(TASKS_BACKEND, TASKS_BACKEND)}}
if TASKS["default"]["BACKEND"] == TASK_BACKENDS["rq"]:
    if not TASKS_REDIS_URL:
        raise RuntimeError("TASKS_BACKEND=rq needs a Redis server: set TASKS_REDIS_URL or REDIS_URL.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS["default"]["QUEUES"] = ["default"]
    # A job runs at most RQ_JOB_TIMEOUT seconds (rq stops it after that). One newsletter worker sends
    # batches until none is left, which for a large edition takes a while; a job stopped halfway
    # leaves its rows to the next worker once their lease ran out (docs/newsletter.md).
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL, "DEFAULT_TIMEOUT": int(os.environ.get("RQ_JOB_TIMEOUT") or 3600)}}
    # `manage.py rqworker default` runs django-tasks-rq's jobs, logging job ids and no arguments.
    RQ = {"JOB_CLASS": "django_tasks_rq.Job", "WORKER_CLASS": "samenspel.core.rq_worker.Worker"}
# The newsletter (samenspel.newsletter): how many tasks send one edition side by side (each a
# batch at a time; run as many `db_worker` processes), and how long a subscriber's link to
# confirm their address works (unconfirmed addresses are deleted after that).
NEWSLETTER_WORKERS = int(os.environ.get("NEWSLETTER_WORKERS") or 2)
SUBSCRIBE_CONFIRM_DAYS = 7

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Samenspel <noreply@samenspel.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Language: Dutch first, English complete.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
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
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Uploaded files are never served by a public /media/ location: a view checks who may have each
# one. Behind nginx set this (e.g. /protected-media/) to let nginx send the file from an internal
# location (X-Accel-Redirect, docs/production.md); empty: Django streams the file itself.
X_ACCEL_REDIRECT_PREFIX = os.environ.get("X_ACCEL_REDIRECT_PREFIX", "")

# Uploads: the member import takes CSV files up to 2 MB; larger bodies are refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MEMBER_IMPORT_MAX_BYTES = 2 * 1024 * 1024
# Meeting report attachments (the presentation: PDF, PPTX or ODP); larger files are refused.
# Above this many comments a consultation round's page shows each paragraph's number of comments,
# with a link to a page of their own, instead of every comment (a 2 MB page on a phone otherwise).
CONSULTATION_INLINE_COMMENTS = int(os.environ.get("CONSULTATION_INLINE_COMMENTS", 100))
MEETING_ATTACHMENT_MAX_BYTES = int(os.environ.get("MEETING_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))

# Security headers. Behind a TLS-terminating proxy in production (docs/production.md).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # a load balancer's health check may come over plain HTTP
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy: no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Logs: never personal data (no emails, names or themes) in messages.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # fontTools (fpdf2 subsetting fonts for PDFs) logs every table at INFO: noise in `make run`.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# Invitations to a circle expire after this many days.
INVITATION_VALID_DAYS = 14
