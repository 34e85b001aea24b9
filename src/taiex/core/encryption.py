"""Fields encrypted at rest (bank details): Fernet (AES-128-CBC with HMAC-SHA256, from the
`cryptography` package) with the keys of `settings.FIELD_ENCRYPTION_KEYS`.

The column holds only the token; the value is decrypted when read. A token is different at each
write (random IV), so such a field cannot be searched or compared in SQL: look rows up by their
owner. The first key encrypts, every key decrypts, so a new key can be put first and the rows
re-saved (each save encrypts with the first key) before the old one is removed.
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

_cache: dict[tuple, MultiFernet] = {}


def cipher() -> MultiFernet:
    keys = tuple(settings.FIELD_ENCRYPTION_KEYS)
    if not keys:
        raise ImproperlyConfigured("No TAIEX_FIELD_ENCRYPTION_KEY: bank details cannot be stored.")
    if keys not in _cache:
        try:
            _cache[keys] = MultiFernet([Fernet(key.encode()) for key in keys])
        except ValueError as error:
            raise ImproperlyConfigured(
                "TAIEX_FIELD_ENCRYPTION_KEY holds a key that is not a Fernet key (32 bytes, "
                "URL-safe base64)."
            ) from error
    return _cache[keys]


def encrypt(text: str) -> str:
    return cipher().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return cipher().decrypt(token.encode("ascii")).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "An encrypted field cannot be read with the keys of TAIEX_FIELD_ENCRYPTION_KEY "
            "(was the key changed without keeping the old one?)."
        ) from error


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; empty stays empty (nothing to hide)."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)
