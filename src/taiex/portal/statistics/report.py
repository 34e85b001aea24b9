"""The annual activity report of a year: key figures beside the year before, the charts, and the
tables by month, type, region (window), beneficiary, Member State of the experts, chapter and
cluster; written as PDF (WeasyPrint, from an HTML template) and XLSX (openpyxl).

Its cost section: for those who see money (`queries.fees.sees_money`), the planned and actual
cost of the events that began in the year whose money they see, by kind and by month, window,
country, type and chapter (`events.queries.costs`); for everyone else, the programme's totals of
the year only, summed over every event and kind, so that no payment to one person shows
(docs/decisions.md, "The annual report's cost section")."""

from dataclasses import dataclass, field, replace
from io import BytesIO

from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from taiex.events.queries.costs import (
    GROUPINGS,
    Cost,
    CostFilters,
    GroupRow,
    cost_of_events_beginning_in,
    costs_by_event,
    group_costs,
    total_of,
)
from taiex.events.queries.fees import sees_all_money, sees_money
from taiex.events.queries.statistics import Statistics, StatisticsFilters, statistics_for
from taiex.portal.figures.export import figure_table
from taiex.portal.figures.queries import FigureFilters, RequestFigures, figures_for
from taiex.reference.translation import translated

from .datasets import Dataset, report_datasets

KEY_FIGURES = [
    ("events", _("Events")),
    ("participants", _("Participants")),
    ("expert_participations", _("Expert participations")),
    ("experts", _("Experts")),
    ("beneficiaries", _("Beneficiaries with events")),
]
# XLSX sheet names may not pass 31 characters.
SHEET_NAMES = {
    "events-per-month": _("By month"),
    "events-by-type": _("By type"),
    "events-by-window": _("By region (window)"),
    "events-by-beneficiary": _("By beneficiary"),
    "experts-by-member-state": _("Experts by Member State"),
    "events-by-chapter": _("By chapter"),
    "events-by-cluster": _("By cluster"),
    "evaluation-satisfaction": _("Satisfaction"),
    "evaluation-response-rates": _("Evaluation response rates"),
    "evaluation-impact": _("Follow-up impact"),
    "evaluation-by-type": _("Satisfaction by type"),
    "evaluation-by-window": _("Satisfaction by region"),
    "evaluation-by-chapter": _("Satisfaction by chapter"),
}
REQUESTS_DESCRIPTION = _(
    "Requests submitted to the NCP in the year, with their outcome today; medians in days from "
    "the submission."
)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The groupings of the staff cost section, in its order.
COST_GROUPINGS = ["month", "window", "country", "type", "chapter"]
# The names of the kinds of cost and of the groupings (events.queries.costs) in the reader's
# language.
COST_KIND_NAMES = {
    "fees": _("Experts' fees"),
    "host_fees": _("Host fees"),
    "allowances": _("Daily allowances"),
    "participant_allowances": _("Participants' daily allowances"),
    "refunds": _("Participants' refunds on receipts"),
    "travel": _("Travel"),
    "hotels": _("Hotels"),
    "venue": _("Venue and rooms"),
    "interpretation": _("Interpretation"),
    "catering": _("Catering"),
}
GROUPING_NAMES = {
    "month": _("Month"),
    "window": _("Window"),
    "country": _("Beneficiary country"),
    "type": _("Type"),
    "chapter": _("Chapter"),
}


@dataclass
class ReportCosts:
    """The cost section: `total` by kind; `groups` (grouping -> rows) and `events` only in the
    version of those who see money (`detailed`); `all_events` when it covers every event."""

    total: Cost
    detailed: bool
    all_events: bool
    events: int | None = None
    groups: dict[str, list[GroupRow]] = field(default_factory=dict)

    @property
    def tables(self):
        """(grouping, its name, rows) in the report's order."""
        return [
            (by, str(GROUPING_NAMES.get(by, GROUPINGS[by])), self.groups[by])
            for by in COST_GROUPINGS
            if by in self.groups
        ]

    @property
    def lines(self):
        """The lines of the total by kind, named in the reader's language."""
        return [
            replace(line, label=str(COST_KIND_NAMES.get(line.kind, line.label)))
            for line in self.total.lines
        ]


