"""Public pages: the front page, the search of implemented events (with facets, downloads in
CSV, XLSX and JSON), an event's page, the ICS of upcoming events and the open-data catalogue."""

import json
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from taiex.core.csv_export import csv_response
from taiex.events.queries import (
    event_by_public_reference,
    latest_implemented_events,
    public_key_figures,
)
from taiex.events.queries.search import (
    facet_counts,
    search_events,
    upcoming_public_events,
)
from taiex.events.search import highlight, snippet
from taiex.reference.models import Country
from taiex.reference.templatetags.countries import collect_footnotes

from . import downloads
from .forms import SORT_CHOICES, PublicSearchForm

PAGE_SIZE = 20
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def index(request):
    context = {
        "figures": public_key_figures(),
        "latest_events": latest_implemented_events(),
    }
    return render(request, "portal/index.html", context)


class Result:
    """An event of a result page with its title and snippet highlighted."""

    def __init__(self, event, query):
        self.event = event
        self.title = highlight(event.title, query)
        self.snippet = snippet(
            [event.summary, event.title, event.beneficiary_institutions, event.place,
             event.legislation],
            query,
        )  # fmt: skip


FACET_TITLES = [
    ("country", gettext_lazy("Beneficiary")),
    ("year", gettext_lazy("Year")),
    ("type", pgettext_lazy("event type", "Type")),
    ("kind", gettext_lazy("Kind of expert mission")),
    ("modality", gettext_lazy("Modality")),
    ("window", pgettext_lazy("funding window", "Window")),
    ("cluster", gettext_lazy("Cluster")),
    ("chapter", gettext_lazy("Chapter")),
]


def toggled(request, name, value):
    """The query string of this page with `value` of facet `name` added or removed, back on
    its first page."""
    pairs = getattr(request, "_toggle_pairs", None)
    if pairs is None:
        # Each (name, values) of the address once per request, without the page: a page has
        # a few hundred facet links, and copying the QueryDict for each was a tenth of its time.
        pairs = [(key, values) for key, values in request.GET.lists() if key != "page"]
        request._toggle_pairs = pairs
    changed, found = [], False
    for key, values in pairs:
        if key == name:
            found = True
            chosen = [v for v in values if v != value] if value in values else [*values, value]
            changed.append((key, chosen))
        else:
            changed.append((key, values))
    if not found:
        changed.append((name, [value]))
    return "?" + urlencode([(key, v) for key, values in changed for v in values])


# What a result of the search page shows (Result and the template): not the chapters, the
# host, the series or the original-language texts that `with_public_columns` fetches, nor the
# long columns of the event (on PostgreSQL its search document).
RESULT_COLUMNS = (
    "reference",
    "event_type",
    "title",
    "summary",
    "beneficiary_institutions",
    "place",
    "legislation",
    "start_date",
    "end_date",
    "beneficiary",
)


def result_rows(events):
    return (
        events.select_related("beneficiary")
        .prefetch_related("other_beneficiaries")
        .only(*RESULT_COLUMNS)
    )


def event_list(request):
    """The public search: words, facets with counts (combinable), sort, pages; every page is a
    GET address that can be shared."""
    form = PublicSearchForm(request.GET)
    filters = form.to_filters()
    results = search_events(filters, rows=result_rows)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = facet_counts(filters, results)
    query = results.query  # as searched: with its corrections
    page.object_list = [Result(event, query) for event in page.object_list]
    facet_groups, chosen = [], []
    for name, title in FACET_TITLES:
        values = getattr(facets, name)
        for value in values:
            value.toggle = toggled(request, name, value.value)
            if value.is_selected:
                chosen.append((title, value))
        if values:
            facet_groups.append(
                {
                    "name": name,
                    "title": title,
                    "values": values,
                    "subgroups": facets.country_groups if name == "country" else None,
                }
            )
    # Facet labels are plain text: Kosovo* and Palestine** get their footnotes in the footer.
    collect_footnotes(
        request,
        [
            Country(code=value.value, name=value.label, official_footnote=value.footnote)
            for value in facets.country
            if value.footnote
        ],
    )
    data_query = query_without_page(request)
    context = {
        "form": form,
        "filters": filters,
        "page_obj": page,
        "facet_groups": facet_groups,
        "chosen": chosen,
        "sort_choices": SORT_CHOICES,
        # The sort asked for (relevance by default), so that words typed on the first page
        # are ranked rather than sorted by the date shown when there are no words.
        "current_sort": filters.sort,
        "download_query": f"?{data_query}" if data_query else "",
        **corrections_of(request, query),
    }
    return render(request, "portal/event_list.html", context)


def corrections_of(request, query):
    """What the page says about the words: the corrected query and a link to the words as
    typed ("Showing results for procurement. Search instead for procurment"), or a query that
    finds far more ("Did you mean ..."), each a link to this page with the other filters."""
    context = {}

    def address(words, **extra):
        data = request.GET.copy()
        data.pop("page", None)
        data.pop("exact", None)
        data["q"] = words
        for name, value in extra.items():
            data[name] = value
        return "?" + data.urlencode()

    if query.corrections:
        context["corrected_q"] = query.corrected_text()
        context["typed_q"] = query.text
        context["typed_address"] = address(query.text, exact="1")
    if query.suggestion:
        context["suggested_q"] = query.suggestion
        context["suggested_address"] = address(query.suggestion)
    return context


def query_without_page(request):
    data = request.GET.copy()
    data.pop("page", None)
    return data.urlencode()


def all_results(request):
    """Every event of the search, with its interpretation pairs (for the downloads)."""
    return downloads.with_interpretation(
        search_events(PublicSearchForm(request.GET).to_filters()).iterate()
    )


def event_export(request):
    """The search result as CSV: the same GET parameters as the page, every page."""
    rows = (downloads.event_row(event) for event in all_results(request))
    return csv_response("implemented-events.csv", downloads.HEADER, rows)


def event_export_xlsx(request):
    content = downloads.xlsx_bytes(downloads.event_row(event) for event in all_results(request))
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="implemented-events.xlsx"'
    return response


def event_export_json(request):
    events = [downloads.event_json(event) for event in all_results(request)]
    response = JsonResponse({"count": len(events), "events": events})
    response["Content-Disposition"] = 'attachment; filename="implemented-events.json"'
    return response


def upcoming_ics(request):
    """Confirmed events that have not ended, as a public calendar feed."""
    events = upcoming_public_events(timezone.localdate())
    content = downloads.upcoming_calendar(events, domain=request.get_host().split(":")[0])
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="taiex-upcoming-events.ics"'
    return response


def catalog(request):
    """The DCAT-AP description of the open data, in JSON-LD."""
    try:
        statistics = "portal:statistics" if reverse("portal:statistics") else None
    except NoReverseMatch:
        statistics = None
    body = downloads.catalog(request, statistics_url_name=statistics, issued=timezone.now())
    return HttpResponse(
        json.dumps(body, indent=2, ensure_ascii=False), content_type="application/ld+json"
    )


def open_data(request):
    return render(request, "portal/open_data.html")


def event_detail(request, reference):
    event = event_by_public_reference(reference, with_experts=True)
    if event is None:
        raise Http404("No implemented event has this reference.")
    return render(request, "portal/event_detail.html", {"event": event})
