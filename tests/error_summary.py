"""Reading the error summary (core/_error_summary.html) and the field errors of a page."""

from html.parser import HTMLParser


class _SummaryParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.summaries = []  # each: {"attrs": {...}, "title": str, "items": [(href, text)]}
        self.field_errors = {}  # "id_title" -> [messages]
        self._depth = 0  # inside the summary's <div>
        self._in_title = False
        self._item = None
        self._href = ""
        self._error_list = None
        self._error_text = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._depth:
            if tag == "div":
                self._depth += 1
            elif tag == "h2":
                self._in_title = True
            elif tag == "li":
                self._item, self._href = [], ""
            elif tag == "a" and self._item is not None:
                self._href = attrs.get("href", "")
            return
        if tag == "div" and "data-error-summary" in attrs:
            self._depth = 1
            self.summaries.append({"attrs": attrs, "title": "", "items": []})
        elif tag == "ul" and (attrs.get("id") or "").endswith("_error"):
            self._error_list = attrs["id"].removesuffix("_error")
            self.field_errors.setdefault(self._error_list, [])
        elif tag == "li" and self._error_list:
            self._error_text = []

    def handle_endtag(self, tag):
        if self._depth:
            if tag == "div":
                self._depth -= 1
            elif tag == "h2":
                self._in_title = False
            elif tag == "li" and self._item is not None:
                text = " ".join("".join(self._item).split())
                self.summaries[-1]["items"].append((self._href, text))
                self._item = None
            return
        if tag == "li" and self._error_text is not None:
            text = " ".join("".join(self._error_text).split()).removeprefix("Error: ")
            self.field_errors[self._error_list].append(text)
            self._error_text = None
        elif tag == "ul" and self._error_list:
            self._error_list = None

    def handle_data(self, data):
        if self._depth:
            if self._in_title:
                self.summaries[-1]["title"] += data.strip()
            elif self._item is not None:
                self._item.append(data)
        elif self._error_text is not None:
            self._error_text.append(data)


def parse(response_or_html):
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    parser = _SummaryParser()
    parser.feed(html)
    return parser


def summary_items(response_or_html):
    """[(href, text)] of the page's one error summary; [] when there is none."""
    summaries = parse(response_or_html).summaries
    assert len(summaries) <= 1, "a page has at most one error summary"
    if not summaries:
        return []
    summary = summaries[0]
    assert summary["title"] == "There is a problem"
    assert summary["attrs"].get("tabindex") == "-1"
    assert summary["attrs"].get("role") == "alert"
    return summary["items"]


def field_errors(response_or_html):
    """{"id_title": [messages]} of the error lists beside the fields."""
    return parse(response_or_html).field_errors
