"""Opaque cursors for keyset pagination of the API's lists (newest first, by primary key)."""

import base64
import binascii
import json

from ninja.errors import ValidationError


def encode_cursor(pk):
    text = json.dumps({"before": pk}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor):
    """The primary key a cursor points before; a forged cursor is a 422 naming `cursor`."""
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
        pk = data["before"]
        if type(pk) is not int or not 0 < pk < 2**63:
            raise ValueError
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError):
        raise ValidationError(
            [{"loc": ["query", "cursor"], "msg": "This cursor is not valid for this list."}]
        ) from None
    return pk


def page_of(queryset, *, cursor, limit, shape):
    """One page of `queryset` (newest first) as {"items", "next_cursor"}; `shape` maps a row."""
    if cursor:
        queryset = queryset.filter(pk__lt=decode_cursor(cursor))
    rows = list(queryset.order_by("-pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "items": [shape(row) for row in rows],
        "next_cursor": encode_cursor(rows[-1].pk) if more else None,
    }
