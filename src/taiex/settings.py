"""Settings of taiex, read from the environment with safe development defaults.

Production mode (TAIEX_DEBUG=0) refuses to start without TAIEX_SECRET_KEY and TAIEX_ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("TAIEX_VAR_DIR", PROJECT_DIR / "var"))


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_flag("TAIEX_DEBUG", True)
SECRET_KEY = os.environ.get("TAIEX_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("TAIEX_ALLOWED_HOSTS")

if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-key-never-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    missing = [
        name
        for name, value in (
            ("TAIEX_SECRET_KEY", SECRET_KEY),
            ("TAIEX_ALLOWED_HOSTS", ALLOWED_HOSTS),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "taiex runs in production mode (TAIEX_DEBUG is off) and needs "
            + " and ".join(missing)
            + ". Set them in the environment, or set TAIEX_DEBUG=1 for development."
        )
    SESSION_COOKIE_SECURE = env_flag("TAIEX_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Browsers that came once over HTTPS never try plain HTTP again for this long (a year by
    # default); 0 turns the header off, for a first deployment whose HTTPS is not settled yet.
    SECURE_HSTS_SECONDS = int(os.environ.get("TAIEX_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("TAIEX_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_flag("TAIEX_HSTS_PRELOAD", False)
    CSRF_TRUSTED_ORIGINS = env_list("TAIEX_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_tasks_db",
    "taiex.core",
    "taiex.reference",
    "taiex.accounts",
    "taiex.applications",
    "taiex.events",
    "taiex.experts",
    "taiex.evaluations",
    "taiex.staffing",
    "taiex.portal",
    "taiex.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "taiex.core.middleware.RefuseControlCharactersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "taiex.urls"
WSGI_APPLICATION = "taiex.wsgi.application"

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
                "django.template.context_processors.csp",
                "taiex.accounts.context_processors.roles",
            ],
            "builtins": ["taiex.reference.templatetags.countries"],
        },
    },
]

# Databases: SQLite under var/ by default, PostgreSQL (or any URL dj-database-url reads) when set.
if os.environ.get("DATABASE_URL"):
    # Health checks: a kept connection that the server closed (restart, failover,
    # pg_terminate_backend) is replaced before a request uses it, instead of answering 500.
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("TAIEX_SQLITE_PATH", str(VAR_DIR / "taiex.sqlite3")),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so read-then-write sequences cannot race.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
# A read replica of PostgreSQL for the public search and statistics (core/replica.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["taiex.core.replica.ReplicaRouter"]
    MIDDLEWARE.insert(1, "taiex.core.replica.PublicReadsMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any login of a locked-out account or address before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "portal:index"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed logins (django-axes): after TAIEX_LOGIN_FAILURE_LIMIT failures for one account, or
# from one address, logins are refused for TAIEX_LOGIN_LOCKOUT_MINUTES; an administrator
# unlocks earlier by deleting the attempts in the admin ("Access attempts").
AXES_FAILURE_LIMIT = int(os.environ.get("TAIEX_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("TAIEX_LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "taiex.accounts.signin.login_name"
AXES_CLIENT_IP_CALLABLE = "taiex.accounts.signin.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "taiex.accounts.views.locked_out"
AXES_VERBOSE = False
# How many reverse proxies in front of the web servers append to X-Forwarded-For (the lockout
# counts by the client's address, not the proxy's).
TAIEX_PROXY_COUNT = int(os.environ.get("TAIEX_PROXY_COUNT", "0"))

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# Uploaded files that must never be served by the web server (CVs): read through views that
# check permissions.
TAIEX_PRIVATE_DIR = Path(os.environ.get("TAIEX_PRIVATE_DIR", VAR_DIR / "private"))

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("TAIEX_STATIC_ROOT", PROJECT_DIR / "staticfiles"))

# Background work through Django's tasks API. The database backend lets any number of
# `manage.py db_worker` processes share the queue; "immediate" runs a task inside the request.
TASKS_BACKEND = os.environ.get("TAIEX_TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "dummy": "django.tasks.backends.dummy.DummyBackend",
        }[TASKS_BACKEND]
    }
}


# Mail leaves through the outbox (core.outbox): the worker retries a failed e-mail with doubling
# delays from TAIEX_MAIL_RETRY_SECONDS, TAIEX_MAIL_MAX_ATTEMPTS times; every SMTP socket operation
# gives up after TAIEX_EMAIL_TIMEOUT seconds.
TAIEX_EMAIL_TIMEOUT = int(os.environ.get("TAIEX_EMAIL_TIMEOUT", "20"))
TAIEX_MAIL_RETRY_SECONDS = int(os.environ.get("TAIEX_MAIL_RETRY_SECONDS", "60"))
TAIEX_MAIL_MAX_ATTEMPTS = int(os.environ.get("TAIEX_MAIL_MAX_ATTEMPTS", "8"))
# A worker writes a heartbeat every lease/4 seconds; a task it was running is queued again once
# its heartbeat is older than the lease (the worker died), and /readyz wants one that recent.
TAIEX_WORKER_LEASE_SECONDS = int(os.environ.get("TAIEX_WORKER_LEASE_SECONDS", "60"))


def mailer_from_url(url: str) -> dict:
    """Read TAIEX_EMAIL_URL: console://, locmem://, smtp://user:password@host:port, smtp+tls://..."""
    parts = urlsplit(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(
            f"TAIEX_EMAIL_URL has the scheme {parts.scheme!r}; use one of {', '.join(backends)}."
        )
    mailer = {"BACKEND": backends[parts.scheme]}
    if parts.scheme.startswith("smtp"):
        mailer["OPTIONS"] = {
            "host": parts.hostname or "localhost",
            "port": parts.port or 25,
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_tls": parts.scheme == "smtp+tls",
            "timeout": TAIEX_EMAIL_TIMEOUT,
        }
    return mailer


MAILERS = {"default": mailer_from_url(os.environ.get("TAIEX_EMAIL_URL", "console://"))}
DEFAULT_FROM_EMAIL = os.environ.get("TAIEX_FROM_EMAIL", "taiex <no-reply@taiex.localhost>")
# The daily digest of notifications (for those who chose it) leaves at this hour, local time.
TAIEX_DIGEST_HOUR = int(os.environ.get("TAIEX_DIGEST_HOUR", "7"))
TAIEX_SITE_URL = os.environ.get("TAIEX_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Strict content security policy: no inline script or style, nothing from another origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TAIEX_LOG_LEVEL", "INFO")},
    # WeasyPrint reports every rendering step at INFO; only its warnings are worth a line.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