def report_costs(year: int, user=None) -> ReportCosts:
    """The cost section of `year` for `user`: detailed for those who see money (5 queries),
    the programme's totals for everyone else (3 queries)."""
    if user is not None and sees_money(user):
        rows = costs_by_event(user, CostFilters(year_from=year, year_to=year))
        return ReportCosts(
            total=total_of(rows),
            detailed=True,
            all_events=sees_all_money(user),
            events=len(rows),
            groups={by: group_costs(rows, by) for by in COST_GROUPINGS},
        )
    return ReportCosts(total=cost_of_events_beginning_in(year), detailed=False, all_events=True)


@dataclass
class AnnualReport:
    year: int
    statistics: Statistics
    previous: Statistics
    datasets: dict[str, Dataset]
    # The staff version only: the requests received in the year, by type (portal/figures).
    requests: RequestFigures | None = None
    costs: ReportCosts | None = None

    @property
    def key_figures(self):
        """(name, this year, the year before) for each key figure."""
        return [
            (str(name), self.statistics.key_figures[key], self.previous.key_figures[key])
            for key, name in KEY_FIGURES
        ]

    @property
    def footnotes(self):
        """(code, name, footnote) of the countries named in the tables that carry an official
        footnote (Kosovo*, Palestine**), by code."""
        notes = {}
        for dataset in self.datasets.values():
            for row in dataset.rows:
                footnote = getattr(row[0], "official_footnote", "")
                if footnote:  # in the reader's language
                    notes[row[0].code] = (
                        row[0].code,
                        translated(row[0]),
                        translated(row[0], "official_footnote"),
                    )
        return [notes[code] for code in sorted(notes)]


def annual_report(year: int, *, staff=False, user=None) -> AnnualReport:
    """The figures of the events that began in `year`, and of the year before for comparison;
    for the programme's staff (`staff`), also the figures on the requests received in `year`;
    the cost section as `user` may read it (`report_costs`)."""
    statistics = statistics_for(StatisticsFilters(year_from=year, year_to=year))
    previous = statistics_for(StatisticsFilters(year_from=year - 1, year_to=year - 1))
    requests = (
        figures_for(FigureFilters(year_from=year, year_to=year, by="type")) if staff else None
    )
    return AnnualReport(
        year,
        statistics,
        previous,
        report_datasets(statistics, year),
        requests,
        report_costs(year, user),
    )


def report_html(report: AnnualReport) -> str:
    return render_to_string("portal/statistics/report_pdf.html", {"report": report})


def refuse_fetch(url, *args, **kwargs):
    """The report is self-contained (its charts are inline SVG): the renderer fetches no file
    or address, as for the other PDFs of the application."""
    raise ValueError(f"The annual report loads no resources ({url}).")


def report_pdf(report: AnnualReport) -> bytes:
    from weasyprint import CSS, HTML  # loads Pango and fonts: only when a PDF is asked for

    stylesheet = CSS(
        string=render_to_string("portal/statistics/report_pdf.css"), url_fetcher=refuse_fetch
    )
    return HTML(string=report_html(report), url_fetcher=refuse_fetch).write_pdf(
        stylesheets=[stylesheet]
    )


def cell_value(cell):
    """What openpyxl can write: a country (with its official footnote) or a lazily translated
    label (a type of assistance...) as text in the reader's language; anything else as it is."""
    return str(cell) if hasattr(cell, "official_footnote") or isinstance(cell, Promise) else cell


