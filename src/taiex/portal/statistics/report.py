"""The annual activity report of a year: key figures beside the year before, the charts, and the
tables by month, type, region (window), beneficiary, Member State of the experts, chapter and
cluster; written as PDF (WeasyPrint, from an HTML template) and XLSX (openpyxl)."""

from dataclasses import dataclass
from io import BytesIO

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Font

from taiex.events.queries.statistics import Statistics, StatisticsFilters, statistics_for
from taiex.portal.figures.export import figure_table
from taiex.portal.figures.queries import FigureFilters, RequestFigures, figures_for

from .datasets import Dataset, report_datasets

KEY_FIGURES = [
    ("events", "Events"),
    ("participants", "Participants"),
    ("expert_participations", "Expert participations"),
    ("experts", "Experts"),
    ("beneficiaries", "Beneficiaries with events"),
]
# XLSX sheet names may not pass 31 characters.
SHEET_NAMES = {
    "events-per-month": "By month",
    "events-by-type": "By type",
    "events-by-window": "By region (window)",
    "events-by-beneficiary": "By beneficiary",
    "experts-by-member-state": "Experts by Member State",
    "events-by-chapter": "By chapter",
    "events-by-cluster": "By cluster",
    "evaluation-satisfaction": "Satisfaction",
    "evaluation-response-rates": "Evaluation response rates",
    "evaluation-impact": "Follow-up impact",
    "evaluation-by-type": "Satisfaction by type",
    "evaluation-by-window": "Satisfaction by region",
    "evaluation-by-chapter": "Satisfaction by chapter",
}
REQUESTS_DESCRIPTION = (
    "Requests submitted to the NCP in the year, with their outcome today; medians in days from "
    "the submission."
)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class AnnualReport:
    year: int
    statistics: Statistics
    previous: Statistics
    datasets: dict[str, Dataset]
    # The staff version only: the requests received in the year, by type (portal/figures).
    requests: RequestFigures | None = None

    @property
    def key_figures(self):
        """(name, this year, the year before) for each key figure."""
        return [
            (name, self.statistics.key_figures[key], self.previous.key_figures[key])
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
                if footnote:
                    notes[row[0].code] = (row[0].code, row[0].name, footnote)
        return [notes[code] for code in sorted(notes)]


def annual_report(year: int, *, staff=False) -> AnnualReport:
    """The figures of the events that began in `year`, and of the year before for comparison;
    for the programme's staff (`staff`), also the figures on the requests received in `year`."""
    statistics = statistics_for(StatisticsFilters(year_from=year, year_to=year))
    previous = statistics_for(StatisticsFilters(year_from=year - 1, year_to=year - 1))
    requests = (
        figures_for(FigureFilters(year_from=year, year_to=year, by="type")) if staff else None
    )
    return AnnualReport(year, statistics, previous, report_datasets(statistics, year), requests)


def report_html(report: AnnualReport) -> str:
    return render_to_string("portal/statistics/report_pdf.html", {"report": report})


def report_pdf(report: AnnualReport) -> bytes:
    from weasyprint import CSS, HTML  # loads Pango and fonts: only when a PDF is asked for

    stylesheet = CSS(string=render_to_string("portal/statistics/report_pdf.css"))
    return HTML(string=report_html(report)).write_pdf(stylesheets=[stylesheet])


def cell_value(cell):
    return str(cell) if hasattr(cell, "official_footnote") else cell  # in the reader's language


def report_xlsx(report: AnnualReport) -> bytes:
    """A workbook: the key figures first, then one sheet per table, each with a title, what it
    counts, a bold header and a bold total row."""
    workbook = Workbook()
    bold = Font(bold=True)
    sheet = workbook.active
    sheet.title = "Key figures"
    sheet.append([f"Annual activity report {report.year}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Implemented and closed events that began in the year."])
    sheet.append([])
    sheet.append(["Figure", str(report.year), str(report.year - 1)])
    for cell in sheet[4]:
        cell.font = bold
    for name, this_year, year_before in report.key_figures:
        sheet.append([name, this_year, year_before])
    sheet.column_dimensions["A"].width = 30
    if report.footnotes:
        sheet.append([])
        for _, name, text in report.footnotes:
            sheet.append([f"{name}: {text}"])
    for slug, dataset in report.datasets.items():
        sheet = workbook.create_sheet(SHEET_NAMES[slug])
        sheet.append([dataset.title])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([dataset.description])
        sheet.append([])
        sheet.append(dataset.header)
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
        sheet = workbook.create_sheet("Requests")
        sheet.append([f"Requests received in {report.year}, by type (staff version)"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([REQUESTS_DESCRIPTION])
        sheet.append([])
        header, rows, total = figure_table(report.requests)
        sheet.append(header)
        for cell in sheet[4]:
            cell.font = bold
        for row in [*rows, total]:
            sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        sheet.column_dimensions["A"].width = 34
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
