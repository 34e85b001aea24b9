# ruff: noqa: RUF001 (Ukrainian suffixes and Cyrillic words are Cyrillic letters)
"""The beneficiary's language in the search: an event's original-language title is stemmed by
the title's language, so that "javnih nabavki" finds "Јавне набавке", "ihalelerinde" finds
"Kamu ihaleleri" and "marché public" finds "Marchés publics".

The databases index every text with English stemming (PostgreSQL has no Albanian or Ukrainian
configuration, SQLite's FTS5 only Porter), so the stems of original titles are kept here, in
each process, beside the vocabulary: {language: {stem: event ids}}, rebuilt when the events
change (`events_version`). A query word is stemmed by each language that has titles, and the
events whose original title has that stem match it in the title's class. The same on both
databases, since the stems are computed in Python from the stored titles.

Stemmers: the Snowball algorithms of the PyPI package snowballstemmer (pure Python, BSD) for the
languages it has (Serbian for Serbian, Bosnian, Croatian and Montenegrin, whose inflections it
covers in both scripts; Turkish, French, Romanian, Spanish, Russian...), and a light suffix
stripper of this module for Albanian and Ukrainian, which Snowball lacks."""

import threading
from collections import defaultdict
from functools import cache

import numpy as np
import snowballstemmer

from .text import WORD, fold

SNOWBALL = {
    "sr": "serbian", "bs": "serbian", "hr": "serbian", "cnr": "serbian",
    "tr": "turkish", "fr": "french", "ro": "romanian", "es": "spanish", "ru": "russian",
    "be": "russian", "pl": "polish", "cs": "czech", "sk": "czech", "it": "italian",
    "de": "german", "pt": "portuguese", "nl": "dutch", "el": "greek", "hu": "hungarian",
    "fi": "finnish", "et": "estonian", "lt": "lithuanian", "da": "danish", "sv": "swedish",
    "hy": "armenian", "ar": "arabic", "ga": "irish",
}  # fmt: skip
MIN_STEM = 3  # letters: a light stemmer never cuts a word shorter than this

# Albanian: the endings of the definite and indefinite declension of nouns and adjectives
# (-ve, -it, -in, -ët, -ës, -ja, -në...) and of the plural (-ave, -eve, -ët, -et), longest first;
# "prokurimit", "prokurimi", "prokurimeve" -> "prokurim".
ALBANIAN = sorted(
    """ave eve ive ove uve ëve ës ët së ën në të ja je ra ri it in ut un at et ve ta te
    ia ie a e i u ë""".split(),  # noqa: SIM905 (reads as the grammar's list)
    key=len,
    reverse=True,
)
# Ukrainian: the case endings of nouns and adjectives (and the plural), longest first;
# "закупівлі", "закупівель" -> "закупівл"; "державних", "державні" -> "державн".
UKRAINIAN = sorted(
    """ого ому ими іми ами ями ових евих ів їв ах ях их іх ої ою ею єю ий ій ам ям ом ем
    ові еві а я о е і ї у ю и ь""".split(),  # noqa: SIM905
    key=len,
    reverse=True,
)


def strip_suffix(word, suffixes):
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


class Light:
    """A suffix stripper with the interface of snowballstemmer's stemmers."""

    def __init__(self, suffixes):
        self.suffixes = suffixes

    def stemWord(self, word):  # noqa: N802 (snowballstemmer's name)
        # The genitive plural's inserted vowel: "закупівель" -> "закупівл", as "закупівлі".
        if word.endswith("ель") and len(word) > MIN_STEM + 3:
            return word[:-3] + "л"
        return strip_suffix(word, self.suffixes)


LIGHT = {"sq": ALBANIAN, "uk": UKRAINIAN}
LANGUAGES = frozenset(SNOWBALL) | frozenset(LIGHT)


@cache
def stemmer(language):
    """The stemmer of language `language` (a code), or None."""
    if language in LIGHT:
        return Light(LIGHT[language])
    if language in SNOWBALL:
        return snowballstemmer.stemmer(SNOWBALL[language])
    return None


def stems(text, language):
    """The stems of the words of `text` in `language`, accents folded and Cyrillic
    transliterated after stemming (the stemmers know their language's letters)."""
    found = stemmer(language)
    if found is None:
        return set()
    words = WORD.findall(text.lower())
    return {fold(found.stemWord(word)) for word in words} - {""}


