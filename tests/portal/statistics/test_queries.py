"""The figures of the statistics, on the hand-made history of conftest.py."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from taiex.events.queries.statistics import (
    Label,
    StatisticsFilters,
    compute_statistics,
    statistics_for,
    statistics_version,
)
from taiex.events.services import mark_event_implemented
from tests.factories import EventFactory

NO_TYPES = {"workshop": 0, "expert_mission": 0, "study_visit": 0}


def test_key_figures_count_public_events_only(history):
    statistics = compute_statistics(StatisticsFilters())

    assert statistics.key_figures == {
        "events": 5,
        "participants": 90,
        "expert_participations": 3,
        "experts": 2,
        "beneficiaries": 4,
    }


def test_events_per_year_by_type_keep_years_without_events(history):
    statistics = compute_statistics(StatisticsFilters())

    assert [(row.year, row.events_by_type, row.participants) for row in statistics.years] == [
        (2022, {**NO_TYPES, "workshop": 1}, 30),
        (2023, NO_TYPES, 0),
        (2024, {**NO_TYPES, "workshop": 1, "expert_mission": 1}, 52),
        (2025, {**NO_TYPES, "workshop": 1, "study_visit": 1}, 8),
    ]


def test_months_of_a_year(history):
    statistics = compute_statistics(StatisticsFilters(year_from=2024, year_to=2024))

    assert [(row.year, row.month, row.events, row.participants) for row in statistics.months] == [
        (2024, 3, 1, 40),
        (2024, 10, 1, 12),
    ]


def test_by_type(history):
    statistics = compute_statistics(StatisticsFilters())

    assert [(row.label.code, row.events, row.participants) for row in statistics.by_type] == [
        ("workshop", 3, 78),
        ("expert_mission", 1, 12),
        ("study_visit", 1, 0),
    ]


def test_by_window_puts_events_without_window_last(history):
    statistics = compute_statistics(StatisticsFilters())

    assert [(row.label.name, row.events, row.participants) for row in statistics.by_window] == [
        ("Enlargement", 3, 52),
        ("Neighbourhood East", 1, 30),
        ("No window", 1, 8),
    ]


def test_by_beneficiary_and_window_most_events_first(history):
    statistics = compute_statistics(StatisticsFilters())

    assert [
        (row.country.code, row.events_by_window, row.events, row.participants)
        for row in statistics.by_beneficiary
    ] == [
        ("RS", {"enlargement": 1, "": 1}, 2, 48),
        ("AL", {"enlargement": 1}, 1, 0),
        ("XK", {"enlargement": 1}, 1, 12),
        ("UA", {"neighbourhood-east": 1}, 1, 30),
    ]
    kosovo = statistics.by_beneficiary[2].country
    assert kosovo.name == "Kosovo*"
    assert kosovo.official_footnote.startswith("This designation is without prejudice")


def test_experts_by_member_state_count_accepted_invitations_of_public_events(history):
    statistics = compute_statistics(StatisticsFilters())

    assert [
        (row.member_state.code, row.participations, row.experts)
        for row in statistics.experts_by_member_state
    ] == [("SI", 2, 1), ("HR", 1, 1)]


def test_by_chapter_and_cluster(history):
    statistics = compute_statistics(StatisticsFilters())

    assert [
        (row.chapter.code, row.cluster.name, row.events, row.participants)
        for row in statistics.by_chapter
    ] == [
        ("23", "Fundamentals", 1, 40),
        ("24", "Fundamentals", 3, 60),
        ("27", "Green agenda and sustainable connectivity", 1, 0),
    ]
    # WS-2024-0001 has two chapters of Fundamentals: the cluster counts it once.
    assert [(row.label.name, row.events) for row in statistics.by_cluster] == [
        ("Fundamentals", 3),
        ("Green agenda and sustainable connectivity", 1),
    ]
    assert (statistics.without_chapter.events, statistics.without_chapter.participants) == (1, 30)


def test_period_filter(history):
    statistics = compute_statistics(StatisticsFilters(year_from=2024, year_to=2024))

    assert statistics.key_figures == {
        "events": 2,
        "participants": 52,
        "expert_participations": 3,
        "experts": 2,
        "beneficiaries": 2,
    }
    assert [row.year for row in statistics.years] == [2024]


def test_open_ended_period(history):
    statistics = compute_statistics(StatisticsFilters(year_from=2025))

    assert statistics.key_figures["events"] == 2
    assert [row.country.code for row in statistics.by_beneficiary] == ["AL", "RS"]
    assert statistics.experts_by_member_state == []


def test_window_filter(history):
    statistics = compute_statistics(StatisticsFilters(window="neighbourhood-east"))

    assert statistics.key_figures == {
        "events": 1,
        "participants": 30,
        "expert_participations": 0,
        "experts": 0,
        "beneficiaries": 1,
    }
    assert statistics.windows == [Label("neighbourhood-east", "Neighbourhood East")]


def test_nothing_to_count(db):
    statistics = compute_statistics(StatisticsFilters())

    assert statistics.key_figures == {
        "events": 0,
        "participants": 0,
        "expert_participations": 0,
        "experts": 0,
        "beneficiaries": 0,
    }
    assert statistics.years == []
    assert statistics.by_chapter == []


def queries_of(filters):
    with CaptureQueriesContext(connection) as context:
        compute_statistics(filters)
    return len(context.captured_queries)


def test_queries_do_not_grow_with_the_data(db, django_assert_num_queries):
    EventFactory(start_date=date(2020, 1, 1), end_date=date(2020, 1, 1))
    with django_assert_num_queries(6):
        compute_statistics(StatisticsFilters())
    for year in (2021, 2022):
        EventFactory(start_date=date(year, 1, 1), end_date=date(year, 1, 1))
    with django_assert_num_queries(6):
        compute_statistics(StatisticsFilters())


def test_cached_statistics_cost_two_queries(history, django_assert_num_queries):
    statistics_for(StatisticsFilters())

    with django_assert_num_queries(2):  # the version (1) and the shared cache (1)
        statistics = statistics_for(StatisticsFilters())

    assert statistics.key_figures["events"] == 5


def test_a_changed_event_changes_the_cached_statistics(history, case_handler):
    before = statistics_version()
    assert statistics_for(StatisticsFilters()).key_figures["events"] == 5
    planned = history["planned"]
    planned.state = "confirmed"
    planned.save()

    mark_event_implemented(planned, actor=case_handler, participants_count=20)

    assert statistics_version() != before
    statistics = statistics_for(StatisticsFilters())
    assert statistics.key_figures["events"] == 6
    assert statistics.key_figures["participants"] == 110
    # The Croat accepted on the planned workshop now counts too.
    assert statistics.key_figures["expert_participations"] == 4


def test_an_expert_joining_changes_the_cached_statistics(history):
    assert statistics_for(StatisticsFilters()).key_figures["expert_participations"] == 3
    from taiex.events.services.experts import add_expert_to_event
    from taiex.staffing.models import Invitation

    declined = Invitation.objects.get(state="declined")
    add_expert_to_event(declined.event, declined.expert, role=declined.role)

    assert statistics_for(StatisticsFilters()).key_figures["expert_participations"] == 4


def test_a_deleted_event_changes_the_cached_statistics(history):
    assert statistics_for(StatisticsFilters()).key_figures["events"] == 5

    history["ukraine"].delete()

    assert statistics_for(StatisticsFilters()).key_figures["events"] == 4


def test_the_worker_computes_the_statistics_again_after_a_change(
    history, case_handler, django_assert_num_queries
):
    from taiex.core.maintenance import run_periodic
    from taiex.events.queries.statistics import WARMED

    WARMED["version"] = None
    run_periodic()  # the worker's maintenance round
    planned = history["planned"]
    planned.state = "confirmed"
    planned.save()
    mark_event_implemented(planned, actor=case_handler, participants_count=20)

    run_periodic()

    assert WARMED["version"] == statistics_version()
    # The first visitor after the change reads the figures from the shared cache.
    with django_assert_num_queries(2):  # the version and the shared cache
        assert statistics_for(StatisticsFilters()).key_figures["events"] == 6


def test_a_round_without_a_change_computes_nothing(history, django_assert_num_queries):
    from taiex.events.queries.statistics import WARMED, warm_statistics

    warm_statistics()

    assert WARMED["version"] == statistics_version()
    with django_assert_num_queries(1):  # the version only
        warm_statistics()


FILTERS = [
    StatisticsFilters(),
    StatisticsFilters(year_from=2024, year_to=2024),
    StatisticsFilters(year_from=2025),
    StatisticsFilters(year_to=2024),
    StatisticsFilters(window="neighbourhood-east"),
]


def test_the_facts_give_the_figures_of_the_database(history):
    from taiex.events.queries.statistics import version_parts
    from taiex.events.queries.statistics_facts import current_facts, statistics_of

    groups, labels = current_facts(version_parts())
    for filters in FILTERS:
        assert statistics_of(filters, groups, labels) == compute_statistics(filters)


def test_the_first_request_after_a_change_reads_only_the_changed_event(
    history, case_handler, django_assert_num_queries
):
    from taiex.events.queries.statistics import version_parts
    from taiex.events.queries.statistics_facts import current_facts, statistics_of

    assert statistics_for(StatisticsFilters()).key_figures["participants"] == 90
    serbia = history["serbia"]
    serbia.participants_count = 45
    serbia.save()
    # The version (1), the cache (1), what changed since (2), the changed events, their chapters
    # and experts (3), and storing in the database cache (4): whatever the number of events.
    with django_assert_num_queries(12):
        statistics = statistics_for(StatisticsFilters())
    assert statistics.key_figures == {
        "events": 5, "participants": 95, "expert_participations": 3, "experts": 2,
        "beneficiaries": 4,
    }  # fmt: skip
    assert [(row.year, row.month, row.participants) for row in statistics.months][:2] == [
        (2022, 5, 30),
        (2024, 3, 45),
    ]
    assert [(row.chapter.code, row.events, row.participants) for row in statistics.by_chapter][
        :2
    ] == [("23", 1, 45), ("24", 3, 65)]
    groups, labels = current_facts(version_parts())
    for filters in FILTERS:
        assert statistics_of(filters, groups, labels) == compute_statistics(filters)


def test_an_event_leaving_the_counted_ones_is_subtracted(history, case_handler):
    assert statistics_for(StatisticsFilters()).key_figures["events"] == 5
    kosovo = history["kosovo"]
    kosovo.state = "planned"
    kosovo.save()

    statistics = statistics_for(StatisticsFilters())

    assert statistics.key_figures["events"] == 4
    assert statistics.key_figures["participants"] == 78
    assert [(row.chapter.code, row.events) for row in statistics.by_chapter] == [
        ("23", 1), ("24", 2), ("27", 1),
    ]  # fmt: skip
    assert statistics == compute_statistics(StatisticsFilters())


def test_the_statistics_page_shows_the_new_figures_at_once(history, client):
    client.get("/public/statistics/")
    serbia = history["serbia"]
    serbia.participants_count = 1040
    serbia.save()

    response = client.get("/public/statistics/")

    assert response.status_code == 200
    assert response.context["statistics"].key_figures["participants"] == 1090
