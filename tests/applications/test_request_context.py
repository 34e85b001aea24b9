"""The context the assessor needs: policy framework, other assistance, interpretation, and the
similar requests and events that show whether the request overlaps other assistance."""

import pytest
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.applications import queries
from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Application
from taiex.events.queries.similar import events_similar_to
from taiex.reference.models import Chapter, Country, ThematicTeam
from tests.applications.test_views import form_data
from tests.factories import (
    ApplicationFactory,
    EventFactory,
    InstitutionFactory,
    make_user,
    submittable_application,
)

pytestmark = pytest.mark.django_db

CONTEXT = {
    "policy_framework": "Accession negotiations, chapter 24 action plan, measure 3.2.",
    "other_assistance": "Twinning RS 18 IPA JH 01 ended in 2022; no other donor.",
    "interpretation_note": "Sign language for the opening.",
}


def test_the_form_stores_the_context_fields_and_the_page_shows_them(client, applicant):
    institution = applicant.memberships.get().institution
    client.force_login(applicant)

    client.post(
        reverse("applications:new"),
        form_data(lead_institution=institution.pk, save="1", **CONTEXT),
    )
    application = Application.objects.get()
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()

    assert {name: getattr(application, name) for name in CONTEXT} == CONTEXT
    assert "Twinning RS 18 IPA JH 01 ended in 2022; no other donor." in page
    assert "<dt>Interpretation (language pairs)</dt><dd>Sign language for the opening.</dd>" in page


def submitted_request(applicant, *, title, chapter=24, state=S.SUBMITTED, **fields):
    return submittable_application(
        applicant,
        title=title,
        state=state,
        submitted_at=timezone.now(),
        chapters=[Chapter.objects.get(number=chapter)],
        **fields,
    )


@pytest.fixture
def cases(applicant):
    """The request being assessed, and others by institution, country and chapter."""
    other_serbian = make_user(Role.APPLICANT, country="RS")
    albanian = make_user(Role.APPLICANT, country="AL")
    return {
        "assessed": submitted_request(
            applicant,
            title="Asylum interviews",
            state=S.ASSESSMENT,
            team=ThematicTeam.objects.get(code="jfs"),
        ),
        "same_institution_other_chapter": submitted_request(
            applicant, title="Customs", chapter=29, state=S.APPROVED
        ),
        "same_country_same_chapter": submitted_request(other_serbian, title="Return policy"),
        "same_country_other_chapter": submitted_request(
            other_serbian, title="Fisheries", chapter=13
        ),
        "other_country_same_chapter": submitted_request(albanian, title="Asylum in Albania"),
        "same_institution_draft": submittable_application(applicant, title="Draft"),
    }


def test_similar_requests_are_those_of_the_institution_or_of_the_country_and_chapter(cases):
    similar = queries.similar_requests(cases["assessed"])

    by_pk = {request.pk: name for name, request in cases.items()}
    assert sorted(by_pk[request.pk] for request in similar) == [
        "same_country_same_chapter",
        "same_institution_other_chapter",
    ]


def test_the_assessor_sees_the_similar_requests_and_others_do_not(
    client, cases, case_handler, applicant
):
    url = reverse("applications:detail", args=[cases["assessed"].pk])
    client.force_login(case_handler)
    assessor_page = client.get(url)
    client.force_login(applicant)
    applicant_page = client.get(url)

    assert [r.title for r in assessor_page.context["similar_requests"]] == [
        "Return policy",
        "Customs",
    ]
    assert applicant_page.context["similar_requests"] is None
    assert "Similar requests and events" not in applicant_page.content.decode()


def test_similar_events_put_those_sharing_title_words_first(client, cases, case_handler):
    serbia = Country.objects.get(code="RS")
    chapter = Chapter.objects.get(number=24)
    unrelated_words = EventFactory(title="Border surveillance", beneficiary=serbia)
    unrelated_words.chapters.set([chapter])
    sharing_words = EventFactory(title="Asylum interviews of minors", beneficiary=serbia)
    sharing_words.chapters.set([chapter])
    other_chapter = EventFactory(title="Asylum statistics", beneficiary=serbia)
    other_chapter.chapters.set([Chapter.objects.get(number=18)])
    client.force_login(case_handler)

    response = client.get(reverse("events:similar_to_request", args=[cases["assessed"].pk]))

    assert [(e.title, e.matches_title) for e in response.context["events"]] == [
        ("Asylum interviews of minors", True),
        ("Border surveillance", False),
    ]


def test_similar_events_include_those_of_the_institutions_earlier_requests(cases, case_handler):
    earlier = ApplicationFactory(
        lead_institution=cases["assessed"].lead_institution, state=S.APPROVED
    )
    event = EventFactory(
        application=earlier, title="Customs valuation", beneficiary=earlier.country
    )

    assert [e.pk for e in events_similar_to(cases["assessed"])] == [event.pk]


@pytest.mark.parametrize(("who", "status"), [("applicant", 403), ("ncp_albania", 404)])
def test_the_similar_events_page_is_only_for_those_who_assess(
    client, cases, applicant, ncp_albania, who, status
):
    client.force_login({"applicant": applicant, "ncp_albania": ncp_albania}[who])

    response = client.get(reverse("events:similar_to_request", args=[cases["assessed"].pk]))

    assert response.status_code == status


def test_a_partner_institution_is_not_confused_with_the_lead(cases):
    partner = InstitutionFactory(name="Partner office")
    cases["assessed"].partner_institutions.set([partner])

    assert len(queries.similar_requests(cases["assessed"])) == 2
