"""Wide tables scroll inside their own region, without JavaScript.

Every <table> of a page's <main> that is not already in a `.table-scroll` is wrapped on the
server in `<div class="table-scroll" role="region" tabindex="0" aria-label...>`, named after
the table's caption (by its id, or its text) or "Table" without one; the table is unchanged.
site.css makes the region scroll sideways (the page never does, on a 390 px phone) and keeps
the first column in view; tabindex lets a keyboard reach and scroll it (axe's
scrollable-region-focusable). Done once for every page here rather than in each template;
site.js leaves these tables alone.
"""

import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.translation import gettext

TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL | re.IGNORECASE)
CAPTION = re.compile(r"<caption\b([^>]*)>(.*?)</caption>", re.IGNORECASE | re.DOTALL)
ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
ALREADY_WRAPPED = re.compile(r"""<div\b[^>]*\bclass=["'][^"']*\btable-scroll\b[^>]*>\s*$""")
# A template's plain wrapper (no role): made a named, focusable region like the others.
BARE_WRAPPER = re.compile(r"""<div class=["']table-scroll["']>(\s*)$""")
LABELLED_BY = re.compile(r"""^<table\b[^>]*\baria-labelledby=["']([^"']+)["']""", re.IGNORECASE)
MAIN = re.compile(r"(<main\b[^>]*>)(.*)(</main>)", re.DOTALL | re.IGNORECASE)


def wrap_tables(html: str) -> str:
    """`html` with each table of its <main> in a named, focusable scroll region (see above)."""
    main = MAIN.search(html)
    if main is None or "<table" not in main.group(2).lower():
        return html
    body, pieces, last = main.group(2), [], 0
    for match in TABLE.finditer(body):
        before = body[last : match.start()]
        pieces.append(before)
        table = match.group()
        bare = BARE_WRAPPER.search(before)
        if bare:
            table, name = _named(table)
            pieces[-1] = before[: bare.start()] + _region(name) + bare.group(1)
            pieces.append(table)
        elif ALREADY_WRAPPED.search(body[max(0, match.start() - 400) : match.start()]):
            pieces.append(table)
        else:
            table, name = _named(table)
            pieces.append(f"{_region(name)}{table}</div>")
        last = match.end()
    pieces.append(body[last:])
    return html[: main.start(2)] + "".join(pieces) + html[main.end(2) :]


def _region(name):
    return f'<div class="table-scroll" role="region" tabindex="0" {name}>'


def _named(table):
    """The table as it is and the attribute naming its region: the table's own
    aria-labelledby, its caption's id, else its caption's text, else "Table"."""
    labelled_by = LABELLED_BY.search(table)
    if labelled_by:
        return table, f'aria-labelledby="{labelled_by.group(1)}"'
    caption = CAPTION.search(table)
    if caption is None:
        label = gettext("Table")
        return table, f'aria-label="{escape(label)}"'
    found = ID.search(caption.group(1))
    if found:
        return table, f'aria-labelledby="{found.group(1)}"'
    text = " ".join(unescape(strip_tags(caption.group(2))).split())
    return table, f'aria-label="{escape(text)}"'


class TableScrollMiddleware:
    """Wraps the tables of every HTML page (not the admin's, which has its own layout)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith("/admin/")
            and b"<table" in response.content
        ):
            charset = response.charset or "utf-8"
            response.content = wrap_tables(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
