"""Mail backends for the outbox tests: one that refuses everything, one that writes a file per
message after a pause (so that a worker process can be killed while it sends)."""

import os
import smtplib
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class SlowFileBackend(BaseEmailBackend):
    """Sleeps TAIEX_TEST_MAIL_DELAY seconds, then writes each message to its own file in
    TAIEX_TEST_MAIL_DIR (never overwriting, so a message sent twice shows as two files)."""

    def send_messages(self, email_messages):
        folder = Path(os.environ["TAIEX_TEST_MAIL_DIR"])
        for message in email_messages:
            time.sleep(float(os.environ.get("TAIEX_TEST_MAIL_DELAY", "0")))
            (folder / f"{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)
