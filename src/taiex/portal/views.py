"""Public pages: the front page, the search of implemented events (with facets, downloads in
CSV, XLSX and JSON), an event's page, the ICS of upcoming events and the open-data catalogue."""

import json
from types import SimpleNamespace
from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, pgettext_lazy

from taiex.core.csv_export import csv_response
from taiex.events.queries import (
    event_by_public_reference,
    latest_implemented_events,
    public_key_figures,
)
from taiex.events.queries.search import (
    beneficiaries_of,
    facet_counts,
    search_events,
    upcoming_public_events,
)
from taiex.events.search import highlight, snippet
from taiex.reference.enums import AssistanceType
from taiex.reference.models import Country
from taiex.reference.templatetags.countries import collect_footnotes
from taiex.reference.templatetags.countries import country as country_html

from . import downloads
from .forms import SORT_CHOICES, PublicSearchForm
from .templatetags.search_page import dates_html, escape_text

PAGE_SIZE = 20
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def index(request):
    context = {
        "figures": public_key_figures(),
        "latest_events": latest_implemented_events(),
    }
    return render(request, "portal/index.html", context)


class Result:
    """An event of a result page (a row of `RESULT_COLUMNS`) as the page shows it: its title
    and snippet highlighted, its address and its line of facts (reference, type, dates,
    beneficiaries, place), written here rather than by template tags for each result (a fifth
    of the page's time, docs/bench.md)."""

    def __init__(self, row, query, *, address, countries, context):
        self.event = SimpleNamespace(**row)  # its columns, as attributes
        self.title = highlight(row["title"], query)
        self.snippet = snippet(
            [row["summary"], row["title"], row["beneficiary_institutions"], row["place"],
             row["legislation"]],
            query,
        )  # fmt: skip
        self.address = address
        facts = [
            escape_text(row["reference"]),
            escape_text(AssistanceType(row["event_type"]).label),
            dates_html(row["start_date"], row["end_date"]),
            "".join(
                (", " if i else "") + country_html(context, each)
                for i, each in enumerate(countries)
            ),
        ]
        if row["place"]:
            facts.append(escape_text(row["place"]))
        self.facts = mark_safe(" · ".join(facts))  # noqa: S308 - each part escaped above


def results_of(request, rows, query, index):
    """The `rows` of a result page as `Result`s: their countries (main beneficiary first, then
    the others by name, as `event.other_beneficiaries.all` lists them) from the facet index's
    countries, their addresses from one reversed address."""
    countries = beneficiaries_of(index, [(row["id"], row["beneficiary_id"]) for row in rows])
    pattern = reverse("portal:event", args=[ADDRESS_PLACEHOLDER])
    context = {"request": request}
    return [
        Result(
            row,
            query,
            address=pattern.replace(
                ADDRESS_PLACEHOLDER, quote(row["reference"], safe=RFC3986_SUBDELIMS + "/~:@")
            ),
            countries=countries[row["id"]],
            context=context,
        )
        for row in rows
    ]


# Stands for a reference in the address of the event page, replaced by each result's own,
# quoted as `reverse` quotes it.
ADDRESS_PLACEHOLDER = "REFERENCE"


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


# What a result of the search page shows (Result): not the chapters, the host, the series or
# the original-language texts that `with_public_columns` fetches, nor the long columns of the
# event (on PostgreSQL its search document); values, not model instances.
RESULT_COLUMNS = (
    "id",
    "reference",
    "event_type",
    "title",
    "summary",
    "beneficiary_institutions",
    "place",
    "legislation",
    "start_date",
    "end_date",
    "beneficiary_id",
)


def result_rows(events):
    return events.values(*RESULT_COLUMNS)


def event_list(request):
    """The public search: words, facets with counts (combinable), sort, pages; every page is a
    GET address that can be shared."""
    form = PublicSearchForm(request.GET)
    filters = form.to_filters()
    results = search_events(filters, rows=result_rows)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = facet_counts(filters, results)
    query = results.query  # as searched: with its corrections
    page.object_list = results_of(request, page.object_list, query, results.index)
    facet_groups, chosen = [], []
    for name, title in FACET_TITLES:
        values = getattr(facets, name)
        for value in values:
            # Only a chosen value's link is shown ("Remove the filter"); the others are
            # checkboxes of the form, so no query string is built for them.
            if value.is_selected:
                value.toggle = toggled(request, name, value.value)
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
