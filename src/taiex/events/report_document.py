"""The expert mission report as a PDF (WeasyPrint): the mission's facts, its experts and the
three sections, marked as not accepted until staff accept it."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML

from .queries.reports import experts_of_mission


def refuse_fetch(url, *args, **kwargs):
    """The report is self-contained: text typed by the experts never makes the renderer fetch a
    file or an address."""
    raise ValueError(f"The mission report loads no resources ({url}).")


def mission_report_pdf(event, report):
    context = {
        "event": event,
        "report": report,
        "experts": experts_of_mission(event),
        "issued_on": timezone.localdate(),
    }
    html = render_to_string("events/reports/pdf/report.html", context)
    stylesheet = CSS(string=render_to_string("events/reports/pdf/report.css"))
    return HTML(string=html, url_fetcher=refuse_fetch).write_pdf(stylesheets=[stylesheet])
