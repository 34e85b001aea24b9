"""Keywords and the texts in the beneficiary's language: edited by staff on the details form,
copied from the request, shown on the public page, and searched (Cyrillic and Latin alike)."""

# ruff: noqa: RUF001 (Serbian Cyrillic test data has letters that look Latin)

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from taiex.core.models import ActivityLog
from taiex.events.models import Event
from taiex.events.queries.search import SearchFilters, search_events
from taiex.reference.keywords import clean_keywords, split_keywords
from taiex.reference.models import Language
from tests.events.test_lifecycle_pages import post_details
from tests.factories import EventFactory


def test_keywords_are_split_on_semicolons_and_lines_once_each():
    assert split_keywords(" public  procurement;remedies\nPublic procurement;; ") == [
        "public procurement",
        "remedies",
    ]
    assert clean_keywords("a;b\nc") == "a; b; c"
    with pytest.raises(ValidationError, match=r"Give at most 20 keywords \(you gave 21\)\."):
        clean_keywords(";".join(f"word{n}" for n in range(21)))


def test_staff_save_keywords_and_the_original_texts_and_the_search_finds_them(
    client, event, case_handler
):
    client.force_login(case_handler)
    serbian = Language.objects.get(code="sr")

    response = post_details(
        client,
        event,
        keywords="asylum;  interviews\ninterviews",
        original_title="Технике интервјуа у поступку азила",
        original_summary="Обука службеника за азил.",
        original_language=serbian.pk,
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert (
        event.keywords,
        event.original_title,
        event.original_summary,
        event.original_language,
    ) == (
        "asylum; interviews",
        "Технике интервјуа у поступку азила",
        "Обука службеника за азил.",
        serbian,
    )
    assert list(ActivityLog.objects.values_list("action", "note")) == [
        ("edit_details", "Changed: keywords, original title, original summary, original language.")
    ]
    Event.objects.filter(pk=event.pk).update(state="implemented")
    for words in ("технике интервјуа", "tehnike intervjua", "Službenika"):
        results = search_events(SearchFilters(q=words))
        assert [found.reference for found in results[:5]] == ["WS-2026-0042"], words


def test_an_original_title_without_its_language_is_refused_and_nothing_saved(
    client, event, case_handler
):
    client.force_login(case_handler)

    response = post_details(client, event, original_title="Tehnike intervjua")

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "original_language": ["Choose the language of the original title and summary."]
    }
    event.refresh_from_db()
    assert event.original_title == ""
    assert ActivityLog.objects.count() == 0


@pytest.mark.django_db
def test_the_public_page_shows_keywords_and_the_original_texts_in_their_language(client):
    EventFactory(
        reference="WS-2016-0001",
        title="E-procurement",
        start_date=date(2016, 10, 4),
        end_date=date(2016, 10, 4),
        keywords="e-procurement; electronic tendering",
        original_title="Prokurimi elektronik",
        original_summary="Platforma e tenderimit.",
        original_language=Language.objects.get(code="sq"),
    )

    page = client.get(reverse("portal:event", args=["WS-2016-0001"])).content.decode()

    assert "<dt>Keywords</dt><dd>e-procurement; electronic tendering</dd>" in page
    assert "<h2>In Albanian</h2>" in page
    assert '<div lang="sq">' in page
    assert "<p><strong>Prokurimi elektronik</strong></p>" in page
    assert "<p>Platforma e tenderimit.</p>" in page


def test_the_event_of_an_approved_request_takes_its_keywords_and_original_texts(
    applicant, case_handler
):
    from taiex.accounts.enums import Role
    from taiex.events.services import create_event_from_application
    from tests.factories import ApplicationFactory

    institution = applicant.memberships.get(role=Role.APPLICANT).institution
    application = ApplicationFactory(
        created_by=applicant,
        lead_institution=institution,
        keywords="asylum; reception",
        original_title="Прихват тражилаца азила",
        original_summary="Центри за азил.",
        original_language=Language.objects.get(code="sr"),
    )

    event = create_event_from_application(
        application, actor=case_handler, case_handler=case_handler
    )

    assert (event.keywords, event.original_title, event.original_summary,
            event.original_language.code) == (
        "asylum; reception", "Прихват тражилаца азила", "Центри за азил.", "sr"
    )  # fmt: skip
