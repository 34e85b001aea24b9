"""Aggregate figures of evaluations for the public statistics, the annual report and the open
data: satisfaction (share of ratings "excellent" or "good"), response rates and the follow-up's
impact, grouped by year, type, window or chapter under the statistics' filters (years, window).

Only aggregates leave this module. A share whose base is zero is None ("no data"), never 0:
the history has no evaluations for most of its years.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Max, Q
from django.db.models.functions import ExtractYear

from taiex.events.enums import PUBLIC_STATES
from taiex.events.queries.statistics import CACHE_SECONDS, StatisticsFilters, statistics_version
from taiex.reference.enums import AssistanceType

from .enums import EXPERT_RATING_KEY, GOOD_SCORES, IMPACT_KEYS, OVERALL_KEY, Audience
from .models import Answer, EvaluationRequest, Response

GROUPS = {
    "year": "year",
    "type": "event_type",
    "window": "window__code",
    "chapter": "chapters__number",
}


def share(part, whole):
    return round(100 * part / whole) if whole else None


@dataclass
class EvaluationFigures:
    """The figures of one group (a year, a type, a window or a chapter)."""

    key: object
    asked: dict = field(default_factory=dict)  # audience -> people asked
    answered: dict = field(default_factory=dict)  # audience -> people who answered
    ratings: dict = field(default_factory=dict)  # key -> (ratings, excellent or good)
    impact_events: int = 0  # events with a follow-up answer
    impact_yes: dict = field(default_factory=dict)  # impact key -> events answered yes

    def response_rate(self, audience):
        return share(self.answered.get(audience, 0), self.asked.get(audience, 0))

    def good_share(self, key):
        total, good = self.ratings.get(key, (0, 0))
        return share(good, total)

    def ratings_count(self, key):
        return self.ratings.get(key, (0, 0))[0]

    def impact_share(self, key):
        return share(self.impact_yes.get(key, 0), self.impact_events)

    @property
    def has_data(self):
        return any(self.asked.values())


def event_filter(prefix, filters):
    """Q on the event at `prefix` (e.g. "response__event__") for the statistics' filters."""
    condition = Q(**{f"{prefix}state__in": PUBLIC_STATES})
    if filters is not None:
        if filters.year_from:
            condition &= Q(**{f"{prefix}start_date__year__gte": filters.year_from})
        if filters.year_to:
            condition &= Q(**{f"{prefix}start_date__year__lte": filters.year_to})
        if filters.window:
            condition &= Q(**{f"{prefix}window__code": filters.window})
    return condition


def grouped(queryset, prefix, group):
    """`queryset` with a "group" value: the event's start year, its type, window or chapter."""
    if group == "year":
        return queryset.annotate(group=ExtractYear(f"{prefix}start_date"))
    return queryset.annotate(group=F(f"{prefix}{GROUPS[group]}"))


def evaluation_figures(filters=None, *, group="year"):
    """{group value: EvaluationFigures} under `filters` (a StatisticsFilters or None), sorted
    by the group's value. Three queries whatever the number of groups."""
    figures, f = {}, filters

    def of(key):
        if key not in figures:
            figures[key] = EvaluationFigures(key)
        return figures[key]

    requests = (
        grouped(EvaluationRequest.objects.filter(event_filter("event__", f)), "event__", group)
        .values("group", "audience")
        .annotate(asked=Count("pk", distinct=True), answered=Count(
            "pk", distinct=True, filter=Q(state="answered")))
    )  # fmt: skip
    for row in requests:
        if row["group"] is None:
            continue
        of(row["group"]).asked[row["audience"]] = row["asked"]
        of(row["group"]).answered[row["audience"]] = row["answered"]
    ratings = (
        grouped(
            Answer.objects.filter(
                event_filter("response__event__", filters),
                question__key__in=[OVERALL_KEY, EXPERT_RATING_KEY],
                response__audience=Audience.PARTICIPANTS,
                score__isnull=False,
            ),
            "response__event__",
            group,
        )
        .values("group", "question__key")
        .annotate(total=Count("pk", distinct=True), good=Count(
            "pk", distinct=True, filter=Q(score__in=GOOD_SCORES)))
    )  # fmt: skip
    for row in ratings:
        if row["group"] is not None:
            of(row["group"]).ratings[row["question__key"]] = (row["total"], row["good"])
    impact = (
        grouped(
            Answer.objects.filter(
                event_filter("response__event__", filters),
                question__key__in=list(IMPACT_KEYS),
                response__audience=Audience.FOLLOW_UP,
            ),
            "response__event__",
            group,
        )
        .values("group", "response__event", "question__key")
        .annotate(yes=Count("pk", filter=Q(value="yes")))
    )
    seen_events = {}
    for row in impact:
        if row["group"] is None:
            continue
        seen_events.setdefault(row["group"], set()).add(row["response__event"])
        if row["yes"]:
            yes = of(row["group"]).impact_yes
            yes[row["question__key"]] = yes.get(row["question__key"], 0) + 1
    for key, events in seen_events.items():
        of(key).impact_events = len(events)
    return dict(sorted(figures.items()))


CACHE_PREFIX = "evaluation-statistics:1"


def evaluations_version():
    """A value that changes whenever an evaluation figure may change: the events' and experts'
    version (an event leaving the public states, its window or chapters changing), the number of
    people asked and of those who answered, and the responses (their number and latest id; the
    answers of a response are written with it and never edited)."""
    requests = EvaluationRequest.objects.aggregate(
        count=Count("pk"), answered=Count("pk", filter=Q(state="answered"))
    )
    responses = Response.objects.aggregate(count=Count("pk"), last=Max("pk"))
    parts = (requests["count"], requests["answered"], responses["count"], responses["last"])
    return f"{statistics_version()}|{'|'.join(str(part) for part in parts)}"


def cached_evaluation_figures(filters=None):
    """{group: evaluation_figures(filters, group=group)} for every group, from the cache when
    nothing changed since they were computed (four queries), else from the database (twelve
    more) and then cached, as `statistics_for` does for the events' figures."""
    filters = filters or StatisticsFilters()
    key = f"{CACHE_PREFIX}:{filters.cache_key}:{evaluations_version()}"
    figures = cache.get(key)
    if figures is None:
        figures = {group: evaluation_figures(filters, group=group) for group in GROUPS}
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def type_name(code):
    return AssistanceType(code).label if code in AssistanceType.values else code
