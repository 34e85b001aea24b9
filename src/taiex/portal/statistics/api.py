"""Public API of the statistics: every figure of the statistics page under the same filters.

The figures mean what `taiex.events.queries.statistics` says (public events by the year they
began; participants as recorded per event; expert participations as accepted invitations).
"""

from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError

from taiex.core.text import CleanInput
from taiex.events.queries.statistics import (
    FIRST_YEAR,
    LAST_YEAR,
    Statistics,
    StatisticsFilters,
    statistics_for,
)
from taiex.portal.api import Problem, problem_responses
from taiex.reference.models import Window

router = Router(tags=["statistics"])


class StatisticsQuery(CleanInput, Schema):
    year_from: int | None = Field(
        None, ge=FIRST_YEAR, le=LAST_YEAR, description="First year counted (year of start)."
    )
    year_to: int | None = Field(
        None, ge=FIRST_YEAR, le=LAST_YEAR, description="Last year counted (year of start)."
    )
    window: str | None = Field(
        None, max_length=30, description="A window's code (enlargement, neighbourhood-east...)."
    )


class StatisticsFiltersOut(Schema):
    year_from: int | None
    year_to: int | None
    window: str | None


class StatisticsKeyFiguresOut(Schema):
    events: int
    participants: int
    expert_participations: int = Field(description="Accepted invitations of experts.")
    experts: int = Field(description="Distinct experts among the expert participations.")
    beneficiaries: int = Field(description="Beneficiaries with at least one event.")


class StatisticsTypeCountOut(Schema):
    type: str
    events: int
    participants: int


class StatisticsPeriodOut(Schema):
    year: int
    month: int | None = Field(description="1 to 12 in `months`; null in `years`.")
    events: int
    participants: int
    events_by_type: list[StatisticsTypeCountOut]


class StatisticsNamedCountOut(Schema):
    code: str | None = Field(description="Null for events without a window.")
    name: str
    events: int
    participants: int


class StatisticsCountryOut(Schema):
    code: str
    name: str
    official_footnote: str


class StatisticsWindowCountOut(Schema):
    window: str | None = Field(description="A window's code; null for events without a window.")
    events: int


class StatisticsBeneficiaryOut(Schema):
    country: StatisticsCountryOut
    events: int
    participants: int
    events_by_window: list[StatisticsWindowCountOut]


class StatisticsMemberStateExpertsOut(Schema):
    member_state: StatisticsCountryOut
    expert_participations: int
    experts: int


class StatisticsChapterCountOut(Schema):
    number: int
    name: str
    cluster: str | None
    events: int
    participants: int


class StatisticsClusterCountOut(Schema):
    number: int | None = Field(description="Null for chapters without a cluster.")
    name: str
    events: int


class StatisticsOut(Schema):
    filters: StatisticsFiltersOut
    key_figures: StatisticsKeyFiguresOut
    years: list[StatisticsPeriodOut]
    months: list[StatisticsPeriodOut]
    by_type: list[StatisticsTypeCountOut]
    by_window: list[StatisticsNamedCountOut]
    by_beneficiary: list[StatisticsBeneficiaryOut]
    experts_by_member_state: list[StatisticsMemberStateExpertsOut]
    by_chapter: list[StatisticsChapterCountOut]
    by_cluster: list[StatisticsClusterCountOut]
    events_without_chapter: int


def country_out(label):
    return {"code": label.code, "name": label.name, "official_footnote": label.official_footnote}


def period_out(row):
    return {
        "year": row.year,
        "month": row.month,
        "events": row.events,
        "participants": row.participants,
        "events_by_type": [
            {"type": kind, "events": count, "participants": row.participants_by_type[kind]}
            for kind, count in row.events_by_type.items()
        ],
    }


def statistics_out(statistics: Statistics):
    filters = statistics.filters
    return {
        "filters": {
            "year_from": filters.year_from,
            "year_to": filters.year_to,
            "window": filters.window or None,
        },
        "key_figures": statistics.key_figures,
        "years": [period_out(row) for row in statistics.years],
        "months": [period_out(row) for row in statistics.months],
        "by_type": [
            {"type": row.label.code, "events": row.events, "participants": row.participants}
            for row in statistics.by_type
        ],
        "by_window": [
            {
                "code": row.label.code or None,
                "name": row.label.name,
                "events": row.events,
                "participants": row.participants,
            }
            for row in statistics.by_window
        ],
        "by_beneficiary": [
            {
                "country": country_out(row.country),
                "events": row.events,
                "participants": row.participants,
                "events_by_window": [
                    {"window": code or None, "events": count}
                    for code, count in sorted(row.events_by_window.items())
                ],
            }
            for row in statistics.by_beneficiary
        ],
        "experts_by_member_state": [
            {
                "member_state": country_out(row.member_state),
                "expert_participations": row.participations,
                "experts": row.experts,
            }
            for row in statistics.experts_by_member_state
        ],
        "by_chapter": [
            {
                "number": int(row.chapter.code),
                "name": row.chapter.name,
                "cluster": row.cluster.name if row.cluster.code else None,
                "events": row.events,
                "participants": row.participants,
            }
            for row in statistics.by_chapter
        ],
        "by_cluster": [
            {
                "number": int(row.label.code) if row.label.code else None,
                "name": row.label.name,
                "events": row.events,
            }
            for row in statistics.by_cluster
        ],
        "events_without_chapter": statistics.without_chapter.events,
    }


@router.get(
    "",
    response={200: StatisticsOut, 422: Problem},
    summary="Statistics of implemented events",
    openapi_extra=problem_responses(422),
)
def get_statistics(request, query: Query[StatisticsQuery]):
    """Events by year, month, type, window, beneficiary, chapter and cluster, participants, and
    expert participations by Member State: implemented and closed events only."""
    if query.year_from and query.year_to and query.year_from > query.year_to:
        raise ValidationError(
            [{"loc": ["query", "year_to"], "msg": "The end year is before the start year."}]
        )
    if query.window and not Window.objects.filter(code=query.window).exists():
        raise ValidationError([{"loc": ["query", "window"], "msg": "No window has this code."}])
    filters = StatisticsFilters(
        year_from=query.year_from, year_to=query.year_to, window=query.window or ""
    )
    return statistics_out(statistics_for(filters))


# The evaluation figures have their own module; importing it registers its route here.
from . import evaluation_api  # noqa: E402, F401
