"""The state table of a request: every pair of states, allowed or refused."""

import itertools

import pytest

from taiex.applications.enums import ApplicationState
from taiex.applications.models import Application
from taiex.applications.workflow import MOVES, TransitionNotAllowed, transition
from taiex.core.audit import activity_of
from tests.factories import ApplicationFactory, UserFactory

ALL_PAIRS = list(itertools.product(ApplicationState.values, ApplicationState.values))


def test_state_table_covers_every_pair_of_states():
    assert len(ALL_PAIRS) == 100


@pytest.mark.django_db
@pytest.mark.parametrize(("from_state", "to_state"), ALL_PAIRS)
def test_transition_follows_the_state_table(from_state, to_state):
    actor = UserFactory()
    application = ApplicationFactory(state=from_state)

    if (from_state, to_state) in MOVES:
        transition(application, to_state, actor=actor, note="Because.")

        assert application.state == to_state
        assert Application.objects.get(pk=application.pk).state == to_state
        assert list(
            activity_of(application).values_list(
                "action", "from_state", "to_state", "actor", "note"
            )
        ) == [(MOVES[(from_state, to_state)], from_state, to_state, actor.pk, "Because.")]
    else:
        with pytest.raises(TransitionNotAllowed):
            transition(application, to_state, actor=actor)

        assert application.state == from_state
        assert Application.objects.get(pk=application.pk).state == from_state
        assert activity_of(application).count() == 0
