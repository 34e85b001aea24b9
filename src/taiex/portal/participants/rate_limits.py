"""Counting requests of a public form in the shared cache (every web worker reads the same
table), so that nobody uses the form to send a flood of e-mails: per client address, and per
e-mail address."""

from django.core.cache import caches


def within_limit(key, *, limit, seconds) -> bool:
    """Count one more use of `key` in its window of `seconds`; False once it passes `limit`."""
    cache = caches["shared"]
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count <= limit
