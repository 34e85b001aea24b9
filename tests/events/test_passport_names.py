"""The name as in the passport: given by the expert (their account) or the travelling participant
(their personal link), checked, audit-logged without the name, shown on the bookings page to those
who book (the contractor, the case handler) and to nobody else there, exported and erased."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.urls import reverse

from taiex.accounts.models import Contractor
from taiex.core.models import ActivityLog
from taiex.events.models import Event
from taiex.events.personal_data import export_participant
from taiex.events.services.errors import EventError
from taiex.events.services.logistics import assign_contractor
from taiex.events.services.participants import erase_participant
from taiex.events.services.passport_names import clean_passport_name, save_passport_name
from taiex.events.services.travellers import traveller_token
from taiex.experts.services.personal_data import erase_expert, export_expert_data
from taiex.reference.models import Country
from tests.factories import ExpertFactory
from tests.factories.money import EventExpertFactory, TravelFactory
from tests.factories.participants import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(event, case_handler):
    """The Serbian workshop shared with Albania, organised by Balkan Events Ltd."""
    event.venue_country = Country.objects.get(code="RS")
    event.save()
    event.other_beneficiaries.add(Country.objects.get(code="AL"))
    assign_contractor(
        event, Contractor.objects.get_or_create(name="Balkan Events Ltd")[0], actor=case_handler
    )
    return event


@pytest.fixture
def anna(assigned):
    participant = ParticipantFactory(
        event=assigned, full_name="Anna Albanian", country=Country.objects.get(code="AL")
    )
    TravelFactory(
        event_expert=None,
        participant=participant,
        event=assigned,
        outbound_date=date(2026, 4, 13),
        outbound_departure=time(15, 20),
        return_date=date(2026, 4, 16),
        return_arrival=time(17, 0),
        cost=Decimal("180.00"),
    )
    return participant


@pytest.fixture
def tina(assigned):
    expert = ExpertFactory(user__full_name="Tina Travnik")
    return EventExpertFactory(event=assigned, expert=expert)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  TRAVNIK   Tina ", "TRAVNIK Tina"),
        ("Željko O\u2019Brien-Đukić", "Željko O\u2019Brien-Đukić"),
        ("Anne-Marie d'Arc Jr.", "Anne-Marie d'Arc Jr."),
        ("Ελένη Παπαδοπούλου", "Ελένη Παπαδοπούλου"),
    ],
)
def test_a_passport_name_is_kept_as_written(typed, stored):
    assert clean_passport_name(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("   ", "Write your name as in your passport."),
        ("Tina 2", "letters, spaces, hyphens, apostrophes and full stops only."),
        ("<b>Tina</b>", "letters, spaces, hyphens, apostrophes and full stops only."),
        ("Tina\u200bTravnik", "letters, spaces, hyphens, apostrophes and full stops only."),
        ("-'.", "letters, spaces, hyphens, apostrophes and full stops only."),
        ("A" * 201, "The name can have at most 200 characters."),
    ],
)
def test_a_wrong_passport_name_is_refused(typed, message):
    with pytest.raises(EventError) as refused:
        clean_passport_name(typed)

    assert refused.value.field == "passport_name"
    assert message in str(refused.value)


def test_the_participant_gives_it_through_the_link_logged_without_the_name(client, anna):
    url = reverse("events:own_travel_costs", args=[traveller_token(anna)])

    response = client.post(url, {"part": "passport", "passport_name": "ALBANIAN Anna Maria"})

    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.passport_name == "ALBANIAN Anna Maria"
    row = ActivityLog.objects.get(action="give_passport_name")
    assert (row.actor, row.object_id, row.note) == (
        None,
        str(anna.pk),
        "Name as in the passport given for travel bookings.",
    )
    assert "ALBANIAN" not in f"{row.note} {row.data} {row.object_repr}"
    assert "Saved: ALBANIAN Anna Maria." in client.get(url).content.decode()


def test_a_wrong_name_through_the_link_is_a_form_error_and_nothing_is_stored(client, anna):
    url = reverse("events:own_travel_costs", args=[traveller_token(anna)])

    response = client.post(url, {"part": "passport", "passport_name": "Anna 007"})

    assert response.status_code == 400
    assert response.context["passport_form"].errors["passport_name"] == [
        "Write the name as in the passport: letters, spaces, hyphens, apostrophes and full "
        "stops only."
    ]
    anna.refresh_from_db()
    assert anna.passport_name == ""
    assert not ActivityLog.objects.filter(action="give_passport_name").exists()


def test_the_expert_gives_and_changes_it_on_their_account(client, tina):
    user = tina.expert.user
    client.force_login(user)
    url = reverse("events:my_passport_name")

    first = client.post(url, {"passport_name": "TRAVNIK Tina"})
    second = client.post(url, {"passport_name": "TRAVNIK KOVAČ Tina"})

    assert (first.status_code, second.status_code) == (302, 302)
    tina.expert.refresh_from_db()
    assert tina.expert.passport_name == "TRAVNIK KOVAČ Tina"
    assert list(
        ActivityLog.objects.filter(object_id=str(tina.expert.pk))
        .filter(action__endswith="passport_name")
        .values_list("action", "actor")
        .order_by("pk")
    ) == [("give_passport_name", user.pk), ("change_passport_name", user.pk)]


def test_the_passport_name_page_is_for_experts_only(client, case_handler):
    client.force_login(case_handler)

    assert client.get(reverse("events:my_passport_name")).status_code == 404


def test_those_who_book_see_it_and_staff_who_only_read_do_not(
    client, assigned, anna, tina, contractor, case_handler, other_team_case_handler
):
    save_passport_name(anna, "ALBANIAN Anna", actor=None)
    save_passport_name(tina.expert, "TRAVNIK Tina", actor=tina.expert.user)
    url = reverse("events:bookings", args=[assigned.pk])
    pages = {}
    for name, user in [
        ("contractor", contractor),
        ("case_handler", case_handler),
        ("other", other_team_case_handler),
    ]:
        client.force_login(user)
        pages[name] = client.get(url).content.decode()

    for name in ("contractor", "case_handler"):
        assert "Passport: ALBANIAN Anna" in pages[name]
        assert "Passport: TRAVNIK Tina" in pages[name]
    assert "ALBANIAN Anna" not in pages["other"]
    assert "TRAVNIK Tina" not in pages["other"]


def test_export_and_erasure_of_the_participant(anna, case_handler):
    save_passport_name(anna, "ALBANIAN Anna", actor=None)

    assert export_participant(anna)["registrations"][0]["passport_name"] == "ALBANIAN Anna"
    Event.objects.filter(pk=anna.event_id).update(state="implemented")  # once it took place
    anna.refresh_from_db()
    erase_participant(anna, actor=case_handler, reason="Asked by the person.")

    anna.refresh_from_db()
    assert anna.passport_name == ""


def test_export_and_erasure_of_the_expert(tina, head_of_unit):
    expert = tina.expert
    save_passport_name(expert, "TRAVNIK Tina", actor=expert.user)

    assert export_expert_data(expert)["profile"]["passport_name"] == "TRAVNIK Tina"
    erase_expert(expert, actor=head_of_unit)

    expert.refresh_from_db()
    assert expert.passport_name == ""
