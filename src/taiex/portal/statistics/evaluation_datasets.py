"""The evaluation charts of the statistics page and the annual report: satisfaction, response
rates and the follow-up's impact, by year, type, region (window) and chapter. A figure without a
base (no evaluation in that year, type, region or chapter) reads "No data", never 0."""

from django.utils.translation import gettext as _

from taiex.evaluations.enums import EXPERT_RATING_KEY, IMPACT_KEYS, OVERALL_KEY, Audience
from taiex.evaluations.statistics import cached_evaluation_figures, type_name

from . import charts
from .datasets import Dataset


def IMPACT_NAMES():  # noqa: N802 (a table, in the reader's language)
    """The kinds of change of the follow-up (evaluations.enums.IMPACT_KEYS), translated."""
    return {
        "legislation": _("Legislation drafted or adopted"),
        "practices": _("Procedures or practices changed"),
        "training": _("Training passed on to colleagues"),
        "further_assistance": _("Further assistance needed"),
    }


def no_data():
    """What a figure without a base reads, in the reader's language."""
    return _("No data")


def shown(value, suffix=""):
    return no_data() if value is None else f"{value}{suffix}" if suffix else value


def satisfaction(figures, years):
    rows, chart_years, event_series, expert_series = [], [], [], []
    for year in years:
        figure = figures.get(year)
        event = figure.good_share(OVERALL_KEY) if figure else None
        expert = figure.good_share(EXPERT_RATING_KEY) if figure else None
        rows.append([
            year,
            figure.ratings_count(OVERALL_KEY) if figure else 0,
            shown(event),
            figure.ratings_count(EXPERT_RATING_KEY) if figure else 0,
            shown(expert),
        ])  # fmt: skip
        if event is not None and expert is not None:
            chart_years.append(str(year))
            event_series.append(event)
            expert_series.append(expert)
    return Dataset(
        slug="evaluation-satisfaction",
        title=_("Participants' satisfaction"),
        description=_(
            "Share of participants' ratings of the event and of its experts that are "
            "“excellent” or “good” (4 or 5 of 5), by the year the event began. Years before the "
            "evaluations were recorded read “No data”."
        ),
        header=[
            _("Year"),
            _("Ratings of events"),
            _("Events rated excellent or good (%)"),
            _("Ratings of experts"),
            _("Experts rated excellent or good (%)"),
        ],
        rows=rows,
        total=None,
        chart_kind="line",
        chart_labels=chart_years,
        chart_series=[
            charts.Series(_("Events rated excellent or good (%)"), event_series),
            charts.Series(_("Experts rated excellent or good (%)"), expert_series),
        ],
    )


def response_rates(figures, years):
    rows = []
    for year in years:
        figure = figures.get(year)
        row = [year]
        for audience in Audience.values:
            asked = figure.asked.get(audience, 0) if figure else 0
            answered = figure.answered.get(audience, 0) if figure else 0
            rate = figure.response_rate(audience) if figure else None
            row += [asked, answered, shown(rate)]
        rows.append(row)
    with_data = [row for row in rows if row[3] != no_data()]
    return Dataset(
        slug="evaluation-response-rates",
        title=_("Response rates of the evaluations"),
        description=_(
            "People asked to evaluate and people who answered, by the year the event "
            "began: participants and experts right after the event, the requesting institution "
            "in the follow-up months later."
        ),
        header=[
            _("Year"),
            _("Participants asked"),
            _("Participants answered"),
            _("Participants (%)"),
            _("Experts asked"),
            _("Experts answered"),
            _("Experts (%)"),
            _("Follow-ups asked"),
            _("Follow-ups answered"),
            _("Follow-ups (%)"),
        ],
        rows=rows,
        total=None,
        chart_kind="line",
        chart_labels=[str(row[0]) for row in with_data],
        chart_series=[charts.Series(_("Participants (%)"), [row[3] for row in with_data])],
    )


def impact(figures, years):
    rows = []
    for year in years:
        figure = figures.get(year)
        rows.append([
            year,
            figure.impact_events if figure else 0,
            *(shown(figure.impact_share(key) if figure else None) for key in IMPACT_KEYS),
        ])  # fmt: skip
    with_data = [row for row in rows if row[1]]
    return Dataset(
        slug="evaluation-impact",
        title=_("Impact reported in the follow-up"),
        description=_(
            "Share of events whose requesting institution reported, in the follow-up "
            "about six months later, each kind of change, by the year the event began."
        ),
        header=[
            _("Year"),
            _("Events with a follow-up answer"),
            *(
                _("%(change)s (%%)") % {"change": IMPACT_NAMES().get(key, text)}
                for key, text in IMPACT_KEYS.items()
            ),
        ],
        rows=rows,
        total=None,
        chart_kind="line",
        chart_labels=[str(row[0]) for row in with_data],
        chart_series=[
            charts.Series(_("Legislation drafted or adopted (%)"), [row[2] for row in with_data])
        ],
    )


def by_group(figures, *, slug, title, name, label, description):
    rows = [
        [label(key), figure.ratings_count(OVERALL_KEY), shown(figure.good_share(OVERALL_KEY)),
         shown(figure.good_share(EXPERT_RATING_KEY)),
         shown(figure.response_rate(Audience.PARTICIPANTS))]
        for key, figure in figures.items()
    ]  # fmt: skip
    with_data = [row for row in rows if row[2] != no_data()]
    return Dataset(
        slug=slug,
        title=title,
        description=description,
        header=[
            name,
            _("Ratings of events"),
            _("Events rated excellent or good (%)"),
            _("Experts rated excellent or good (%)"),
            _("Participants answering (%)"),
        ],
        rows=rows,
        total=None,
        chart_kind="bars",
        chart_labels=[str(row[0]) for row in with_data],
        chart_series=[
            charts.Series(_("Events rated excellent or good (%)"), [row[2] for row in with_data])
        ],
        empty_text=_("No data: no event matching these filters was evaluated."),
    )


def window_names():
    from taiex.reference.models import Window

    names = {window.code: str(window) for window in Window.objects.all()}
    return lambda code: names.get(code, code)


def evaluation_datasets(filters, years):
    """The evaluation datasets under the statistics' `filters`, by slug; `years` are the
    years the statistics show (each gets a row, "No data" where nothing was evaluated), then
    satisfaction by type, region (window) and chapter; the statistics page and the annual
    report show them all."""
    groups = cached_evaluation_figures(filters)
    figures = groups["year"]
    years = sorted(set(years) | set(figures))
    datasets = [
        satisfaction(figures, years),
        response_rates(figures, years),
        impact(figures, years),
        by_group(groups["type"], slug="evaluation-by-type",
                 title=_("Satisfaction by type of event"), name=_("Type"), label=type_name,
                 description=_("Satisfaction and participants' response rate by type; only "
                               "types with evaluations are listed.")),
        by_group(groups["window"], slug="evaluation-by-window",
                 title=_("Satisfaction by region (window)"), name=_("Region"),
                 label=window_names(),
                 description=_("Satisfaction and participants' response rate by region; only "
                               "regions with evaluations are listed.")),
        by_group(groups["chapter"], slug="evaluation-by-chapter",
                 title=_("Satisfaction by chapter"), name=_("Chapter"),
                 label=lambda n: _("Chapter %(number)s") % {"number": n},
                 description=_("Satisfaction and participants' response rate by chapter; only "
                               "chapters with evaluations are listed.")),
    ]  # fmt: skip
    return {dataset.slug: dataset for dataset in datasets}
