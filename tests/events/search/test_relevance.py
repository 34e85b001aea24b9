"""Hand-made relevance tests of the search module: the same queries give the same top results
on SQLite (FTS5) and PostgreSQL (tsvector); run them on both."""

from datetime import date

import pytest
from django.db import connection

from taiex.events.models import Event
from taiex.events.search import matching, parse_query, ranked_ids, rebuild_index
from taiex.reference.models import Country
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def country(code):
    return Country.objects.get(code=code)


@pytest.fixture
def library():
    """A small catalogue whose best answers a person can tell by reading it."""
    events = {
        "asylum_az": EventFactory(
            reference="SV-2023-0101",
            event_type="study_visit",
            title="Study visit on asylum procedures and reception of asylum seekers",
            summary="Azerbaijani officials study asylum determination in a Member State.",
            beneficiary=country("AZ"),
            start_date=date(2023, 5, 2),
            end_date=date(2023, 5, 4),
        ),
        "asylum_law": EventFactory(
            reference="WS-2024-0102",
            title="Workshop on the EU acquis in justice",
            summary="Judicial training.",
            legislation="Directive 2013/32/EU on common procedures for asylum",
            start_date=date(2024, 2, 1),
            end_date=date(2024, 2, 1),
        ),
        "cacak": EventFactory(
            reference="EM-2022-0103",
            event_type="expert_mission",
            title="Water supply of the town",
            summary="Expert mission to the waterworks.",
            place="Čačak",
            start_date=date(2022, 9, 5),
            end_date=date(2022, 9, 6),
        ),
        "uzice": EventFactory(
            reference="WS-2021-0104",
            title="Local finance workshop",
            summary="Budgeting for municipalities.",
            beneficiary_institutions="City of Užice",
            start_date=date(2021, 4, 1),
            end_date=date(2021, 4, 1),
        ),
        "migration": EventFactory(
            reference="WS-2024-0105",
            title="Irregular migration and return",
            summary="Managing detention centres and voluntary return.",
            start_date=date(2024, 6, 3),
            end_date=date(2024, 6, 3),
        ),
        "detention": EventFactory(
            reference="EM-2020-0106",
            event_type="expert_mission",
            title="Standards of the detention centre",
            summary="Conditions in the detention centre of the police.",
            start_date=date(2020, 1, 8),
            end_date=date(2020, 1, 9),
        ),
        "pristina": EventFactory(
            reference="WS-2019-0107",
            title="Public procurement",
            summary="Procurement review bodies.",
            beneficiary=country("XK"),
            place="",
            start_date=date(2019, 3, 1),
            end_date=date(2019, 3, 1),
        ),
    }
    events["pristina"].other_beneficiaries.set([country("ME")])
    return events


def search(text):
    query = parse_query(text)
    return [Event.objects.get(pk=pk).reference for pk in ranked_ids(Event.objects.all(), query)]


def test_asylum_finds_the_azerbaijani_study_visit_first_then_the_legislation(library):
    assert search("asylum") == ["SV-2023-0101", "WS-2024-0102"]


def test_accents_are_folded_in_places_and_institutions(library):
    assert search("Cacak") == ["EM-2022-0103"]
    assert search("Uzice") == ["WS-2021-0104"]
    assert search("čačak") == ["EM-2022-0103"]


def test_migrant_finds_migration(library):
    assert search("migrant") == ["WS-2024-0105"]


def test_plural_finds_singular_and_the_title_ranks_first(library):
    assert search("detention centres") == ["EM-2020-0106", "WS-2024-0105"]


def test_events_matching_every_word_come_first_then_those_matching_some(library):
    assert search("asylum Azerbaijani") == ["SV-2023-0101", "WS-2024-0102"]
    # One word missing does not empty the result: each event matches one of the two words,
    # the rarer word ("water", in one title) first.
    assert search("asylum water") == ["EM-2022-0103", "SV-2023-0101", "WS-2024-0102"]


def test_a_quoted_phrase_must_match_and_a_minus_word_must_not(library):
    assert search('"detention centre"') == ["EM-2020-0106", "WS-2024-0105"]
    assert search('"centre of the police"') == ["EM-2020-0106"]
    assert search("detention -police") == ["WS-2024-0105"]
    assert search('asylum -"asylum seekers"') == ["WS-2024-0102"]


def test_country_names_are_searchable_including_other_beneficiaries(library):
    assert search("Montenegro") == ["WS-2019-0107"]
    assert search("Azerbaijan") == ["SV-2023-0101"]


def test_stop_words_and_punctuation_are_ignored(library):
    assert search("the asylum!") == ["SV-2023-0101", "WS-2024-0102"]
    assert search("2013/32/EU") == ["WS-2024-0102"]
    assert search('"OR" AND (NEAR') == []


def test_an_edited_event_is_found_by_its_new_words(library):
    event = library["cacak"]
    event.title = "Sanitation of the river"
    event.save()

    assert search("sanitation") == ["EM-2022-0103"]
    assert search("supply") == []


def test_a_renamed_country_and_a_removed_beneficiary_update_the_index(library):
    library["pristina"].other_beneficiaries.clear()

    assert search("Montenegro") == []


def test_bulk_created_events_are_indexed(library):
    Event.objects.bulk_create(
        [
            Event(
                reference="WS-1999-0001",
                event_type="workshop",
                state="implemented",
                title="Veterinary border checks",
                beneficiary=country("AL"),
                start_date=date(1999, 1, 1),
            )
        ]
    )

    assert search("veterinary") == ["WS-1999-0001"]


def test_deleted_events_leave_the_index(library):
    library["cacak"].delete()

    assert search("cacak") == []


def test_rebuild_index_gives_the_same_answers(library):
    rebuild_index()

    assert search("asylum") == ["SV-2023-0101", "WS-2024-0102"]
    assert search("Uzice") == ["WS-2021-0104"]


def test_matching_narrows_a_queryset(library):
    events = matching(Event.objects.filter(event_type="study_visit"), parse_query("asylum"))

    assert [event.reference for event in events] == ["SV-2023-0101"]


@pytest.mark.django_db(transaction=True)
def test_the_index_survives_a_flush_between_transactional_tests():
    EventFactory(reference="WS-2018-0001", title="Veterinary checks", start_date=date(2018, 1, 1))

    assert search("veterinary") == ["WS-2018-0001"]
    assert connection.vendor in {"sqlite", "postgresql"}
