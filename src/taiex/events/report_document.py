"""The expert mission report as a PDF (WeasyPrint): the mission's facts, its experts and its
sections (the three ordinary ones, or a peer review's own), marked as not accepted until staff
accept it."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML

from .queries.reports import experts_of_mission
from .services.reports import is_peer_review, sections_of


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
        "is_peer_review": is_peer_review(event),
        "sections": [(label, getattr(report, name)) for name, label in sections_of(event).items()],
    }
    html = render_to_string("events/reports/pdf/report.html", context)
    stylesheet = CSS(string=render_to_string("events/reports/pdf/report.css"))
    return HTML(string=html, url_fetcher=refuse_fetch).write_pdf(stylesheets=[stylesheet])
