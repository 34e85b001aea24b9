"""Turning free text into comparable terms: lowercased words without stop words, lightly
stemmed so that "procedures" meets "procedure" and "policies" meets "policy"."""

import re
from functools import lru_cache

WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)

STOP_WORD_TEXT = """
    about above after again against all also among and any are around as at based be because
    been before being between both but by can could did do does doing during each either etc
    eu european few for from further had has have having her here his how including into its
    itself just more most must new not now off once only other our out over own per same
    shall should some such than that the their them then there these they this those through
    under until upon very was were what when where which while who whom why will with within
    without would you your member state states national level practice practices experience
    share sharing support supporting work working area areas field fields issue issues
    practitioner practitioners administration administrations expert experts expertise
    official officials public peer peers technical assistance
"""
# The last lines are words every request and every profile of this instrument uses ("experts
# from a Member State administration"): matching on them would propose anybody.
STOP_WORDS = frozenset(STOP_WORD_TEXT.split())


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light suffix stripper: plurals, -ing, -ed and a final -e (enough for matching profiles
    against requests written in the same administrative English)."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def terms_of(*texts: str) -> set[str]:
    """The distinct stemmed terms of `texts`, stop words left out."""
    terms = set()
    for text in texts:
        if text:
            for word in WORD.findall(text.lower()):
                if word not in STOP_WORDS:
                    terms.add(stem(word))
    return terms


def words_by_term(*texts: str) -> dict[str, str]:
    """Each term of `texts` with the first word that produced it (to show a person readable
    words rather than stems)."""
    found: dict[str, str] = {}
    for text in texts:
        for word in WORD.findall((text or "").lower()):
            if word not in STOP_WORDS:
                found.setdefault(stem(word), word)
    return found
