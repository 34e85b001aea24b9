"""manage.py generate_history at a small scale: exact counts, the same rows for the same seed,
and rows that hang together (references, counters, beneficiaries open on the day, experts of
Member States, participants' counts, requests linked to their events)."""

import re
import unicodedata
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.hashers import is_password_usable
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q

from taiex.accounts.models import User
from taiex.applications.enums import ApplicationState
from taiex.applications.models import Application
from taiex.core.models import Sequence
from taiex.evaluations.models import Answer, EvaluationRequest, EventEvaluation, Response
from taiex.evaluations.statistics import evaluation_figures
from taiex.events import search
from taiex.events.enums import PUBLIC_STATES, REFERENCE_PREFIX, EventState, ParticipantState
from taiex.events.models import Event, HostAgreement, Participant
from taiex.events.services import next_event_reference
from taiex.experts.enums import VerificationState
from taiex.experts.models import Expert
from taiex.reference.enums import Modality
from taiex.reference.queries import windows_open_for
from taiex.staffing.enums import InvitationState
from taiex.staffing.models import Invitation
from tests.factories import EventFactory

SMALL = ["--events", "120", "--experts", "80", "--participations", "2500", "--requests", "150"]


def folded(text):
    """The text without its accents: "Čačak" -> "Cacak"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def generate(*args):
    out = StringIO()
    call_command("generate_history", *SMALL, *args, stdout=out)
    return out.getvalue()


def snapshot():
    """The generated rows, without ids and timestamps of the run."""
    return {
        "events": list(
            Event.objects.order_by("reference").values_list(
                "reference", "title", "summary", "place", "start_date", "end_date", "state",
                "modality", "beneficiary__code", "window__code", "participants_count",
                "application__reference",
            )
        ),
        "participants": list(
            Participant.objects.order_by("check_code").values_list(
                "event__reference", "full_name", "institution", "state", "check_code",
                "registered_at",
            )
        ),
        "experts": list(
            Expert.objects.order_by("user__email").values_list(
                "user__full_name", "member_state__code", "expertise", "created_at"
            )
        ),
        "requests": list(
            Application.objects.order_by("created_at", "title").values_list(
                "reference", "state", "title", "country__code", "submitted_at", "decided_at"
            )
        ),
        "invitations": list(
            Invitation.objects.order_by("event__reference", "expert__user__email").values_list(
                "event__reference", "expert__user__email", "role", "state"
            )
        ),
    }  # fmt: skip


def generate_and_forget(*args):
    """Generate, take the snapshot, and roll the rows back."""
    with transaction.atomic():
        generate(*args)
        taken = snapshot()
        transaction.set_rollback(True)
    return taken


@pytest.fixture
def history(db):
    return generate("--seed", "7")


def test_generate_history_creates_exactly_the_counts_asked(history):
    assert Event.objects.count() == 120
    assert Expert.objects.count() == 80
    assert Participant.objects.count() == 2500
    assert Application.objects.count() == 150
    assert "participants" in history
    assert "History generated in" in history


def test_generate_history_gives_the_same_rows_for_the_same_seed(db):
    first = generate_and_forget("--seed", "7")
    again = generate_and_forget("--seed", "7")
    other = generate_and_forget("--seed", "8")

    assert first == again
    assert len(first["participants"]) == 2500
    assert first["events"] != other["events"]


def test_generate_history_counts_approved_participants_on_each_event(history):
    approved = Count("participants", filter=Q(participants__state=ParticipantState.APPROVED))
    events = Event.objects.annotate(approved=approved)

    assert [e.reference for e in events if e.state != EventState.CANCELLED and
            e.participants_count != e.approved] == []  # fmt: skip
    assert set(
        events.filter(state=EventState.CANCELLED).values_list("participants_count", flat=True)
    ) <= {None}
    assert not Participant.objects.filter(event__state=EventState.CANCELLED).exists()
    assert Participant.objects.filter(state=ParticipantState.APPROVED).count() > 2000


def test_generate_history_numbers_events_like_the_application_and_continues_the_counters(
    history,
):
    references = list(Event.objects.values_list("reference", "event_type", "start_date"))
    numbers = {}
    for reference, kind, start in references:
        prefix, year, number = reference.split("-")
        assert prefix == REFERENCE_PREFIX[kind]
        assert int(year) == start.year
        numbers.setdefault(f"{prefix}-{year}", []).append(int(number))

    for key, used in numbers.items():
        assert sorted(used) == list(range(1, len(used) + 1))
        assert Sequence.objects.get(key=key).value == len(used)
    key = next(iter(numbers))
    prefix, year = key.split("-")
    kind = next(k for k, p in REFERENCE_PREFIX.items() if p == prefix)
    assert next_event_reference(kind, int(year)) == f"{key}-{len(numbers[key]) + 1:04d}"


def test_generate_history_places_every_event_in_a_window_open_on_its_day(history):
    events = Event.objects.select_related("beneficiary", "window")

    assert {e.start_date.year for e in events} <= set(range(1996, 2026))
    for event in events:
        assert event.window in windows_open_for(event.beneficiary, event.start_date)
        assert event.end_date >= event.start_date
        if event.modality != Modality.ON_SITE:
            assert event.start_date >= date(2020, 6, 1)
    assert {e.state for e in events} <= {
        EventState.CLOSED, EventState.IMPLEMENTED, EventState.CANCELLED
    }  # fmt: skip
    assert not events.filter(state=EventState.CANCELLED, cancellation_reason="").exists()


def test_generate_history_invites_verified_experts_of_member_states_of_the_day(history):
    invitations = Invitation.objects.select_related("event", "expert__member_state")

    assert invitations.exists()
    for invitation in invitations:
        assert invitation.state == InvitationState.ACCEPTED
        assert invitation.expert.member_state.is_member_state_on(invitation.event.start_date)
        assert invitation.expert.created_at <= invitation.invited_at
    assert not invitations.filter(event__state=EventState.CANCELLED).exists()
    assert set(Expert.objects.values_list("verification_state", flat=True)) == {
        VerificationState.VERIFIED
    }
    users = User.objects.filter(expert__isnull=False)
    assert users.count() == 80
    assert not any(is_password_usable(user.password) for user in users)
    assert all(re.fullmatch(r"expert\.\d+@history\.example\.org", u.email) for u in users)


def test_generate_history_links_approved_requests_to_their_events(history):
    approved = (
        Application.objects.filter(state=ApplicationState.APPROVED)
        .select_related("country")
        .prefetch_related("events")
    )

    assert approved.count() == Event.objects.filter(application__isnull=False).count() > 0
    for application in approved:
        (event,) = application.events.all()
        assert event.beneficiary_id == application.country_id
        assert event.title == application.title
        assert application.decided_at.date() < event.start_date
        assert re.fullmatch(r"APP-\d{4}-\d{5}", application.reference)
    drafts = Application.objects.filter(state=ApplicationState.DRAFT)
    assert not drafts.exclude(reference=None).exists()
    assert (
        not Application.objects.exclude(state=ApplicationState.APPROVED)
        .filter(events__isnull=False)
        .exists()
    )


def test_generate_history_leaves_every_event_findable_by_the_search(history):
    with_accents = (
        Event.objects.filter(state__in=PUBLIC_STATES).exclude(place="").order_by("reference")
    )
    event = next(e for e in with_accents if e.place != folded(e.place))
    everything = Event.objects.all()

    assert event in search.matching(everything, search.parse_query(folded(event.place)))
    assert event in search.matching(everything, search.parse_query(event.title))


def test_generate_history_refuses_a_database_that_holds_events(db):
    EventFactory()

    with pytest.raises(CommandError) as refused:
        generate()

    assert str(refused.value) == (
        "This database already holds data (events: 1). generate_history adds a whole history and "
        "would mix it with them: run it on a freshly migrated database, or pass --force to "
        "add to what is there."
    )
    assert Event.objects.count() == 1


def test_generate_history_adds_to_a_database_with_force_and_skips_taken_references(db):
    existing = EventFactory(reference="WS-2019-0001", start_date=date(2019, 5, 7),
                            end_date=date(2019, 5, 8))  # fmt: skip

    generate("--force", "--seed", "7")

    assert Event.objects.count() == 121
    assert Event.objects.filter(reference=existing.reference).get() == existing
    numbers = sorted(
        int(reference.rsplit("-", 1)[1])
        for reference in Event.objects.filter(reference__startswith="WS-2019-").values_list(
            "reference", flat=True
        )
    )
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) > 1


def test_generate_history_evaluates_recent_events_with_realistic_rates(history):
    rates = {
        audience: (
            EvaluationRequest.objects.filter(audience=audience, state="answered").count()
            / EvaluationRequest.objects.filter(audience=audience).count()
        )
        for audience in ("participants", "experts", "follow_up")
    }
    figures = evaluation_figures()

    assert EventEvaluation.objects.filter(event__start_date__year__lt=2017).count() == 0
    assert EventEvaluation.objects.count() > 0
    assert 0.5 < rates["participants"] < 0.7
    assert 0.7 < rates["experts"] < 0.9
    assert 0.25 < rates["follow_up"] < 0.55
    assert Response.objects.count() == EvaluationRequest.objects.filter(state="answered").count()
    assert min(figures) >= 2017
    # Ratings are drawn per event (a good event is rated well by most of its participants), so
    # a year of this small history (a dozen events) can fall below; over all years the share is
    # the instrument's (about nine in ten excellent or good).
    rated = [f.ratings["overall"] for f in figures.values() if f.ratings_count("overall")]
    good_share = sum(good for _total, good in rated) / sum(total for total, _good in rated)
    assert 0.8 <= good_share <= 0.95
    assert Answer.objects.filter(question__key="expert_rating", expert__isnull=True).count() == 0


def test_generate_history_study_visits_have_an_agreed_host_and_no_experts(history):
    study_visits = Event.objects.filter(event_type="study_visit").select_related(
        "host_institution__country", "application__host_country"
    )
    agreements = HostAgreement.objects.filter(event__in=study_visits)

    assert study_visits.exists()
    assert not Invitation.objects.filter(event__in=study_visits).exists()
    assert set(study_visits.values_list("experts_needed", flat=True)) == {0}
    assert agreements.count() == study_visits.count()
    for agreement in agreements.select_related("event", "institution__country"):
        event = agreement.event
        assert (agreement.state, agreement.institution_id) == ("agreed", event.host_institution_id)
        assert agreement.institution.country.is_member_state_on(event.start_date)
        assert agreement.asked_at <= agreement.answered_at
        assert agreement.answered_at.date() < event.start_date
    requests = Application.objects.filter(assistance_type="study_visit")
    assert set(requests.values_list("experts_count", flat=True)) == {None}
    assert not requests.filter(host_country__isnull=True, host_left_to_programme=False).exists()
    assert requests.filter(host_left_to_programme=True).exists()
    for event in study_visits.filter(application__host_country__isnull=False):
        assert event.application.host_country == event.host_institution.country


def test_generate_history_asks_interpretation_pairs_and_their_events_have_them(history):
    from taiex.applications.models import InterpretationPair
    from taiex.events.models import EventInterpretationPair

    pairs = InterpretationPair.objects.select_related("application", "source", "target")

    assert pairs.exists()
    for pair in pairs:
        assert pair.source_id != pair.target_id
        assert "en" in (pair.source.code, pair.target.code)
        assert pair.application.modality != Modality.ONLINE
        expected = (
            "simultaneous" if pair.application.assistance_type == "workshop" else "consecutive"
        )
        assert pair.mode == expected
    approved = pairs.filter(application__state=ApplicationState.APPROVED)
    assert approved.exists()
    for pair in approved:
        event = pair.application.events.get()
        assert EventInterpretationPair.objects.filter(
            event=event, source=pair.source, target=pair.target, mode=pair.mode
        ).exists()
    assert EventInterpretationPair.objects.count() == approved.count()
