"""The evaluation charts of the statistics page and the annual report: satisfaction, response
rates and the follow-up's impact, by year, type, region (window) and chapter. A figure without a
base (no evaluation in that year, type, region or chapter) reads "No data", never 0."""

from taiex.evaluations.enums import EXPERT_RATING_KEY, IMPACT_KEYS, OVERALL_KEY, Audience
from taiex.evaluations.statistics import cached_evaluation_figures, type_name

from . import charts
from .datasets import Dataset

NO_DATA = "No data"


def shown(value, suffix=""):
    return NO_DATA if value is None else f"{value}{suffix}" if suffix else value


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
        title="Participants' satisfaction",
        description="Share of participants' ratings of the event and of its experts that are "
        "“excellent” or “good” (4 or 5 of 5), by the year the event began. Years before the "
        "evaluations were recorded read “No data”.",
        header=[
            "Year",
            "Ratings of events",
            "Events rated excellent or good (%)",
            "Ratings of experts",
            "Experts rated excellent or good (%)",
        ],
        rows=rows,
        total=None,
        chart_kind="line",
        chart_labels=chart_years,
        chart_series=[
            charts.Series("Events rated excellent or good (%)", event_series),
            charts.Series("Experts rated excellent or good (%)", expert_series),
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
    with_data = [row for row in rows if row[3] != NO_DATA]
    return Dataset(
        slug="evaluation-response-rates",
        title="Response rates of the evaluations",
        description="People asked to evaluate and people who answered, by the year the event "
        "began: participants and experts right after the event, the requesting institution "
        "in the follow-up months later.",
        header=[
            "Year",
            "Participants asked",
            "Participants answered",
            "Participants (%)",
            "Experts asked",
            "Experts answered",
            "Experts (%)",
            "Follow-ups asked",
            "Follow-ups answered",
            "Follow-ups (%)",
        ],
        rows=rows,
        total=None,
        chart_kind="line",
        chart_labels=[str(row[0]) for row in with_data],
        chart_series=[charts.Series("Participants (%)", [row[3] for row in with_data])],
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
        title="Impact reported in the follow-up",
        description="Share of events whose requesting institution reported, in the follow-up "
        "about six months later, each kind of change, by the year the event began.",
        header=[
            "Year",
            "Events with a follow-up answer",
            *(f"{text} (%)" for text in IMPACT_KEYS.values()),
        ],
        rows=rows,
        total=None,
        chart_kind="line",
        chart_labels=[str(row[0]) for row in with_data],
        chart_series=[
            charts.Series("Legislation drafted or adopted (%)", [row[2] for row in with_data])
        ],
    )


def by_group(figures, *, slug, title, name, label):
    rows = [
        [label(key), figure.ratings_count(OVERALL_KEY), shown(figure.good_share(OVERALL_KEY)),
         shown(figure.good_share(EXPERT_RATING_KEY)),
         shown(figure.response_rate(Audience.PARTICIPANTS))]
        for key, figure in figures.items()
    ]  # fmt: skip
    with_data = [row for row in rows if row[2] != NO_DATA]
    return Dataset(
        slug=slug,
        title=title,
        description=f"Satisfaction and participants' response rate by {name}; only {name}s "
        "with evaluations are listed.",
        header=[
            name.capitalize(),
            "Ratings of events",
            "Events rated excellent or good (%)",
            "Experts rated excellent or good (%)",
            "Participants answering (%)",
        ],
        rows=rows,
        total=None,
        chart_kind="bars",
        chart_labels=[str(row[0]) for row in with_data],
        chart_series=[
            charts.Series("Events rated excellent or good (%)", [row[2] for row in with_data])
        ],
        empty_text="No data: no event matching these filters was evaluated.",
    )


def window_names():
    from taiex.reference.models import Window

    names = dict(Window.objects.values_list("code", "name"))
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
                 title="Satisfaction by type of event", name="type", label=type_name),
        by_group(groups["window"], slug="evaluation-by-window",
                 title="Satisfaction by region (window)", name="region", label=window_names()),
        by_group(groups["chapter"], slug="evaluation-by-chapter",
                 title="Satisfaction by chapter", name="chapter", label=lambda n: f"Chapter {n}"),
    ]  # fmt: skip
    return {dataset.slug: dataset for dataset in datasets}
