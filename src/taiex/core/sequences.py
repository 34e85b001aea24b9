"""Readable references (APP-2026-00042, WS-2026-0042) from counters safe under concurrency."""

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import Sequence


def next_sequence_value(key: str) -> int:
    """Return the next value of counter `key`, starting at 1.

    The increment is one UPDATE with F(), which takes the row lock (PostgreSQL) or the write
    lock (SQLite) before reading, so two concurrent callers never get the same value.
    """
    with transaction.atomic():
        if not Sequence.objects.filter(key=key).update(value=F("value") + 1):
            try:
                with transaction.atomic():
                    Sequence.objects.create(key=key, value=1)
                return 1
            except IntegrityError:
                # Another transaction created the row first; increment it like everyone else.
                Sequence.objects.filter(key=key).update(value=F("value") + 1)
        return Sequence.objects.get(key=key).value
