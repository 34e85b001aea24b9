"""Migration 0014 turns the one-to-one link of an event to its request into a many-to-one link
without losing a link: back to 0012 and forward again, every event keeps its request."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from taiex.events.models import Event
from taiex.events.search import matching_ids, parse_query
from tests.factories import ApplicationFactory, EventFactory

BEFORE = [("events", "0013_search_postings")]  # before 0014, 0015 and 0016


def latest_of_events():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] == "events"]


@pytest.mark.django_db(transaction=True)
def test_the_series_migration_keeps_every_link_of_an_event_to_its_request(applicant):
    linked = [
        EventFactory(application=ApplicationFactory(created_by=applicant), title=f"Event {n}")
        for n in range(3)
    ]
    alone = EventFactory(application=None, title="Without request", event_type="expert_mission")
    expected = {event.pk: event.application_id for event in [*linked, alone]}

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("events", "Event")
    assert dict(old.objects.values_list("pk", "application_id")) == expected
    assert old._meta.get_field("application").one_to_one

    executor = MigrationExecutor(connection)
    executor.migrate(latest_of_events())

    assert dict(Event.objects.values_list("pk", "application_id")) == expected
    assert Event._meta.get_field("application").many_to_one
    assert list(Event.objects.filter(follows__isnull=False)) == []
    # 0016: the existing expert mission became an advisory mission; the workshops have no kind.
    assert dict(Event.objects.values_list("pk", "mission_kind")) == {
        **{event.pk: "" for event in linked},
        alone.pk: "advice",
    }
    # Now a request can have a second event, and the search index was rebuilt with the rows.
    second = EventFactory(application=linked[0].application, title="Second event")
    assert sorted(linked[0].application.events.values_list("pk", flat=True)) == sorted(
        [linked[0].pk, second.pk]
    )
    assert linked[1].pk in matching_ids(parse_query("Event 1"))
