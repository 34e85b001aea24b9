"""Keywords suggested to the staff who edit an event's keywords, from two sources, offline:

- EuroVoc descriptors (the EU's controlled vocabulary, shipped as data: `reference.eurovoc`)
  whose every word appears, in some form, in the event's title, summary or legislation
  ("public procurement" for a workshop on procurement in the public sector);
- the keywords most used by similar public events: those the search finds for the words of
  the event's title (`SIMILAR_EVENTS` best ranked).

The staff copy those that fit: nothing is added by itself."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from taiex.reference.eurovoc import descriptors
from taiex.reference.keywords import split_keywords

from .. import search
from ..search.text import STOP_WORDS, WORD, light_stem
from . import public_events
from .similar import any_word_of

SIMILAR_EVENTS = 20
LIMIT = 8  # suggestions of each source


@dataclass(frozen=True)
class KeywordSuggestions:
    eurovoc: list[str]  # descriptors, those of most words first
    similar: list[tuple[str, int]]  # (keyword, number of similar events that have it)

    def __bool__(self):
        return bool(self.eurovoc or self.similar)


def stems_of(text):
    return frozenset(
        light_stem(word) for word in WORD.findall(text) if word.lower() not in STOP_WORDS
    )


@cache
def descriptor_stems():
    """Each descriptor with the stems of its words (computed once per process)."""
    return [(label, stems) for label in descriptors() if (stems := stems_of(label))]


def eurovoc_suggestions(event, taken):
    words = stems_of(" ".join([event.title, event.summary, event.legislation]))
    found = [
        (len(stems), label)
        for label, stems in descriptor_stems()
        if stems <= words and label.casefold() not in taken
    ]
    found.sort(key=lambda pair: (-pair[0], pair[1].casefold()))
    return [label for _, label in found[:LIMIT]]


def similar_suggestions(event, taken):
    query = any_word_of(event.title)
    if not query:
        return []
    candidates = public_events().exclude(pk=event.pk).exclude(keywords="")
    ids = search.ranked_ids(candidates, query, limit=SIMILAR_EVENTS)
    counts, spellings = Counter(), defaultdict(Counter)
    for keywords in candidates.filter(pk__in=ids).values_list("keywords", flat=True):
        for keyword in split_keywords(keywords):
            key = keyword.casefold()
            if key not in taken:
                counts[key] += 1
                spellings[key][keyword] += 1
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    # Each keyword as most events write it; lower case among equals.
    return [
        (min(spellings[key], key=lambda form: (-spellings[key][form], form != key, form)), count)
        for key, count in ranked[:LIMIT]
    ]


def keyword_suggestions(event) -> KeywordSuggestions:
    """What to suggest for `event`'s keywords (not those it already has)."""
    taken = {keyword.casefold() for keyword in split_keywords(event.keywords)}
    return KeywordSuggestions(
        eurovoc=eurovoc_suggestions(event, taken), similar=similar_suggestions(event, taken)
    )
