"""log_action() and activity_of(): the audit log."""

from django.contrib.auth.models import AnonymousUser

from taiex.core.audit import activity_of, log_action
from taiex.core.models import ActivityLog
from tests.factories import EventFactory, UserFactory


def test_log_action_records_who_did_what_to_which_object(db):
    actor = UserFactory(full_name="Carla Case Handler")
    event = EventFactory(reference="WS-2026-0007")

    entry = log_action(
        event,
        actor=actor,
        action="mark_implemented",
        from_state="planned",
        to_state="implemented",
        note="Took place.",
        data={"participants": 30},
    )

    entry.refresh_from_db()
    assert (
        entry.actor,
        entry.action,
        entry.subject,
        entry.object_repr,
        entry.from_state,
        entry.to_state,
        entry.note,
        entry.data,
    ) == (
        actor,
        "mark_implemented",
        event,
        "WS-2026-0007",
        "planned",
        "implemented",
        "Took place.",
        {"participants": 30},
    )


def test_log_action_without_a_person_records_the_system(db):
    event = EventFactory()

    by_system = log_action(event, actor=None, action="close")
    by_anonymous = log_action(event, actor=AnonymousUser(), action="close")

    assert (by_system.actor, by_anonymous.actor) == (None, None)
    assert (by_system.from_state, by_system.note, by_system.data) == ("", "", {})


def test_activity_of_lists_one_objects_rows_oldest_first(db):
    event, other = EventFactory(), EventFactory()
    first = log_action(event, actor=None, action="create")
    log_action(other, actor=None, action="create")
    second = log_action(event, actor=None, action="close")

    assert list(activity_of(event)) == [first, second]
    assert ActivityLog.objects.count() == 3
