# ruff: noqa: RUF001 (Serbian and Ukrainian test data has letters that look Latin)
"""The beneficiary's language: the words of an original-language title in another form find the
event, stemmed by the title's language (Serbian in both scripts, Albanian, Turkish, French,
Ukrainian), and only the title's language stems it."""

from datetime import date

import pytest

from taiex.events.models import Event
from taiex.events.queries.search import SearchFilters, search_events
from taiex.events.search import rebuild_index
from taiex.events.search.stemming import stem_index, stemmer, stems
from taiex.reference.models import Language
from tests.factories import EventFactory

TITLES = [
    # reference, English title, original title, its language
    ("WS-2019-0001", "Public procurement in Serbia", "Јавне набавке у Србији", "sr"),
    ("WS-2019-0002", "Electronic procurement", "Prokurimi elektronik publik", "sq"),
    ("WS-2019-0003", "Tendering rules", "Kamu ihaleleri", "tr"),
    ("WS-2019-0004", "Public contracts in Tunisia", "Marchés publics et concessions", "fr"),
    ("WS-2019-0005", "State purchasing", "Державні закупівлі", "uk"),
    ("WS-2019-0006", "Asylum interviews", "Intervjui sa tražiocima azila", "sr"),
]


@pytest.fixture
def originals(db):
    for number, (reference, title, original, language) in enumerate(TITLES):
        EventFactory(
            reference=reference, title=title, summary="Two days with the institutions.",
            original_title=original, original_language=Language.objects.get(code=language),
            start_date=date(2019, 3, 1 + number), end_date=date(2019, 3, 1 + number),
        )  # fmt: skip


def found(text):
    return [event.reference for event in search_events(SearchFilters(q=text))[:10]]


def test_each_language_has_its_stemmer():
    assert stems("Јавне набавке", "sr") == stems("javnih nabavki", "sr") == {"javn", "nabavk"}
    assert stems("Prokurimi publik", "sq") == stems("prokurimeve publike", "sq")
    assert stems("Prokurimi publik", "sq") == {"prokurim", "publik"}
    assert stems("Kamu ihaleleri", "tr") == stems("kamu ihalelerinde", "tr") == {"kamu", "ihale"}
    assert stems("Marchés publics", "fr") == stems("marché public", "fr") == {"march", "public"}
    assert stems("Державні закупівлі", "uk") == stems("державних закупівель", "uk")
    assert stems("Державні закупівлі", "uk") == {"derzavn", "zakupivl"}
    assert stemmer("vi") is None
    assert stems("mua sắm công", "vi") == set()


def test_other_forms_of_the_original_title_find_the_event(originals):
    assert found("javnih nabavki") == ["WS-2019-0001"]  # Latin script, genitive plural
    assert found("јавним набавкама") == ["WS-2019-0001"]  # Cyrillic, instrumental plural
    assert found("prokurimeve") == ["WS-2019-0002"]
    assert found("ihalelerinde") == ["WS-2019-0003"]
    assert found("marché public") == ["WS-2019-0004", "WS-2019-0001"]
    assert found("державних закупівель") == ["WS-2019-0005"]
    assert found("tražilaca azila") == ["WS-2019-0006"]


def test_a_word_is_stemmed_only_by_the_languages_of_the_titles(originals):
    turkish = Event.objects.get(reference="WS-2019-0003").pk
    assert stem_index().ids("ihalelerinde").tolist() == [turkish]
    assert set(stem_index().postings) == {"sr", "sq", "tr", "fr", "uk"}
    # Without its language an original title is indexed by the database only (no stemmer).
    EventFactory(
        reference="WS-2019-0007", title="Customs", original_title="Carinske procedure",
        original_language=None, start_date=date(2019, 4, 1), end_date=date(2019, 4, 1),
    )  # fmt: skip
    assert stem_index().ids("carinskih").tolist() == []
    assert found("carinske") == ["WS-2019-0007"]


