"""Public statistics pages: the charts with their tables, a CSV per chart, the annual report."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from taiex.accounts.roles import roles_of
from taiex.core.csv_export import csv_response
from taiex.events.queries.statistics import FIRST_YEAR, LAST_YEAR, statistics_for

from .datasets import page_datasets
from .forms import AnnualReportForm, StatisticsFilterForm
from .report import XLSX_TYPE, annual_report, report_pdf, report_xlsx


def statistics_page(request):
    form = StatisticsFilterForm(request.GET)
    context = {"form": form}
    if form.is_valid():
        statistics = statistics_for(form.to_filters())
        context |= {"statistics": statistics, "datasets": page_datasets(statistics)}
    return render(request, "portal/statistics/statistics.html", context)


def statistics_csv(request, slug):
    """One chart's table as CSV, under the same GET filters as the page."""
    form = StatisticsFilterForm(request.GET)
    if not form.is_valid():
        problems = "; ".join(
            f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
        )
        return HttpResponse(
            f"Invalid filters. {problems}", status=400, content_type="text/plain; charset=utf-8"
        )
    datasets = page_datasets(statistics_for(form.to_filters()))
    if slug not in datasets:
        raise Http404("No such chart.")
    dataset = datasets[slug]
    rows = [*dataset.rows, dataset.total] if dataset.total and dataset.rows else dataset.rows
    return csv_response(f"{slug}.csv", dataset.header, rows)


def annual_report_page(request):
    form = AnnualReportForm(request.GET if "year" in request.GET else None)
    staff = roles_of(request.user).is_staff_member
    report = (
        annual_report(form.cleaned_data["year"], staff=staff, user=request.user)
        if form.is_valid()
        else None
    )
    return render(request, "portal/statistics/annual_report.html", {"form": form, "report": report})


def report_year(request, year):
    """The report of `year`; the staff version (with the requests) for the programme's staff."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No report for this year.")
    return annual_report(year, staff=roles_of(request.user).is_staff_member, user=request.user)


def annual_report_pdf(request, year):
    response = HttpResponse(report_pdf(report_year(request, year)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="annual-report-{year}.pdf"'
    return response


def annual_report_xlsx(request, year):
    response = HttpResponse(report_xlsx(report_year(request, year)), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="annual-report-{year}.xlsx"'
    return response
