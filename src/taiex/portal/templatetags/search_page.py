"""Tags of the public search page: {% facet_values name values %} (the checkboxes of one
facet) and {% result_dates event %} (a result's dates, as events/_dates.html writes them).

A search page lists a few hundred facet values and 20 results; rendered by an included
template each, the facet values were about 40% of the page's CPU time and the results' dates
another 10% (profiles of the benchmark's searches at full history scale, docs/bench.md). The
same markup is built here in Python, byte for byte.
"""

import html
from functools import lru_cache

from django import template
from django.conf import settings
from django.template.defaultfilters import date
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, pgettext

register = template.Library()


@register.simple_tag
def facet_values(name, values):
    """The <li> of each of `values` (FacetValue) of facet `name`, escaped."""
    name = escape_text(name)
    grouped = settings.USE_THOUSAND_SEPARATOR
    language = get_language()
    items = []
    for value in values:
        code = escape_text(value.value)
        checked = " checked" if value.is_selected else ""
        count = localize(value.count) if grouped else str(value.count)
        items.append(
            f'<li>\n  <input type="checkbox" name="{name}" value="{code}" '
            f'id="facet-{name}-{code}"{checked}>\n  <label for="facet-{name}-{code}">'
            f'{escape_text(value.label)} <span class="muted">({count})</span>'
            f"{earlier(value.earlier, language) if value.earlier else ''}</label>\n</li>\n"
        )
    return mark_safe("".join(items))  # noqa: S308 - every value is escaped above


def escape_text(value):
    """`conditional_escape(value)` as a plain str, without the checks for lazy strings of
    Django's `escape` (a few hundred calls a page)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def earlier(periods, language):
    """A country's ended periods in another group (" <span ...>Enlargement until 30 June
    2013</span>"): as {% blocktranslate %} does, the window and the date escaped, the
    translation as it is."""
    return "".join(ended_period(str(window), end, language) for window, end in periods)


@lru_cache(maxsize=1024)
def ended_period(window, end, language):
    return (
        ' <span class="muted facet-earlier">'
        + gettext("%(window)s until %(end_date)s")
        % {"window": conditional_escape(window), "end_date": conditional_escape(date(end, "j F Y"))}
        + "</span>"
    )


@register.simple_tag
def result_dates(event):
    """The event's dates as events/_dates.html writes them."""
    return dates_html(event.start_date, event.end_date)


def dates_html(start, end):
    """The dates from `start` to `end` as events/_dates.html writes them, in the active
    language. Formatting a date is slow in Django (a twentieth of a search page when done for
    each result): the same dates come back page after page, so each is formatted once per
    language."""
    return _dates_html(start, end, get_language())


@lru_cache(maxsize=8192)
def _dates_html(start, end, language):
    if not start:
        return mark_safe(  # noqa: S308 - a translation of the catalogue, escaped
            f'<span class="muted">{conditional_escape(pgettext("dates", "not set"))}</span>'
        )
    if end and end != start:
        text = gettext(
            '<time datetime="%(start_iso)s">%(start)s</time> to '
            '<time datetime="%(end_iso)s">%(end)s</time>'
        ) % {
            "start": conditional_escape(date(start, "DATE_FORMAT")),
            "start_iso": conditional_escape(date(start, "Y-m-d")),
            "end": conditional_escape(date(end, "DATE_FORMAT")),
            "end_iso": conditional_escape(date(end, "Y-m-d")),
        }
        return mark_safe(text)  # noqa: S308 - the dates are escaped
    return mark_safe(  # noqa: S308 - the dates are escaped
        f'<time datetime="{conditional_escape(date(start, "Y-m-d"))}">'
        f"{conditional_escape(date(start, 'DATE_FORMAT'))}</time>"
    )