def test_the_stems_follow_a_change_of_the_title(originals, django_assert_num_queries):
    event = EventFactory(
        reference="WS-2019-0008", title="Border police", original_title="Granična policija",
        original_language=Language.objects.get(code="sr"),
        start_date=date(2019, 5, 1), end_date=date(2019, 5, 1),
    )  # fmt: skip
    assert found("graničnoj policiji") == ["WS-2019-0008"]
    event.original_title = "Kontrola granice"
    event.save()
    assert found("graničnoj policiji") == []
    assert found("kontroli granica") == ["WS-2019-0008"]


SUMMARIES = [
    # reference, English title, original summary, its language
    (
        "WS-2020-0001", "Training of contracting authorities",
        "Obuka naručilaca o pravilima javne nabavke i zaštiti ponuđača.", "sr",
    ),
    (
        "WS-2020-0002", "Peer exchange on tendering",
        "Shkëmbim përvojash për prokurimeve publike dhe ankesat.", "sq",
    ),
    (
        "WS-2020-0003", "Seminar for magistrates",
        "Séminaire sur les juridictions administratives et leurs magistrats.", "fr",
    ),
]  # fmt: skip
# A word in another form than the summary's, which only the summary's language joins: the
# database's English stemming, the prefixes ("nabavke" already finds "nabavkama" as
# "nabavk*") and the corrections do not.
INFLECTED = [
    ("nabavkama", "WS-2020-0001"),  # "nabavke"
    ("javnim", "WS-2020-0001"),  # "javne"
    ("prokurimi", "WS-2020-0002"),  # "prokurimeve"
    ("administratif", "WS-2020-0003"),  # "administratives"
]


@pytest.fixture
def summaries(db):
    for number, (reference, title, summary, language) in enumerate(SUMMARIES):
        EventFactory(
            reference=reference, title=title, summary="Two days with the institutions.",
            original_summary=summary, original_language=Language.objects.get(code=language),
            start_date=date(2020, 3, 1 + number), end_date=date(2020, 3, 1 + number),
        )  # fmt: skip


def test_an_original_summary_is_stemmed_for_the_index(summaries):
    assert Event.objects.get(reference="WS-2020-0001").original_stems.split() == [
        "serbian0i", "serbian0javn", "serbian0nabavk", "serbian0narucilac", "serbian0o",
        "serbian0obuk", "serbian0ponudac", "serbian0pravi", "serbian0zasti",
    ]  # fmt: skip
    assert Event.objects.get(reference="WS-2020-0003").original_stems.split() == [
        "french0administr", "french0et", "french0juridict", "french0le", "french0leur",
        "french0magistrat", "french0seminair", "french0sur",
    ]  # fmt: skip


@pytest.mark.parametrize(("word", "reference"), INFLECTED)
def test_another_form_of_a_word_of_the_original_summary_finds_the_event(summaries, word, reference):
    assert found(word) == [reference]
    # Without its language the summary is indexed by the database only: the form finds nothing.
    event = Event.objects.get(reference=reference)
    event.original_language = None
    event.save()
    assert Event.objects.get(pk=event.pk).original_stems is None
    assert found(word) == []


def test_the_stems_follow_a_change_of_the_summary(summaries):
    event = Event.objects.get(reference="WS-2020-0001")
    event.original_summary = "Kontrola državne granice."
    event.save(update_fields=["original_summary", "updated_at"])
    assert Event.objects.get(pk=event.pk).original_stems == (
        "serbian0drzavn serbian0granic serbian0kontrol"
    )
    assert found("nabavkama") == []
    assert found("kontroli granica") == ["WS-2020-0001"]


def test_rebuilding_the_index_recomputes_the_stems(summaries):
    Event.objects.update(original_stems=None)
    assert found("nabavkama") == []
    rebuild_index()
    assert Event.objects.get(reference="WS-2020-0001").original_stems.split()[2] == (
        "serbian0nabavk"
    )
    assert found("nabavkama") == ["WS-2020-0001"]
