"""Settings from the environment: production mode refuses to start without a secret key and
allowed hosts; e-mail and tasks are chosen by URL and name."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from taiex.settings import mailer_from_url

SETUP = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.TASKS['default']['BACKEND'])"
)


# A Fernet key for the production runs (bank details are encrypted at rest).
FIELD_KEY = "Q2l2WEKu0b3Bd4KSh2tB3W4m0rN2ZsUVd8l7ZxQyT1k="


def start_django(tmp_path, setup=SETUP, **environment):
    """Run django.setup() with the real settings in a fresh interpreter; return the result."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TAIEX_") and key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(DJANGO_SETTINGS_MODULE="taiex.settings", TAIEX_VAR_DIR=str(tmp_path), **environment)
    return subprocess.run(
        [sys.executable, "-c", setup],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_mode_without_secret_key_and_hosts_refuses_to_start(tmp_path):
    result = start_django(tmp_path, TAIEX_DEBUG="0")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "needs TAIEX_SECRET_KEY and TAIEX_ALLOWED_HOSTS" in result.stderr


def test_production_mode_without_allowed_hosts_names_the_missing_variable(tmp_path):
    result = start_django(
        tmp_path,
        TAIEX_DEBUG="0",
        TAIEX_SECRET_KEY="s3cret-" * 8,
        TAIEX_FIELD_ENCRYPTION_KEY=FIELD_KEY,
    )

    assert result.returncode != 0
    assert "needs TAIEX_ALLOWED_HOSTS." in result.stderr


def test_production_mode_without_field_encryption_key_refuses_to_start(tmp_path):
    result = start_django(
        tmp_path,
        TAIEX_DEBUG="0",
        TAIEX_SECRET_KEY="s3cret-" * 8,
        TAIEX_ALLOWED_HOSTS="taiex.example.org",
    )

    assert result.returncode != 0
    assert "needs TAIEX_FIELD_ENCRYPTION_KEY, the key that encrypts bank details" in result.stderr


def test_development_mode_encrypts_with_the_fixed_development_key_only(tmp_path):
    probe = "import django; from django.conf import settings; print(settings.FIELD_ENCRYPTION_KEYS)"
    development = start_django(tmp_path, TAIEX_TASKS_BACKEND="immediate", setup=probe)
    production = start_django(
        tmp_path,
        setup=probe,
        TAIEX_DEBUG="0",
        TAIEX_SECRET_KEY="s3cret-" * 8,
        TAIEX_ALLOWED_HOSTS="taiex.example.org",
        TAIEX_FIELD_ENCRYPTION_KEY=f"{FIELD_KEY}, old-key",
    )

    assert development.stdout.strip() == "['bYn2vgZzhNofGmdL5EtI3vnbJY_0miq2MhfyEKl37pw=']"
    assert production.stdout.strip() == f"['{FIELD_KEY}', 'old-key']"


def test_production_mode_with_secret_key_and_hosts_starts(tmp_path):
    result = start_django(
        tmp_path,
        TAIEX_DEBUG="0",
        TAIEX_SECRET_KEY="s3cret-" * 8,
        TAIEX_ALLOWED_HOSTS="taiex.example.org, www.taiex.example.org",
        TAIEX_FIELD_ENCRYPTION_KEY=FIELD_KEY,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "False ['taiex.example.org', 'www.taiex.example.org'] django_tasks_db.DatabaseBackend"
    )


def test_development_mode_starts_with_safe_defaults(tmp_path):
    result = start_django(tmp_path, TAIEX_TASKS_BACKEND="immediate")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "True ['127.0.0.1', 'localhost', '[::1]', 'testserver'] "
        "django.tasks.backends.immediate.ImmediateBackend"
    )


def test_email_url_smtp_with_tls_and_credentials():
    mailer = mailer_from_url("smtp+tls://mailer:p%40ss@mail.example.org:587")

    assert mailer == {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "mail.example.org",
            "port": 587,
            "username": "mailer",
            "password": "p@ss",
            "use_tls": True,
            "timeout": 20,  # TAIEX_EMAIL_TIMEOUT: a slow mail server never holds a worker
        },
    }


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("console://", "django.core.mail.backends.console.EmailBackend"),
        ("locmem://", "django.core.mail.backends.locmem.EmailBackend"),
    ],
)
def test_email_url_console_and_locmem(url, backend):
    assert mailer_from_url(url) == {"BACKEND": backend}


def test_email_url_with_an_unknown_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="TAIEX_EMAIL_URL has the scheme 'pop3'"):
        mailer_from_url("pop3://mail.example.org")


HSTS_PROBE = (
    "import django; from django.conf import settings; django.setup(); "
    "from django.test import Client; "
    "response = Client().get('/no-such-page/', headers={'x-forwarded-proto': 'https'}); "
    "print(response.headers.get('Strict-Transport-Security'))"
)


def probe_hsts(tmp_path, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TAIEX_") and key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="taiex.settings",
        TAIEX_VAR_DIR=str(tmp_path),
        TAIEX_DEBUG="0",
        TAIEX_SECRET_KEY="s3cret-" * 8,
        TAIEX_ALLOWED_HOSTS="testserver",
        TAIEX_FIELD_ENCRYPTION_KEY=FIELD_KEY,
        **environment,
    )
    result = subprocess.run(
        [sys.executable, "-c", HSTS_PROBE],
        check=True,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.strip()


def test_production_mode_sends_strict_transport_security_for_a_year(tmp_path):
    assert probe_hsts(tmp_path) == "max-age=31536000"


def test_strict_transport_security_is_configurable(tmp_path):
    header = probe_hsts(
        tmp_path,
        TAIEX_HSTS_SECONDS="600",
        TAIEX_HSTS_INCLUDE_SUBDOMAINS="1",
        TAIEX_HSTS_PRELOAD="1",
    )

    assert header == "max-age=600; includeSubDomains; preload"


def test_strict_transport_security_can_be_turned_off(tmp_path):
    assert probe_hsts(tmp_path, TAIEX_HSTS_SECONDS="0") == "None"
