"""The catalogues are complete: CI fails while a French translation is missing or fuzzy, or
when a translation lost a placeholder of its English text (its page would fail or lie)."""

import re

import polib
import pytest

from tests.i18n import CATALOGUE

PLACEHOLDERS = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


def entries():
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def test_the_french_catalogue_has_a_header_that_gettext_reads():
    catalogue = polib.pofile(str(CATALOGUE))
    assert not catalogue.metadata_is_fuzzy  # a fuzzy header is dropped: no plural rule, no charset
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert catalogue.metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_every_french_translation_is_there_and_not_fuzzy():
    missing = [entry.msgid for entry in entries() if not entry.translated()]
    fuzzy = [entry.msgid for entry in entries() if entry.fuzzy]
    assert missing == []
    assert fuzzy == []


@pytest.mark.parametrize("entry", entries(), ids=lambda entry: entry.msgid[:40])
def test_each_translation_keeps_the_placeholders_of_its_english_text(entry):
    english = sorted(PLACEHOLDERS.findall(entry.msgid_plural or entry.msgid))
    for french in [entry.msgstr, *entry.msgstr_plural.values()]:
        if french:
            # A singular may leave out the count (“Download this event”), never another value.
            found = sorted(PLACEHOLDERS.findall(french))
            assert set(found) <= set(english)
            assert set(english) - set(found) <= {"%(counter)s", "%(count)s"}
