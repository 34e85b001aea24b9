"""Settings of the worker and web server processes that the fault test starts: the production
settings (persistent connections with health checks, the database queue) with a mail backend that
writes one file per message."""

from taiex.settings import *  # noqa: F403

MAILERS = {"default": {"BACKEND": "tests.core.mail_backends.SlowFileBackend"}}
