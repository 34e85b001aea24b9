"""Reference data in the reader's language. The names people read (countries and their official
footnotes, windows, chapters, clusters, thematic teams, institution kinds) are data: each row
keeps its English name in `name` and the others in `name_translations` ({"fr": "Albanie"}), so
a new language needs rows, not a migration (data/names_fr.csv, migration 0019)."""

from django.utils.functional import lazy
from django.utils.translation import get_language


def translated(obj, field="name", language=None):
    """`obj.<field>` in `language` (the active one by default), else the English value."""
    code = (language or get_language() or "en").split("-")[0]
    translations = getattr(obj, f"{field}_translations", None) or {}
    return translations.get(code) or getattr(obj, field)


def _name_now(obj):
    return translated(obj)


# The name in the language active when the string is made: for a subject built before the
# e-mail is rendered in each recipient's language (core.mail).
lazy_name = lazy(_name_now, str)
