"""Reading a request the way a case handler does: what it asks for weighs fully, what it
mentions as background weighs little, and what it puts out of scope weighs nothing.

Applicants write "Background: the customs reform finished in 2023" or "Labour inspection is out
of scope"; counted like the need, those words put the wrong expert first. The markers are plain
phrases of administrative English, checked per sentence; a term that also appears in a sentence
of the need keeps the need's weight."""

import re

from .terms import terms_of

SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n+")

OUT_OF_SCOPE = re.compile(
    r"\b(out of (the )?scope|outside (the |this |our )?(scope|request)|not (part of|in scope|"
    r"the (topic|subject|focus)|about|asking (about|for)|covered by this|included)|"
    r"(is|are) (handled|covered|dealt with|treated) (by|under|in) (another|other|a separate|an?"
    r" other)|(handled|covered) by another|excluded|not needed|no need for)\b",
    re.IGNORECASE,
)
BACKGROUND = re.compile(
    r"^\s*(background|context|history)\b|\bbackground only\b|\b(already|was|were) "
    r"(reformed|modernised|modernized|adopted|completed|finished|introduced|in place)\b|"
    r"\b(finished|completed) in \d{4}\b|\bin (19|20)\d\d\b.*\b(reformed|modernised|adopted)\b",
    re.IGNORECASE,
)

NEED = 1.0
BACKGROUND_WEIGHT = 0.25
OUT_OF_SCOPE_WEIGHT = 0.0


def sentences_of(text: str) -> list[str]:
    return [sentence for sentence in SENTENCE.split(text or "") if sentence.strip()]


def sentence_weight(sentence: str) -> float:
    """How much a sentence's terms count: out of scope 0, background a quarter, the need 1."""
    if OUT_OF_SCOPE.search(sentence):
        return OUT_OF_SCOPE_WEIGHT
    if BACKGROUND.search(sentence):
        return BACKGROUND_WEIGHT
    return NEED


def weighted_terms(texts_and_weights) -> dict[str, float]:
    """The terms of `(text, weight)` pairs, each at the highest weight it earns in any sentence
    (the field's weight times the sentence's); terms that earn nothing are left out."""
    found: dict[str, float] = {}
    for text, weight in texts_and_weights:
        for sentence in sentences_of(text):
            factor = weight * sentence_weight(sentence)
            for term in terms_of(sentence):
                if factor > found.get(term, -1.0):
                    found[term] = factor
    return {term: weight for term, weight in found.items() if weight > 0}
