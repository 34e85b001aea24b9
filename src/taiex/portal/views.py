"""Public pages: the front page, the catalogue of implemented events, an event's page."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from taiex.core.csv_export import csv_response
from taiex.events.queries import (
    countries_with_public_events,
    event_by_public_reference,
    implemented_events,
    latest_implemented_events,
    public_key_figures,
)
from taiex.reference.templatetags.countries import collect_footnotes

from .forms import PublicEventFilterForm

PAGE_SIZE = 25


def index(request):
    context = {
        "figures": public_key_figures(),
        "latest_events": latest_implemented_events(),
    }
    return render(request, "portal/index.html", context)


def public_filter_form(request):
    countries = list(countries_with_public_events())
    # The filter's options show Kosovo* and Palestine**; their footnotes go in the footer.
    collect_footnotes(request, countries)
    return PublicEventFilterForm(request.GET, countries=countries)


def event_list(request):
    form = public_filter_form(request)
    events = implemented_events(form.to_filters())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/event_list.html", {"form": form, "page_obj": page})


def names(countries):
    return "; ".join(country.name for country in countries)


def event_export(request):
    """The filtered catalogue as CSV: the same GET parameters as the list, every page."""
    events = implemented_events(public_filter_form(request).to_filters())
    header = [
        "reference", "type", "modality", "title", "summary", "legislation", "start_date",
        "end_date", "place", "beneficiary_code", "beneficiary", "other_beneficiaries", "window",
        "chapters", "beneficiary_institutions", "participants_count",
    ]  # fmt: skip
    rows = (
        [
            event.reference,
            event.get_event_type_display(),
            event.get_modality_display(),
            event.title,
            event.summary,
            event.legislation,
            event.start_date or "",
            event.end_date or "",
            event.place,
            event.beneficiary.code,
            event.beneficiary,
            names(event.other_beneficiaries.all()),
            event.window.name if event.window else "",
            "; ".join(str(chapter) for chapter in event.chapters.all()),
            event.beneficiary_institutions,
            "" if event.participants_count is None else event.participants_count,
        ]
        for event in events
    )
    return csv_response("implemented-events.csv", header, rows)


def event_detail(request, reference):
    event = event_by_public_reference(reference, with_experts=True)
    if event is None:
        raise Http404("No implemented event has this reference.")
    return render(request, "portal/event_detail.html", {"event": event})
