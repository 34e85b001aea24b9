"""The French catalogue as a French reader expects it (issue 16): French typography (a space
before the high punctuation : ; ? !) and one house term per concept, so that a "statement" or a
"case handler" reads the same on every page, e-mail and document."""

import re

import polib
import pytest

from tests.i18n import CATALOGUE

# What is not French prose inside a message: code, placeholders, tags, entities, addresses.
NOT_PROSE = re.compile(
    r"<code>.*?</code>|%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}|<[^>]+>|&[a-z]+;|&#x?[0-9a-f]+;"
    r"|\b(?:https?|mailto):\S+|[\w.+-]+@[\w.-]+"
)
# High punctuation glued to the word before it ("a écrit:", "Motif;"), apart from times (10:00).
GLUED = re.compile(r"(?<![\s\d])[:;?!]|(?<=\d)[;?!]")
# The catalogue writes a normal space before : ; ? ! (the house style of its ~800 cases), and
# the typographic thin spaces never: one style only.
OTHER_SPACES = re.compile(r"[\u00a0\u202f][:;?!]")
# Where the punctuation is not French prose, and so takes no space (by msgid, with the reason):
# none today (the examples of keywords to type write "marchés publics ; recours" too).
TYPOGRAPHY_EXCEPTIONS = set()


def entries():
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def translations(entry):
    return [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())


def prose(text):
    return NOT_PROSE.sub(" ", text)


def test_french_high_punctuation_has_a_space_before_it():
    glued, other_spaces = [], []
    for entry in entries():
        if entry.msgid in TYPOGRAPHY_EXCEPTIONS:
            continue
        for text in translations(entry):
            if GLUED.search(prose(text)):
                glued.append((entry.msgid, text))
            if OTHER_SPACES.search(text):
                other_spaces.append((entry.msgid, text))
    assert glued == []
    assert other_spaces == []


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("%(name)s a écrit:", True),
        ("Motif; suite", True),
        ("Vraiment?", True),
        ("%(name)s a écrit :", False),
        ("Séance de 10:00 à 12:30.", False),
        ('Contact : <a href="mailto:%(contact)s">x</a>', False),
        ("Voir https://example.org/a?b=c", False),
        ("%(request)s : transmise", False),
    ],
)
def test_the_typography_check_tells_glued_punctuation_from_times_and_addresses(text, glued):
    assert bool(GLUED.search(prose(text))) is glued


def test_the_typography_exceptions_are_still_in_the_catalogue():
    msgids = {entry.msgid for entry in entries()}
    assert msgids >= TYPOGRAPHY_EXCEPTIONS


# The house vocabulary: an English term (in the msgid, placeholders aside), the French term its
# translation must use, and the other renderings helpers had used and that are no longer written.
# "Fee statement" is an "état de compte" (not a "décompte d'honoraires"); a rejected registration,
# expert or statement is "rejeté" (a refused receipt, in English too, is "refusé"); a window of the
# instrument is a "volet".
GLOSSARY = [
    (r"\bstatements?\b", r"\bétats? de compte\b", r"décompte|relevé"),
    (r"\breject(s|ed|ing|ion)?\b", r"\brejet", r"\brefus"),
    (r"\bstatus\b", r"\bétats?\b", r"\bstatut"),
    (r"\brequests?\b", r"\bdemand", r"\brequête"),
    (r"\bcase handlers?\b", r"\bgestionnaires? de dossier\b", r"\bgestionnaires? de dossiers\b"),
    (r"\bevents?\b", r"\bévénements?\b", r"\bévènement|\bmanifestations?\b(?! d.intérêt)"),
    (r"\bexperts?\b", r"\bexperte?s?\b", None),
    (r"\bparticipants?\b", r"\bparticipante?s?\b", None),
    (r"\bnational contact points?\b", r"\bpoints? de contact nationa(l|ux)\b", None),
    (r"\bNCPs?\b", r"\bPCN\b", None),
    (r"\bwindows?\b", r"\bvolets?\b", r"\bguichet|\bfenêtre"),
    (r"\bhead of unit\b", r"\bchef d.unité\b", None),
    (r"\bconsulted services?\b", r"\bservices? consultés?\b", None),
    (r"\bcontractors?\b", r"\bprestataires?\b", None),
    (r"\breceipts?\b", r"\bjustificatifs?\b", r"\breçus?\b"),
]
# Entries where the English word has another meaning, so another French word is right (by
# msgid): none today; add one with the reason, or give the msgid a msgctxt.
GLOSSARY_EXCEPTIONS = {}


def vocabulary_problems():
    problems = []
    for entry in entries():
        english = prose(entry.msgid)
        for term, french, avoided in GLOSSARY:
            flags = 0 if term == r"\bNCPs?\b" else re.IGNORECASE
            if not re.search(term, english, flags) or term in GLOSSARY_EXCEPTIONS.get(
                entry.msgid, ()
            ):
                continue
            for text in map(prose, translations(entry)):
                if not re.search(french, text, re.IGNORECASE):
                    problems.append((term, entry.msgid, text, "missing"))
                elif avoided and re.search(avoided, text, re.IGNORECASE):
                    problems.append((term, entry.msgid, text, "other term"))
    return problems


def test_each_concept_has_one_french_term():
    assert vocabulary_problems() == []


def test_the_glossary_finds_a_second_translation_of_a_term(monkeypatch):
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Reject the statement", msgstr="Refuser le décompte"))
    catalogue.append(polib.POEntry(msgid="Status", msgid_plural="", msgstr="Statut"))
    catalogue.append(polib.POEntry(msgid="Any window", msgstr="Tous les volets"))
    monkeypatch.setattr("tests.test_french_catalogue.entries", lambda: list(catalogue))

    assert {(term, kind) for term, _msgid, _text, kind in vocabulary_problems()} == {
        (r"\breject(s|ed|ing|ion)?\b", "missing"),
        (r"\bstatements?\b", "missing"),
        (r"\bstatus\b", "missing"),
    }
