"""Invisible characters out of every text a person types, in forms and in the API.

A right-to-left override (U+202E) or a zero-width space kept in a title shows the title reversed
or split in PDFs, e-mail subjects and lists, and lets two titles look the same while they differ.
Control characters (Unicode Cc) other than tab and line breaks and format characters (Cf) are
dropped; the zero-width joiner and non-joiner stay, because some scripts need them inside words.
"""

import unicodedata
from typing import Annotated

from django import forms
from pydantic import AfterValidator, field_validator

KEPT_CONTROLS = frozenset("\t\n\r")
# Zero-width non-joiner and joiner: part of the spelling of words in some scripts and emoji.
KEPT_FORMATS = frozenset("\u200c\u200d")


def is_invisible(character: str) -> bool:
    category = unicodedata.category(character)
    if category == "Cc":
        return character not in KEPT_CONTROLS
    return category == "Cf" and character not in KEPT_FORMATS


def without_invisible_characters(text: str) -> str:
    if text.isprintable():  # the usual case, and fast: no Cc, Cf or other unprintable character
        return text
    return "".join(character for character in text if not is_invisible(character))


def clean_value(value):
    """`value` with invisible characters dropped from its strings, in lists and dicts too."""
    if isinstance(value, str):
        return without_invisible_characters(value)
    if isinstance(value, list | tuple):
        return type(value)(clean_value(item) for item in value)
    if isinstance(value, dict):
        return {key: clean_value(item) for key, item in value.items()}
    return value


# A str field of an API schema without invisible characters.
CleanText = Annotated[str, AfterValidator(without_invisible_characters)]


class CleanInput:
    """Mixin of the API's input schemas: every string of every field loses its invisible
    characters before the field is validated (so a pattern or a length is checked on what is
    kept)."""

    @field_validator("*", mode="before")
    @classmethod
    def drop_invisible_characters(cls, value):
        return clean_value(value)


_original_char_to_python = forms.CharField.to_python


def _char_to_python_without_invisible_characters(self, value):
    value = _original_char_to_python(self, value)
    # strip=False marks a value taken as typed, such as a password: left alone.
    if isinstance(value, str) and self.strip:
        value = without_invisible_characters(value)
    return value


def clean_every_form_text_field():
    """Make every CharField of every form (ours, Django's, the admin's) drop invisible
    characters, in one place rather than in each of the project's forms."""
    forms.CharField.to_python = _char_to_python_without_invisible_characters
