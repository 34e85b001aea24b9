"""The statistics as datasets: for each chart its title, what it counts, the table of its numbers
(the same rows in the page's table, the CSV, the PDF and the XLSX) and how it is drawn."""

from dataclasses import dataclass, field

from django.utils.dates import MONTHS, MONTHS_3
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taiex.events.queries.statistics import NO_CHAPTER, Label, Statistics

from . import charts


@dataclass
class Dataset:
    slug: str
    title: str
    description: str
    header: list[str]
    rows: list[list]  # the first cell names the row (a Label, a year, a month)
    total: list | None  # the table's total row, when adding up the rows means something
    chart_kind: str  # "columns", "bars" or "line"
    chart_labels: list[str] = field(default_factory=list)
    chart_series: list[charts.Series] = field(default_factory=list)
    empty_text: str = gettext_lazy(
        "No event matches these filters."
    )  # the table's only row when it has none

    @property
    def chart(self):
        draw = {
            "columns": charts.column_chart,
            "bars": charts.bar_chart,
            "line": charts.line_chart,
        }[self.chart_kind]
        return draw(
            chart_id=f"chart-{self.slug}",
            title=self.title,
            description=self.description,
            labels=self.chart_labels,
            series=self.chart_series,
        )

    @property
    def is_empty(self):
        return not self.rows


def column(rows, index):
    return [row[index] for row in rows]


def events_per_year(statistics: Statistics):
    types = statistics.types
    rows = [
        [row.year, *(row.events_by_type[kind.code] for kind in types), row.events]
        for row in statistics.years
    ]
    return Dataset(
        slug="events-per-year",
        title=_("Events per year by type"),
        description=_(
            "Implemented and closed events by the year they began, stacked by type of assistance."
        ),
        header=[_("Year"), *(str(kind) for kind in types), _("Total")],
        rows=rows,
        total=[_("Total"), *(sum(column(rows, i)) for i in range(1, len(types) + 2))],
        chart_kind="columns",
        chart_labels=[str(row[0]) for row in rows],
        chart_series=[
            charts.Series(str(kind), column(rows, i + 1)) for i, kind in enumerate(types)
        ],
    )


def participants_per_year(statistics: Statistics):
    rows = [[row.year, row.events, row.participants] for row in statistics.years]
    return Dataset(
        slug="participants-per-year",
        title=_("Participants per year"),
        description=_(
            "Participants of implemented and closed events by the year the event began "
            "(the number recorded for each event; an event without a recorded number adds none)."
        ),
        header=[_("Year"), _("Events"), _("Participants")],
        rows=rows,
        total=[_("Total"), sum(column(rows, 1)), sum(column(rows, 2))],
        chart_kind="line",
        chart_labels=[str(row[0]) for row in rows],
        chart_series=[charts.Series(_("Participants"), column(rows, 2))],
    )


def events_per_month(statistics: Statistics, year: int):
    types = statistics.types
    months = {row.month: row for row in statistics.months if row.year == year}
    rows = []
    for month in range(1, 13):
        row = months.get(month)
        counts = [row.events_by_type[kind.code] if row else 0 for kind in types]
        rows.append([str(MONTHS[month]), *counts, sum(counts), row.participants if row else 0])
    return Dataset(
        slug="events-per-month",
        title=_("Events per month in %(year)s by type") % {"year": year},
        description=_("Implemented and closed events by the month they began, stacked by type."),
        header=[_("Month"), *(str(kind) for kind in types), _("Total"), _("Participants")],
        rows=rows,
        total=[_("Total"), *(sum(column(rows, i)) for i in range(1, len(types) + 3))],
        chart_kind="columns",
        chart_labels=[capfirst(MONTHS_3[month]) for month in range(1, 13)],
        chart_series=[
            charts.Series(str(kind), column(rows, i + 1)) for i, kind in enumerate(types)
        ],
    )


def events_by_type(statistics: Statistics):
    rows = [[row.label, row.events, row.participants] for row in statistics.by_type]
    return Dataset(
        slug="events-by-type",
        title=_("Events by type"),
        description=_(
            "Implemented and closed events and their participants by type of assistance."
        ),
        header=[_("Type"), _("Events"), _("Participants")],
        rows=rows,
        total=[_("Total"), sum(column(rows, 1)), sum(column(rows, 2))],
        chart_kind="bars",
        chart_labels=[str(row[0]) for row in rows],
        chart_series=[charts.Series(_("Events"), column(rows, 1))],
    )


def expert_missions_by_kind(statistics: Statistics):
    rows = [[row.label, row.events, row.participants] for row in statistics.by_mission_kind]
    return Dataset(
        slug="expert-missions-by-kind",
        title=_("Expert missions by kind"),
        description=_(
            "Implemented and closed expert missions and their participants: advisory "
            "missions, peer reviews and assessment missions."
        ),
        header=[_("Kind"), _("Expert missions"), _("Participants")],
        rows=rows,
        total=[_("Total"), sum(column(rows, 1)), sum(column(rows, 2))],
        chart_kind="bars",
        chart_labels=[str(row[0]) for row in rows],
        chart_series=[charts.Series(_("Expert missions"), column(rows, 1))],
    )


