"""The staff pages for finding experts: search with filters, sort, pages and CSV; the ranking
for an event; the staffing of a period. Only staff see them."""

from datetime import date

import pytest
from django.urls import reverse

from taiex.staffing.queries.search import experts_matching
from tests.factories import EventFactory, UnavailabilityFactory, UserFactory
from tests.factories.reports import expert_on_event

from .ranking_fixtures import (
    asylum_event,
    asylum_expert,
    chapter,
    country,
    customs_expert,
    language,
)

pytestmark = pytest.mark.django_db

NOBODY = "anonymous"
STAFF = ["case_handler", "head_of_unit", "administrator"]
ALL_ROLES = [NOBODY, "applicant", "ncp", "expert", *STAFF]


def client_as(client, request, role):
    if role != NOBODY:
        client.force_login(request.getfixturevalue(role))
    return client


def page_urls(event):
    return {
        "search": reverse("staffing:search") + "?q=asylum",
        "ranking": reverse("staffing:ranking", args=[event.pk]),
        "staffing": reverse("staffing:staffing") + "?start=2026-03-01&end=2026-03-31&per_quarter=3",
    }


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("page", ["search", "ranking", "staffing"])
def test_pages_are_for_staff_only(client, request, role, page):
    asylum_expert()
    url = page_urls(asylum_event())[page]

    response = client_as(client, request, role).get(url)

    if role == NOBODY:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    elif role in STAFF:
        assert response.status_code == 200
        assert "Asta Asylum" in response.content.decode()
    else:
        assert response.status_code == 404


def names(experts):
    return [expert.user.full_name for expert in experts]


def test_words_are_searched_in_name_expertise_keywords_position_and_employer():
    asylum_expert("Asta Asylum", position="Head of unit")
    customs_expert("Carl Customs", position="Inspector")

    assert names(experts_matching(text="asylum")) == ["Asta Asylum"]
    assert names(experts_matching(text="TARIFF")) == ["Carl Customs"]
    assert names(experts_matching(text="inspector customs")) == ["Carl Customs"]
    assert names(experts_matching(text="carl")) == ["Carl Customs"]
    assert names(experts_matching(text="asylum inspector")) == []


def test_filters_member_state_language_level_chapter_and_state():
    asylum_expert("Asta Asylum", member_state="SI", languages=[("en", "C1"), ("fr", "B1")])
    asylum_expert("Hana Croatian", member_state="HR", languages=[("fr", "C2")])
    customs_expert("Carl Customs", verification_state="pending")

    assert names(experts_matching(member_state=country("HR"))) == ["Hana Croatian"]
    assert names(experts_matching(language=language("fr"))) == ["Asta Asylum", "Hana Croatian"]
    assert names(experts_matching(language=language("fr"), min_level="B2")) == ["Hana Croatian"]
    assert names(experts_matching(chapter=chapter(29))) == ["Carl Customs"]
    assert names(experts_matching(verification_state="pending")) == ["Carl Customs"]


def test_available_filter_leaves_out_unavailable_and_booked_experts():
    away = asylum_expert("Una Unavailable")
    busy = asylum_expert("Bea Busy")
    asylum_expert("Fred Free")
    UnavailabilityFactory(expert=away, start=date(2026, 3, 1), end=date(2026, 3, 3))
    expert_on_event(
        EventFactory(start_date=date(2026, 3, 5), end_date=date(2026, 3, 6)),
        expert=busy,
        invited_by=UserFactory(),
    )

    found = experts_matching(available_from=date(2026, 3, 3), available_to=date(2026, 3, 5))

    assert names(found) == ["Fred Free"]


def test_sort_orders():
    asylum_expert("Bob Older", years_of_experience=30)
    asylum_expert("Ann Younger", years_of_experience=5)

    assert names(experts_matching(sort="name")) == ["Ann Younger", "Bob Older"]
    assert names(experts_matching(sort="experience")) == ["Bob Older", "Ann Younger"]


def test_search_page_lists_filters_and_downloads_csv(client, case_handler):
    asylum_expert("Asta Asylum", member_state="SI")
    customs_expert("Carl Customs")
    client.force_login(case_handler)

    page = client.get(reverse("staffing:search"), {"q": "asylum", "member_state": "SI"})
    download = client.get(reverse("staffing:search"), {"q": "asylum", "format": "csv"})

    content = page.content.decode()
    assert "1 expert." in content
    assert "Asta Asylum" in content
    assert "Carl Customs" not in content
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    lines = download.content.decode().splitlines()
    assert lines[0] == (
        "Name,E-mail,Member State,Employer,Position,Years of experience,Languages,Chapters,"
        "Keywords,Verification,Active"
    )
    assert lines[1].startswith("Asta Asylum,")
    assert ",Slovenia," in lines[1]
    assert ',English C1,24,"asylum, reception",Verified,yes' in lines[1]
    assert len(lines) == 2


def test_search_page_shows_form_errors(client, case_handler):
    client.force_login(case_handler)

    response = client.get(
        reverse("staffing:search"), {"available_from": "2026-03-05", "available_to": "2026-03-01"}
    )

    assert "The end of the period is before its start." in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_search_page_query_count_does_not_grow_with_experts(
    client, case_handler, django_assert_num_queries, count
):
    for number in range(count):
        asylum_expert(f"Expert {number}", languages=[("en", "C1"), ("fr", "B2")])
    client.force_login(case_handler)
    client.get(reverse("staffing:search"))  # warm the session and the roles

    with django_assert_num_queries(10):
        response = client.get(reverse("staffing:search"), {"q": "asylum"})

    assert response.content.decode().count("English C1, French B2") == count


def test_ranking_page_shows_why_each_expert_is_placed(client, case_handler):
    asylum_expert("Asta Asylum")
    customs_expert("Carl Customs")
    event = asylum_event()
    client.force_login(case_handler)

    content = client.get(reverse("staffing:ranking", args=[event.pk])).content.decode()

    assert content.index("Asta Asylum") < content.index("Carl Customs")
    assert "<td><small>asylum, procedures<br>" in content
    assert "24. Justice, freedom and security" in content
    assert "English C1" in content
    assert "free on 3-5 March 2026" in content
    assert "Evaluations" in content


def test_ranking_page_of_an_unknown_event_is_404(client, case_handler):
    client.force_login(case_handler)

    assert client.get(reverse("staffing:ranking", args=[999999])).status_code == 404


def test_staffing_page_shows_the_proposal_and_the_problems(client, case_handler):
    asylum_expert("Asta Asylum")
    asylum_event()
    asylum_event(
        reference="WS-2026-0043", application_fields={"working_languages": [language("ar")]}
    )
    client.force_login(case_handler)

    content = client.get(
        reverse("staffing:staffing"), {"start": "2026-03-01", "end": "2026-03-31"}
    ).content.decode()

    assert "Asta Asylum (Slovenia)" in content
    assert "WS-2026-0043: no verified expert speaks Arabic at C1 or better" in content


def test_staffing_page_refuses_a_period_ending_before_it_starts(client, case_handler):
    client.force_login(case_handler)

    content = client.get(
        reverse("staffing:staffing"), {"start": "2026-03-31", "end": "2026-03-01"}
    ).content.decode()

    assert "The end of the period is before its start." in content
