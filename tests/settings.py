"""Test settings: the real settings with tasks run at once, fast hashing and locmem mail."""

import os
import tempfile

os.environ.setdefault("TAIEX_TASKS_BACKEND", "immediate")

from taiex.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Live-server tests share the database with their server thread; a kept-open connection would
# stop the PostgreSQL test database from being dropped at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Uploaded CVs of a test run go to a throw-away folder.
TAIEX_PRIVATE_DIR = Path(tempfile.mkdtemp(prefix="taiex-test-private-"))  # noqa: F405

# The tests' client.force_login() logs in through this backend, whose sessions count as having
# given the second factor; real logins in tests (the login form, SSO) go through ModelBackend
# and must give it. It authenticates nobody, and outside the tests it is not listed, so Django
# refuses a session that names it.
AUTHENTICATION_BACKENDS = ["tests.auth_backends.ForceLoginBackend", *AUTHENTICATION_BACKENDS]  # noqa: F405
TAIEX_SECOND_FACTOR_EXEMPT_BACKENDS = ["tests.auth_backends.ForceLoginBackend"]

# `make mutation` keeps one SQLite test database in a file and reuses it (`--reuse-db`), so that
# each mutant's run does not migrate a new one (docs/decisions.md, "Mutation testing...").
if os.environ.get("TAIEX_TEST_SQLITE_FILE") and "sqlite" in DATABASES["default"]["ENGINE"]:  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TAIEX_TEST_SQLITE_FILE"]}  # noqa: F405