def experts_by_member_state(statistics: Statistics):
    rows = [
        [row.member_state, row.participations, row.experts]
        for row in statistics.experts_by_member_state
    ]
    return Dataset(
        slug="experts-by-member-state",
        title=_("Experts by Member State"),
        description=_(
            "Expert participations (accepted invitations to implemented and closed "
            "events; an expert on two events counts twice) by the expert's Member State, and the "
            "number of distinct experts."
        ),
        header=[_("Member State"), _("Expert participations"), _("Experts")],
        rows=rows,
        total=[_("Total"), sum(column(rows, 1)), sum(column(rows, 2))],
        chart_kind="bars",
        chart_labels=[str(row[0]) for row in rows],
        chart_series=[charts.Series(_("Expert participations"), column(rows, 1))],
    )


def events_by_beneficiary(statistics: Statistics):
    windows = statistics.windows
    rows = [
        [
            row.country,
            *(row.events_by_window.get(window.code, 0) for window in windows),
            row.events,
            row.participants,
        ]
        for row in statistics.by_beneficiary
    ]
    return Dataset(
        slug="events-by-beneficiary",
        title=_("Events by beneficiary and window"),
        description=_(
            "Implemented and closed events by their main beneficiary, stacked by the "
            "window that funded them."
        ),
        header=[
            _("Beneficiary"),
            *(str(window) for window in windows),
            _("Total"),
            _("Participants"),
        ],
        rows=rows,
        total=[_("Total"), *(sum(column(rows, i)) for i in range(1, len(windows) + 3))],
        chart_kind="bars",
        chart_labels=[str(row[0]) for row in rows],
        chart_series=[
            charts.Series(str(window), column(rows, i + 1)) for i, window in enumerate(windows)
        ],
    )


def events_by_window(statistics: Statistics):
    rows = [[row.label, row.events, row.participants] for row in statistics.by_window]
    return Dataset(
        slug="events-by-window",
        title=_("Events by window"),
        description=_(
            "Implemented and closed events and their participants by the window "
            "(region and instrument) that funded them."
        ),
        header=[_("Window"), _("Events"), _("Participants")],
        rows=rows,
        total=[_("Total"), sum(column(rows, 1)), sum(column(rows, 2))],
        chart_kind="bars",
        chart_labels=[str(row[0]) for row in rows],
        chart_series=[charts.Series(_("Events"), column(rows, 1))],
    )


def events_by_chapter(statistics: Statistics):
    rows = [
        [Label(row.chapter.code, f"{row.chapter.code}. {row.chapter}"), str(row.cluster),
         row.events, row.participants]
        for row in statistics.by_chapter
    ]  # fmt: skip
    without = statistics.without_chapter
    if without.events:
        rows.append([NO_CHAPTER, "", without.events, without.participants])
    return Dataset(
        slug="events-by-chapter",
        title=_("Events by chapter"),
        description=_(
            "Implemented and closed events by chapter of the EU acquis; an event with "
            "several chapters counts in each, so the rows add up to more than the events."
        ),
        header=[_("Chapter"), _("Cluster"), _("Events"), _("Participants")],
        rows=rows,
        total=None,
        chart_kind="bars",
        chart_labels=[str(row[0]) for row in rows],
        chart_series=[charts.Series(_("Events"), column(rows, 2))],
    )


def events_by_cluster(statistics: Statistics):
    rows = [[row.label, row.events] for row in statistics.by_cluster]
    without = statistics.without_chapter
    if without.events:
        rows.append([NO_CHAPTER, without.events])
    return Dataset(
        slug="events-by-cluster",
        title=_("Events by cluster"),
        description=_(
            "Implemented and closed events by cluster of chapters; an event counts once "
            "in a cluster even with several of its chapters, and once in each cluster it touches."
        ),
        header=[_("Cluster"), _("Events")],
        rows=rows,
        total=None,
        chart_kind="bars",
        chart_labels=[str(row[0]) for row in rows],
        chart_series=[charts.Series(_("Events"), column(rows, 1))],
    )


def page_datasets(statistics: Statistics):
    """The charts of the public statistics page, in their order, by slug."""
    datasets = [
        events_per_year(statistics),
        participants_per_year(statistics),
        events_by_type(statistics),
        expert_missions_by_kind(statistics),
        experts_by_member_state(statistics),
        events_by_beneficiary(statistics),
        events_by_window(statistics),
        events_by_chapter(statistics),
        events_by_cluster(statistics),
    ]
    return {dataset.slug: dataset for dataset in datasets}


def evaluations_of(statistics: Statistics, year: int):
    """The evaluation charts of the year (satisfaction, response rates, impact; satisfaction by
    type, region and chapter)."""
    from .evaluation_datasets import evaluation_datasets  # it imports Dataset from here

    return evaluation_datasets(statistics.filters, [year])


def report_datasets(statistics: Statistics, year: int):
    """The charts and tables of the annual report of `year`: by month, type, region (window),
    beneficiary, Member State of the experts, chapter and cluster."""
    datasets = [
        events_per_month(statistics, year),
        events_by_type(statistics),
        events_by_window(statistics),
        events_by_beneficiary(statistics),
        experts_by_member_state(statistics),
        events_by_chapter(statistics),
        events_by_cluster(statistics),
    ]
    return {dataset.slug: dataset for dataset in datasets} | evaluations_of(statistics, year)
