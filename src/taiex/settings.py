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
# Keys of the fields encrypted at rest (bank details): Fernet keys separated by commas, the first
# encrypts, all decrypt (so a key can be rotated). Development and tests use a fixed key that is
# public in this repository; production refuses to start without its own (below).
DEVELOPMENT_FIELD_ENCRYPTION_KEY = "bYn2vgZzhNofGmdL5EtI3vnbJY_0miq2MhfyEKl37pw="
FIELD_ENCRYPTION_KEYS = env_list("TAIEX_FIELD_ENCRYPTION_KEY") or (
    [DEVELOPMENT_FIELD_ENCRYPTION_KEY] if DEBUG else []
)
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
    if not os.environ.get("TAIEX_FIELD_ENCRYPTION_KEY", "").strip():
        raise ImproperlyConfigured(
            "taiex runs in production mode (TAIEX_DEBUG is off) and needs "
            "TAIEX_FIELD_ENCRYPTION_KEY, the key that encrypts bank details at rest (make one "
            "with `python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'`)."
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "oauth2_provider",
    "django_tasks_db",
    # django-ninja as an app: the API documentation page loads Swagger UI from its own static
    # files (collected with the rest) instead of a CDN, which the CSP and offline hosts refuse.
    "ninja",
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
    # After the authentication: a signed-in person's pages are in their profile's language.
    "taiex.accounts.language.PersonLanguageMiddleware",
    # Tells whether this session gave a second factor, then holds back a session that owes one.
    "django_otp.middleware.OTPMiddleware",
    "taiex.accounts.second_factor_middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Each table of a page in its own named, focusable scroll region, without JavaScript.
    "taiex.core.table_scroll.TableScrollMiddleware",
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
                "taiex.core.languages.languages",
            ],
            "builtins": [
                "taiex.reference.templatetags.countries",
                "taiex.core.templatetags.error_summary",
            ],
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
            # Kept between requests, as PostgreSQL's: a new SQLite connection per request
            # costs its opening, its pragmas and the functions it registers, and starts with
            # an empty page cache (about a fifth of a public search's CPU under gunicorn,
            # docs/bench.md).
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
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
# Two-factor authentication (accounts/second_factor.py): the roles whose sign-in needs a second
# factor; "none" for nobody. Values that are no role (e.g. "finance" before it exists) are
# harmless. Anybody else may set one up on their profile, and must then give it too.
_SECOND_FACTOR_DEFAULT_ROLES = [
    "case_handler",
    "head_of_unit",
    "administrator",
    "ncp",
    "consultee",
    "contractor",
    "finance",
]
TAIEX_SECOND_FACTOR_ROLES = [
    role
    for role in (env_list("TAIEX_SECOND_FACTOR_ROLES") or _SECOND_FACTOR_DEFAULT_ROLES)
    if role != "none"
]
# Sessions logged in through these backends count as complete (the tests' force_login only).
TAIEX_SECOND_FACTOR_EXEMPT_BACKENDS: list[str] = []
OTP_TOTP_ISSUER = "taiex"

# Single sign-on with OpenID Connect (accounts/sso.py), on when a discovery URL (or an issuer,
# whose /.well-known/openid-configuration is read) and a client id are set.
TAIEX_OIDC_ISSUER = os.environ.get("TAIEX_OIDC_ISSUER", "").rstrip("/")
TAIEX_OIDC_DISCOVERY_URL = os.environ.get("TAIEX_OIDC_DISCOVERY_URL", "") or (
    f"{TAIEX_OIDC_ISSUER}/.well-known/openid-configuration" if TAIEX_OIDC_ISSUER else ""
)
TAIEX_OIDC_CLIENT_ID = os.environ.get("TAIEX_OIDC_CLIENT_ID", "")
TAIEX_OIDC_CLIENT_SECRET = os.environ.get("TAIEX_OIDC_CLIENT_SECRET", "")
TAIEX_OIDC_PROVIDER_NAME = os.environ.get("TAIEX_OIDC_PROVIDER_NAME", "EU Login")
TAIEX_OIDC_SCOPES = os.environ.get("TAIEX_OIDC_SCOPES", "openid email profile")
# Asked of the provider (e.g. a level that includes its own second factor) when set.
TAIEX_OIDC_ACR_VALUES = os.environ.get("TAIEX_OIDC_ACR_VALUES", "")
# On: a sign-in through the provider needs no taiex second factor (the provider asked for one;
# set it only together with an ACR value that makes the provider require it).
TAIEX_OIDC_TRUSTED_FOR_SECOND_FACTOR = env_flag("TAIEX_OIDC_TRUSTED_FOR_SECOND_FACTOR", False)
TAIEX_OIDC_TIMEOUT = int(os.environ.get("TAIEX_OIDC_TIMEOUT", "10"))
# OAuth2 client credentials for the API (accounts/api_clients.py): applications registered by an
# administrator get tokens at /oauth/token/ and act as their service account, read or write.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    "SCOPES": {"read": "Read what the account may see", "write": "Make workflow moves"},
    "DEFAULT_SCOPES": ["read"],
    "SCOPES_BACKEND_CLASS": "taiex.accounts.api_clients.ClientScopes",
    "ACCESS_TOKEN_EXPIRE_SECONDS": int(os.environ.get("TAIEX_OAUTH_TOKEN_SECONDS", "3600")),
}
# How many reverse proxies in front of the web servers append to X-Forwarded-For (the lockout
# counts by the client's address, not the proxy's).
TAIEX_PROXY_COUNT = int(os.environ.get("TAIEX_PROXY_COUNT", "0"))

# Languages offered to people (the switcher in the header, the profile's choice). Adding one is
# a catalogue file under locale/<code>/LC_MESSAGES/django.po and one line here (README.md,
# "Adding a language"). The names are written in their own language, as a switcher shows them.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in each language's way (8 mars 2017, 3 Dec 2026): taiex/core/formats/<code>/formats.py.
FORMAT_MODULE_PATH = ["taiex.core.formats"]
# A right-to-left pseudo-locale for checking the layout's direction (TAIEX_PSEUDO_RTL=1, or the
# tests): never offered in the switcher or the profile (taiex.core.languages.offered).
if env_flag("TAIEX_PSEUDO_RTL", False):
    LANGUAGES = [*LANGUAGES, ("ar", "Pseudo right-to-left")]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# Uploaded files that must never be served by the web server (CVs): read through views that
# check permissions.
TAIEX_PRIVATE_DIR = Path(os.environ.get("TAIEX_PRIVATE_DIR", VAR_DIR / "private"))

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("TAIEX_STATIC_ROOT", PROJECT_DIR / "staticfiles"))

# "default" is each process's own memory; "shared" is a table of the database, read by every web
# process and the worker, for figures computed once for all (the statistics, which the worker
# recomputes after each change: core.maintenance). Its table is made after every `migrate`
# (core.apps.create_shared_cache_table) and by `createcachetable`.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "taiex_shared_cache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

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

# Who answers for the personal data (the privacy notices name them; a deployment sets its own).
TAIEX_PRIVACY_CONTROLLER = os.environ.get(
    "TAIEX_PRIVACY_CONTROLLER",
    "European Commission, Directorate-General for Neighbourhood and Enlargement Negotiations "
    "(DG NEAR), the unit in charge of TAIEX, 1049 Brussels, Belgium",
)
TAIEX_PRIVACY_CONTACT = os.environ.get("TAIEX_PRIVACY_CONTACT", "privacy@taiex.localhost")