# Original-language summaries are stemmed into the databases' indexes (`Event.original_stems`,
# indexed as the summary by the triggers of both backends): each stem is written as one token
# prefixed by its stemmer ("serbian0nabavk"), a digit joining them so that both databases'
# parsers keep it one word and no English word or stem of another language can meet it.
STEM_MARK = "0"


def stem_key(language):
    """The name of the stemmer of `language` (Serbian, Bosnian, Croatian and Montenegrin share
    one), which prefixes its stems in the index."""
    return SNOWBALL.get(language, language)


def stem_tokens(text, language):
    """The index tokens of the stems of `text` in `language`, one text (empty without a
    stemmer or words): what `Event.original_stems` holds for an original summary."""
    key = stem_key(language)
    return " ".join(sorted(f"{key}{STEM_MARK}{stem}" for stem in stems(text, language)))


class StemIndex:
    def __init__(self, postings, summary_languages=()):
        self.postings = postings  # {language: {stem: sorted ids}}
        # The languages of the summaries, by stemmer: the databases index their stems.
        self.summary_languages = {stem_key(language): language for language in summary_languages}

    def __bool__(self):
        return bool(self.postings) or bool(self.summary_languages)

    def ids(self, word):
        """The ids of the events whose original title has a word with the stem of `word` in
        the title's language (ascending)."""
        found = [
            postings[stem]
            for language, postings in self.postings.items()
            for stem in stems(word, language)
            if stem in postings
        ]
        if not found:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.concatenate(found))

    def summary_forms(self, word):
        """The index tokens of `word` stemmed by each language of the original summaries, as
        forms of a term (one word each): "nabavke" -> ("serbian0nabavk",) when summaries in
        Serbian exist."""
        forms = {
            f"{key}{STEM_MARK}{stem}"
            for key, language in self.summary_languages.items()
            for stem in stems(word, language)
        }
        return tuple((form,) for form in sorted(forms))


def refresh_original_stems(events=None):
    """Recompute `original_stems` of every event that has an original summary or stems (after
    a bulk load, by `rebuild_index()` and the migration that added the column; a save computes
    its own). `events`: the model's manager (a migration's historical model). Returns the
    number of events changed. Only the events with original texts are read and written."""
    from django.db.models import Q

    if events is None:
        from ..models import Event

        events = Event.objects
    rows = events.filter(~Q(original_summary="") | Q(original_stems__isnull=False)).values_list(
        "id", "original_summary", "original_language__code", "original_stems"
    )
    changed = 0
    for pk, summary, language, current in rows.iterator(chunk_size=2000):
        tokens = (stem_tokens(summary, language) or None) if language in LANGUAGES else None
        if tokens != current:
            events.filter(pk=pk).update(original_stems=tokens)
            changed += 1
    return changed


def read_stem_index():
    from ..models import Event

    postings = defaultdict(lambda: defaultdict(list))
    rows = (
        Event.objects.exclude(original_title="")
        .filter(original_language__code__in=LANGUAGES)
        .values_list("id", "original_title", "original_language__code")
    )
    for pk, title, language in rows.iterator(chunk_size=2000):
        for stem in stems(title, language):
            postings[language][stem].append(pk)
    summary_languages = (
        Event.objects.exclude(original_summary="")
        .filter(original_language__code__in=LANGUAGES)
        .values_list("original_language__code", flat=True)
        .distinct()
    )
    return StemIndex(
        {
            language: {stem: np.unique(np.array(ids, dtype=np.int64)) for stem, ids in by.items()}
            for language, by in postings.items()
        },
        summary_languages=list(summary_languages),
    )


_lock = threading.Lock()
_cache = {"version": None, "index": None}


def stem_index(version=None):
    """The stems of the original titles, current with the events (`version`: the events'
    version when the caller has read it)."""
    from ..queries.facet_index import events_version

    version = events_version() if version is None else version
    with _lock:
        if _cache["index"] is None or _cache["version"] != version:
            _cache.update(version=version, index=read_stem_index())
        return _cache["index"]


def forget():
    with _lock:
        _cache.update(version=None, index=None)
