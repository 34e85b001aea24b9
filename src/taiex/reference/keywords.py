"""Keywords of events and requests: free words and phrases, separated by semicolons, stored as
one text ("public procurement; remedies") so that the search indexes them like a title."""

from django.core.exceptions import ValidationError

MAX_KEYWORDS = 20
MAX_LENGTH = 80


def split_keywords(text):
    """The keywords of `text` (semicolons or new lines separate them), each once."""
    seen, keywords = set(), []
    for piece in (text or "").replace("\n", ";").split(";"):
        keyword = " ".join(piece.split())
        if keyword and keyword.casefold() not in seen:
            seen.add(keyword.casefold())
            keywords.append(keyword)
    return keywords


def clean_keywords(text):
    """`text` as stored ("a; b"), or a ValidationError that says what is too long."""
    keywords = split_keywords(text)
    if len(keywords) > MAX_KEYWORDS:
        raise ValidationError(
            f"Give at most {MAX_KEYWORDS} keywords (you gave {len(keywords)}).", code="too_many"
        )
    for keyword in keywords:
        if len(keyword) > MAX_LENGTH:
            raise ValidationError(
                f"“{keyword[:30]}…” is too long for a keyword: at most {MAX_LENGTH} characters.",
                code="too_long",
            )
    return "; ".join(keywords)