def report_xlsx(report: AnnualReport) -> bytes:
    """A workbook: the key figures first, then one sheet per table, each with a title, what it
    counts, a bold header and a bold total row."""
    workbook = Workbook()
    bold = Font(bold=True)
    sheet = workbook.active
    sheet.title = gettext("Key figures")[:31]
    sheet.append([gettext("Annual activity report %(year)s") % {"year": report.year}])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([gettext("Implemented and closed events that began in the year.")])
    sheet.append([])
    sheet.append([gettext("Figure"), str(report.year), str(report.year - 1)])
    for cell in sheet[4]:
        cell.font = bold
    for name, this_year, year_before in report.key_figures:
        sheet.append([name, this_year, year_before])
    sheet.column_dimensions["A"].width = 30
    if report.footnotes:
        sheet.append([])
        for _code, name, text in report.footnotes:
            sheet.append([f"{name}: {text}"])
    for slug, dataset in report.datasets.items():
        sheet = workbook.create_sheet(str(SHEET_NAMES[slug])[:31])
        sheet.append([str(dataset.title)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([str(dataset.description)])
        sheet.append([])
        sheet.append([str(name) for name in dataset.header])
        for cell in sheet[4]:
            cell.font = bold
        for row in dataset.rows:
            sheet.append([cell_value(cell) for cell in row])
        if dataset.total:
            sheet.append(dataset.total)
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        sheet.column_dimensions["A"].width = 34
    if report.requests is not None:
        sheet = workbook.create_sheet(gettext("Requests")[:31])
        sheet.append(
            [
                gettext("Requests received in %(year)s, by type (staff version)")
                % {"year": report.year}
            ]
        )
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([str(REQUESTS_DESCRIPTION)])
        sheet.append([])
        header, rows, total = figure_table(report.requests)
        sheet.append(header)
        for cell in sheet[4]:
            cell.font = bold
        for row in [*rows, total]:
            sheet.append([cell_value(cell) for cell in row])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        sheet.column_dimensions["A"].width = 34
    if report.costs is not None:
        _cost_sheet(workbook.create_sheet(gettext("Costs")[:31]), report, bold)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def cost_label(label):
    """A group's label in the reader's language: a country by its translated name, a fixed label
    ("No date", "No window") translated, a year or a translated name as it is."""
    return str(label) if hasattr(label, "official_footnote") else gettext(str(label))


def cost_description(report: AnnualReport) -> str:
    costs = report.costs
    if not costs.detailed:
        return gettext(
            "The programme's cost of the events that began in %(year)s, summed over every "
            "event and every kind of cost, in EUR. Planned: every fee statement and the booked "
            "travel, hotels, venues, interpretation and catering; actual: what is paid or invoiced."
        ) % {"year": report.year}
    if costs.all_events:
        text = gettext(
            "Staff version: the cost of every event that began in %(year)s with a cost "
            "(%(events)s), in EUR. Planned: every fee statement and the booked travel and "
            "bookings; actual: the paid statements and bookings and the invoiced travel. By "
            "chapter, an event counts in each of its chapters."
        )
    else:
        text = gettext(
            "Staff version: the cost of the events whose money you see that began in %(year)s "
            "with a cost (%(events)s), in EUR. Planned: every fee statement and the booked travel "
            "and bookings; actual: the paid statements and bookings and the invoiced travel. By "
            "chapter, an event counts in each of its chapters."
        )
    return text % {"year": report.year, "events": costs.events}


def _cost_sheet(sheet, report: AnnualReport, bold):
    costs = report.costs
    sheet.append([gettext("Cost of the events of %(year)s") % {"year": report.year}])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([cost_description(report)])
    sheet.append([])

    def header(*cells):
        sheet.append(list(cells))
        for cell in sheet[sheet.max_row]:
            cell.font = bold

    # The public version: the year's total only, never the amounts of one kind.
    planned, actual = gettext("Planned (EUR)"), gettext("Actual (EUR)")
    difference = gettext("Difference (EUR)")
    header(gettext("Kind") if costs.detailed else "", planned, actual, difference)
    if costs.detailed:
        for line in costs.lines:
            sheet.append([line.label, line.planned, line.actual, line.difference])
    header(
        gettext("Total"),
        costs.total.planned_total,
        costs.total.actual_total,
        costs.total.difference,
    )
    for _by, name, rows in costs.tables:
        sheet.append([])
        header(name, gettext("Events"), planned, actual, difference)
        for group in rows:
            cost = group.cost
            sheet.append(
                [
                    cost_label(group.label),
                    group.events,
                    cost.planned_total,
                    cost.actual_total,
                    cost.difference,
                ]
            )
    for column in "BCDE":
        for cell in sheet[column]:
            if hasattr(cell.value, "as_tuple"):
                cell.number_format = "#,##0.00"
    sheet.column_dimensions["A"].width = 34
