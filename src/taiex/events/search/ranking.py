"""How an event's match is scored, the same on both databases: the backends say, for each
term, which events match it and in which field at best; the score is computed here.

An event's rank: first the number of terms it matches (all the words first, then most of
them), then the sum over its terms of the term's rarity (BM25's inverse document frequency)
times the weight of the best field it matches in (`WEIGHTS`), then the newest first. Events
matching fewer than half of the terms (of four or more) are left out, unless that leaves
nothing. Quoted phrases must match and count like terms; excluded terms remove events."""

import math
from dataclasses import dataclass

import numpy as np

from .query import SearchQuery, Term, term_of
from .spelling import spelling_forms
from .text import light_stem

# Field classes, best first: 0 title, keywords, original title, places and countries;
# 1 summaries; 2 beneficiary institutions; 3 legislation.
WEIGHTS = np.array([1.0, 0.5, 0.4, 0.25])
SUGGEST_RATIO = 10  # "Did you mean": a close word used by ten times as many events
RARE = 2  # ... by a word of the query used by at most this many events
PREFIX_FROM = 4  # a word this long that matches nothing is tried as the start of words
MANY_TERMS = 4  # from this many terms that match, an event must match half of them


@dataclass
class Hits:
    query: SearchQuery  # as searched: with its corrections and suggestion
    ids: np.ndarray  # the events found, ascending
    matched: np.ndarray  # for each, the number of terms (and phrases) it matches
    score: np.ndarray

    def order(self, ids, recency):
        """`ids` (a subset of self.ids, as an array) in rank order; `recency[i]` orders ids[i]
        by date (smaller: newer)."""
        where = np.searchsorted(self.ids, ids)
        keys = (recency, -self.score[where], -self.matched[where])
        return ids[np.lexsort(keys)]


def hits_of(backend, term):
    ids, classes = backend.term_hits(term)
    return np.asarray(ids, dtype=np.int64), np.asarray(classes, dtype=np.int64)


def expanded(query: SearchQuery, vocabulary):
    """`query` with compounds joined ("health care" -> also "healthcare") and split
    ("crossborder" -> also "cross border") where the vocabulary has them."""
    terms, skip = [], False
    single = [len(term.forms[0]) == 1 for term in query.terms]
    for i, term in enumerate(query.terms):
        if skip:
            skip = False
            continue
        following = query.terms[i + 1] if i + 1 < len(query.terms) else None
        if following is not None and single[i] and single[i + 1]:
            joined = term.typed + following.typed
            if joined in vocabulary:
                forms = (
                    (term.typed, following.typed),
                    *((form,) for form in spelling_forms(joined)),
                )
                terms.append(Term(typed=f"{term.typed} {following.typed}", forms=forms))
                skip = True
                continue
        terms.append(with_parts(term, vocabulary) if single[i] else term)
    return SearchQuery(
        terms=tuple(terms),
        phrases=query.phrases,
        excluded=query.excluded,
        exact=query.exact,
        text=query.text,
    )


def with_parts(term, vocabulary):
    """`term` with its parts as a phrase when it is a compound whose parts are each more used
    than or as much as it ("crossborder" -> also "cross border"; "workshop" stays as it is)."""
    if len(term.typed) < 8:
        return term
    parts = vocabulary.split(term.typed)
    if parts and vocabulary.frequency(term.typed) <= min(map(vocabulary.frequency, parts)):
        return Term(typed=term.typed, forms=(*term.forms, parts))
    return term


def with_stems(hits, term, stems):
    """`hits` (ids, classes) of `term` and the events whose original title has the word's stem
    in the title's language (class 0, the title's)."""
    if not stems or len(term.forms[0]) != 1:
        return hits
    extra = stems.ids(term.typed)
    extra = extra[~np.isin(extra, hits[0])]
    if not len(extra):
        return hits
    ids = np.concatenate([hits[0], extra])
    classes = np.concatenate([hits[1], np.zeros(len(extra), dtype=np.int64)])
    order = np.argsort(ids, kind="stable")
    return ids[order], classes[order]


def with_summary_stems(term, stems):
    """`term` as the backends search it: a word also as its stems in the languages of the
    original summaries, which the databases index as tokens (`stemming.stem_tokens`), so that
    "nabavke" finds a Serbian summary that says "nabavkama"."""
    if not stems or len(term.forms[0]) != 1 or term.forms[0][0].endswith("*"):
        return term
    extra = stems.summary_forms(term.typed)
    return Term(typed=term.typed, forms=(*term.forms, *extra)) if extra else term


