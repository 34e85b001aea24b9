"""Public API of the evaluation figures: aggregates by year of the event's start (shares of
"excellent or good" ratings, response rates, follow-up impact); null where nothing was
evaluated, never a misleading 0. No individual answer ever leaves through here."""

from ninja import Query, Schema
from ninja.errors import ValidationError

from taiex.evaluations.enums import EXPERT_RATING_KEY, IMPACT_KEYS, OVERALL_KEY, Audience
from taiex.evaluations.statistics import cached_evaluation_figures
from taiex.events.queries.statistics import StatisticsFilters
from taiex.portal.api import Problem, problem_responses
from taiex.reference.models import Window

from .api import StatisticsQuery, router


class EvaluationYearOut(Schema):
    year: int
    participants_asked: int
    participants_answered: int
    participants_response_rate: int | None
    experts_asked: int
    experts_answered: int
    experts_response_rate: int | None
    follow_ups_asked: int
    follow_ups_answered: int
    follow_ups_response_rate: int | None
    event_ratings: int
    events_rated_excellent_or_good_percent: int | None
    expert_ratings: int
    experts_rated_excellent_or_good_percent: int | None
    events_with_follow_up: int
    impact_percent: dict[str, int | None]


class EvaluationStatisticsOut(Schema):
    years: list[EvaluationYearOut]


def year_out(year, figure):
    return {
        "year": year,
        "participants_asked": figure.asked.get(Audience.PARTICIPANTS, 0),
        "participants_answered": figure.answered.get(Audience.PARTICIPANTS, 0),
        "participants_response_rate": figure.response_rate(Audience.PARTICIPANTS),
        "experts_asked": figure.asked.get(Audience.EXPERTS, 0),
        "experts_answered": figure.answered.get(Audience.EXPERTS, 0),
        "experts_response_rate": figure.response_rate(Audience.EXPERTS),
        "follow_ups_asked": figure.asked.get(Audience.FOLLOW_UP, 0),
        "follow_ups_answered": figure.answered.get(Audience.FOLLOW_UP, 0),
        "follow_ups_response_rate": figure.response_rate(Audience.FOLLOW_UP),
        "event_ratings": figure.ratings_count(OVERALL_KEY),
        "events_rated_excellent_or_good_percent": figure.good_share(OVERALL_KEY),
        "expert_ratings": figure.ratings_count(EXPERT_RATING_KEY),
        "experts_rated_excellent_or_good_percent": figure.good_share(EXPERT_RATING_KEY),
        "events_with_follow_up": figure.impact_events,
        "impact_percent": {key: figure.impact_share(key) for key in IMPACT_KEYS},
    }


@router.get(
    "evaluations",
    response={200: EvaluationStatisticsOut, 422: Problem},
    summary="Evaluation figures of implemented events",
    openapi_extra=problem_responses(422),
)
def get_evaluation_statistics(request, query: Query[StatisticsQuery]):
    """Per year with evaluations: people asked and answering, the share of participants'
    ratings of the event and of its experts that are excellent or good, and the share of
    followed-up events reporting each kind of change. Years without evaluations are absent."""
    if query.year_from and query.year_to and query.year_from > query.year_to:
        raise ValidationError(
            [{"loc": ["query", "year_to"], "msg": "The end year is before the start year."}]
        )
    if query.window and not Window.objects.filter(code=query.window).exists():
        raise ValidationError([{"loc": ["query", "window"], "msg": "No window has this code."}])
    filters = StatisticsFilters(
        year_from=query.year_from, year_to=query.year_to, window=query.window or ""
    )
    figures = cached_evaluation_figures(filters)["year"]
    return {"years": [year_out(year, figure) for year, figure in figures.items()]}
