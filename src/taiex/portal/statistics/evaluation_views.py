"""The public page of evaluation figures (satisfaction, response rates, impact) with a CSV per
chart, under the same filters as the statistics page. Aggregates only."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from taiex.core.csv_export import csv_response
from taiex.events.queries.statistics import statistics_for

from .evaluation_datasets import evaluation_datasets
from .forms import StatisticsFilterForm


def datasets_for(form):
    """The evaluation datasets for the years the events' statistics count under the same
    filters (from the first to the last year with an event, cached), each year without
    evaluations reading "No data"."""
    filters = form.to_filters()
    years = [row.year for row in statistics_for(filters).years]
    return evaluation_datasets(filters, years)


def evaluation_statistics_page(request):
    form = StatisticsFilterForm(request.GET)
    context = {"form": form}
    if form.is_valid():
        context["datasets"] = datasets_for(form)
    return render(request, "portal/statistics/evaluations.html", context)


def evaluation_statistics_csv(request, slug):
    form = StatisticsFilterForm(request.GET)
    if not form.is_valid():
        problems = "; ".join(
            f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
        )
        return HttpResponse(
            f"Invalid filters. {problems}", status=400, content_type="text/plain; charset=utf-8"
        )
    datasets = datasets_for(form)
    if slug not in datasets:
        raise Http404("No such chart.")
    return csv_response(f"{slug}.csv", datasets[slug].header, datasets[slug].rows)
