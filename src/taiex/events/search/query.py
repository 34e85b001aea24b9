"""A person's words as search terms. Plain words are optional terms: the more of them an event
matches, and the rarer they are, the higher it ranks. A quoted phrase must match, words in
that order; a word or phrase with a leading minus must not match.

Each term has forms, any of which may match: the word, its other spellings and related forms
(`spelling.py`), and, once the search has seen the index's vocabulary, its compound parts or
the compound of two adjacent words and the correction of a typo (`vocabulary.py`). A form is
a tuple of words: one word, or a phrase."""

import re
from dataclasses import dataclass, field, replace

from .spelling import spelling_forms
from .text import STOP_WORDS, WORD, fold

MAX_TERMS = 12
# A quoted phrase, with or without its closing quote, or a word; a leading minus excludes it.
TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Term:
    typed: str  # as typed, folded ("procurment"; a phrase's words joined by spaces)
    forms: tuple[tuple[str, ...], ...]  # each form: one word, or a phrase's words

    def words(self):
        return {word for form in self.forms for word in form}


@dataclass(frozen=True)
class SearchQuery:
    """`terms` rank (any may match), `phrases` must match, `excluded` must not. `corrections`
    are the typos replaced ((typed, shown)); `suggestion` is a query that would find many more
    events ("Did you mean"), or ""."""

    terms: tuple[Term, ...] = ()
    phrases: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()
    corrections: tuple[tuple[str, str], ...] = ()
    suggestion: str = ""
    exact: bool = False  # the person asked for their words as typed (no correction)
    text: str = field(default="", compare=False)

    def __bool__(self):
        return bool(self.terms or self.phrases)

    @property
    def groups(self):
        """Every form of every term that matches, for highlighting (a phrase as its words)."""
        return tuple(
            tuple(word for form in term.forms for word in form)
            for term in (*self.terms, *self.phrases)
        )

    def stems(self):
        """The light stems of every form (`text.light_stem`): what highlighting marks. Computed
        once per query (a result page highlights its 20 titles and snippets with them)."""
        stems = self.__dict__.get("_stems")
        if stems is None:
            from .text import light_stem

            stems = frozenset(light_stem(word) for group in self.groups for word in group)
            object.__setattr__(self, "_stems", stems)  # frozen: set once, like a cache
        return stems

    def corrected_text(self):
        """The text as searched: the typed text with each correction made."""
        text = self.text
        for typed, shown in self.corrections:
            text = re.sub(rf"(?i)\b{re.escape(typed)}\b", shown, fold(text))
        return text

    def with_corrections(self, terms, corrections):
        return replace(self, terms=terms, corrections=corrections)


def words_of(text):
    return [word for word in WORD.findall(fold(text)) if word not in STOP_WORDS]


def term_of(word):
    return Term(typed=word, forms=tuple((form,) for form in spelling_forms(word)))


def phrase_of(words):
    return Term(typed=" ".join(words), forms=(tuple(words),))


def parse_query(text: str, *, exact: bool = False) -> SearchQuery:
    terms, phrases, excluded, seen = [], [], [], set()
    for minus, quoted, word_minus, bare in TOKEN.findall(text or ""):
        if quoted:
            # Inside quotes every word counts, stop words included: "rules of origin".
            words = WORD.findall(fold(quoted))
            if not words:
                continue
            (excluded if minus else phrases).append(
                phrase_of(words) if len(words) > 1 else term_of(words[0])
            )
            continue
        words = words_of(bare)
        if word_minus and words:
            excluded.append(phrase_of(words) if len(words) > 1 else term_of(words[0]))
            continue
        for word in words:
            if word not in seen:
                seen.add(word)
                terms.append(term_of(word))
    return SearchQuery(
        terms=tuple(terms[:MAX_TERMS]),
        phrases=tuple(phrases[:MAX_TERMS]),
        excluded=tuple(excluded[:MAX_TERMS]),
        exact=exact,
        text=text or "",
    )