def find(query: SearchQuery, backend, *, vocabulary=None, total=1, stems=None):
    """The events that match `query` with their scores (`total`: the number of events, for
    the rarity of terms). With a vocabulary, a term that matches nothing is corrected to the
    closest indexed word and the query may get a suggestion. `stems`: the stems of the
    original-language titles (`stemming.StemIndex`), which match a word in another form, and the
    languages of the original summaries, whose stems the databases index."""
    if vocabulary is not None and not query.exact:
        query = expanded(query, vocabulary)
    found = [
        with_stems(hits_of(backend, with_summary_stems(term, stems)), term, stems)
        for term in query.terms
    ]
    corrections, terms = [], list(query.terms)
    if vocabulary is not None and not query.exact:
        for i, term in enumerate(terms):
            if len(term.forms[0]) != 1 or term.typed in vocabulary:
                continue
            if len(found[i][0]):
                # Found only through stemming ("procurment" and "procurement" share the
                # stem "procur"): corrected, and said so, unless it is another form of the
                # same word ("migrants" where the texts say "migrant").
                closest = vocabulary.closest(term.typed)
                if not closest or light_stem(closest) == light_stem(term.typed):
                    continue
                parts = None
            else:
                parts = vocabulary.split(term.typed)
                closest = None if parts else vocabulary.closest(term.typed)
                if not parts and not closest and len(term.typed) >= PREFIX_FROM:
                    # A partial word: "азил" finds "азила" (no stemmer for Serbian).
                    terms[i] = Term(typed=term.typed, forms=((term.typed + "*",),))
                    found[i] = hits_of(backend, terms[i])
                    continue
            if parts:
                replacement = Term(typed=term.typed, forms=(parts,))
            elif closest:
                replacement = with_parts(term_of(closest), vocabulary)
                corrections.append((term.typed, closest))
            else:
                continue
            terms[i] = replacement
            found[i] = hits_of(backend, replacement)
    query = query.with_corrections(tuple(terms), tuple(corrections))
    if vocabulary is not None and not query.exact and not corrections:
        query = with_suggestion(query, found, vocabulary)

    required = [hits_of(backend, phrase) for phrase in query.phrases]
    parts = [*found, *required]
    if not parts:
        return Hits(query, *(np.zeros(0, dtype=dtype) for dtype in (np.int64, np.int64, float)))
    all_ids = np.concatenate([ids for ids, _ in parts])
    gains = np.concatenate([rarity(len(ids), total) * WEIGHTS[classes] for ids, classes in parts])
    ids, inverse = np.unique(all_ids, return_inverse=True)
    matched = np.bincount(inverse, minlength=len(ids))
    score = np.bincount(inverse, weights=gains, minlength=len(ids))
    keep = np.ones(len(ids), dtype=bool)
    for phrase_ids, _ in required:
        keep &= np.isin(ids, phrase_ids)
    for term in query.excluded:
        keep &= ~np.isin(ids, hits_of(backend, term)[0])
    searched = sum(1 for term_ids, _ in found if len(term_ids))
    if searched >= MANY_TERMS:
        enough = keep & (matched >= math.ceil(searched / 2) + len(required))
        if enough.any():
            keep = enough
    return Hits(query, ids[keep], matched[keep], score[keep])


def rarity(found, total):
    """BM25's inverse document frequency of a term that `found` of `total` events match."""
    return math.log(1 + (max(total, found) - found + 0.5) / (found + 0.5))


def with_suggestion(query, found, vocabulary):
    """A "Did you mean" query when a word of `query` is rare and a close word is far more
    used ("enviroment", misspelt in one summary, against "environment")."""
    text, changed = query.text, False
    for term, (ids, _) in zip(query.terms, found, strict=True):
        if len(term.forms[0]) != 1 or not 0 < len(ids) <= RARE:
            continue
        closest = vocabulary.closest(term.typed, at_least=SUGGEST_RATIO * len(ids))
        if closest:
            text = replace_word(text, term.typed, closest)
            changed = True
    if not changed:
        return query
    from dataclasses import replace

    return replace(query, suggestion=text)


def replace_word(text, word, other):
    import re

    from .text import fold

    return re.sub(rf"\b{re.escape(word)}\b", other, fold(text))
