"""The languages people may choose and the language to write to someone in. A document or an
e-mail is produced in the recipient's language, not the sender's (core.mail)."""

from django.conf import settings
from django.utils import translation

# Codes of settings.LANGUAGES that are only for checking the layout (the right-to-left
# pseudo-locale, TAIEX_PSEUDO_RTL), never offered to people.
PSEUDO_LANGUAGES = frozenset({"ar"})


def offered():
    """The (code, name) pairs people may choose: settings.LANGUAGES less the pseudo-locales."""
    return [(code, name) for code, name in settings.LANGUAGES if code not in PSEUDO_LANGUAGES]


def is_offered(code):
    return any(code == offered_code for offered_code, _ in offered())


def language_of(person):
    """The language to write to `person` in: the language an account chose, or the one kept
    with a registration (participants, evaluators) when it has one, else the site's default."""
    code = getattr(person, "language", "") or ""
    return code if is_offered(code) else settings.LANGUAGE_CODE


class TypedAddress:
    """An e-mail address typed by someone (no account behind it) with the language to write to it
    in: a recipient for core.mail.notify, which writes in `language` (language_of)."""

    def __init__(self, email, language=""):
        self.email, self.language = email, language

    def __str__(self):
        return self.email

    def __repr__(self):
        return f"TypedAddress({self.email!r}, {self.language!r})"


def active_offered_language():
    """The active language if it is offered to people (the page's), else the site's default."""
    code = (translation.get_language() or "").split("-")[0]
    return code if is_offered(code) else settings.LANGUAGE_CODE


def languages(request):
    """`offered_languages` in every template, for the header's switcher."""
    return {"offered_languages": offered()}


def override_for(person):
    """translation.override(the language of `person`): render what is sent to them inside it."""
    return translation.override(language_of(person))
