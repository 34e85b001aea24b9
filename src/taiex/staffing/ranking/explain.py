"""Words for the ranking: the names of the score parts, how they are earned, and dates as a
person writes them ("3-5 March 2026")."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PART_LABELS = {
    "expertise": _("Expertise"),
    "field": _("Field"),
    "chapters": _("Chapters"),
    "language": _("Language"),
    "load": _("Recent load"),
    "evaluations": _("Evaluations"),
}

PART_HELP = {
    "expertise": _(
        "Up to 60 points: the request's terms found in the expert's expertise and "
        "keywords, rarer terms weigh more; terms of the title and expertise wished count double, "
        "terms of sentences that give background a quarter, terms put out of scope nothing; "
        "language names and words such as specialist or workshop are not expertise."
    ),
    "field": _(
        "Up to 15 points: how close the expert's profile is to the request in the EU's "
        "thesaurus EuroVoc (15 times the similarity of their fields), so that a profile in other "
        "words than the request's still counts."
    ),
    "chapters": _(
        "Up to 10 points: the share of the request's chapters the expert covers (a "
        "chapter alone never outweighs an expertise that fits clearly better)."
    ),
    "language": _(
        "A working language at C1 adds 5 points, at C2 8 points (below the dated "
        "minimum level, C1 by default, an expert is not proposed)."
    ),
    "load": _(
        "Minus 5 points per accepted invitation on events in the 12 months before this one "
        "(at most minus 25), to spread the invitations."
    ),
    "evaluations": _(
        "From minus 10 to plus 10 points: how participants rated the expert on past "
        "events (5 times the average rating minus 3, so excellent on average adds 10 and poor "
        "takes 10), only from 5 ratings on; an expert with fewer ratings gets 0, never less."
    ),
}


TIE_BREAK_HELP = _(
    "Between experts with the same score, those from a Member State the applicant prefers come "
    "first; the preference never puts an expert above one with a higher score."
)


def date_span(start: date | None, end: date | None) -> str:
    """`3 March 2026`, `3-5 March 2026`, `30 March-2 April 2026`, `30 December 2026-2 January
    2027`, or `dates not set`."""
    if start is None:
        return gettext("dates not set")
    end = end or start
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')}-{date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')}-{date_format(end, 'j F Y')}"


def names_joined(names: list[str]) -> str:
    """`Arabic`, `Arabic or French`, `Arabic, English or French`."""
    if len(names) <= 1:
        return "".join(names)
    return gettext("%(names)s or %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
