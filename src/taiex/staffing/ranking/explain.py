"""Words for the ranking: the names of the score parts, how they are earned, and dates as a
person writes them ("3-5 March 2026")."""

from datetime import date

PART_LABELS = {
    "expertise": "Expertise",
    "chapters": "Chapters",
    "language": "Language",
    "preference": "Preferred Member State",
    "load": "Recent load",
    "evaluations": "Evaluations",
}

PART_HELP = {
    "expertise": "Up to 60 points: the request's terms found in the expert's expertise and "
    "keywords, rarer terms weigh more; terms of the title and expertise wished count double.",
    "chapters": "Up to 25 points: the share of the request's chapters the expert covers.",
    "language": "A working language at C1 adds 5 points, at C2 8 points (B2 is the minimum).",
    "preference": "10 points when the applicant prefers the expert's Member State.",
    "load": "Minus 5 points per accepted invitation on events in the 12 months before this one "
    "(at most minus 25), to spread the invitations.",
    "evaluations": "Not scored yet: past evaluations of the expert will count once the "
    "evaluations module records them.",
}


def date_span(start: date | None, end: date | None) -> str:
    """`3 March 2026`, `3-5 March 2026`, `30 March-2 April 2026`, `30 December 2026-2 January
    2027`, or `dates not set`."""
    if start is None:
        return "dates not set"
    end = end or start
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B}-{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y}-{end.day} {end:%B %Y}"


def names_joined(names: list[str], *, word: str = "or") -> str:
    """`Arabic`, `Arabic or French`, `Arabic, English or French`."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"
