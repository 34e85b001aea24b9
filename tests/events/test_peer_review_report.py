"""The peer review's own report template: a peer review (a kind of expert mission) is reported on
against the EU standard, with recommendations by priority and the follow-up, instead of the
three ordinary sections; what a submission needs, the page, the PDF and the follow-up
evaluation's recommendations. An advisory mission keeps the three ordinary sections."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

from io import BytesIO

import pytest
from pypdf import PdfReader

from taiex.evaluations.queries import recommendations_of
from taiex.events.enums import REPORT_SECTION_MAX_CHARS
from taiex.events.models import Event, MissionReport
from taiex.events.services.reports import ReportError, save_mission_report
from tests.events.report_fixtures import (  # noqa: F401 (fixtures)
    accepted_expert,
    mission,
)

pytestmark = pytest.mark.django_db

PEER_REVIEW = {
    "standard": "Directive 2013/32/EU on common procedures for international protection.",
    "findings": "Interviews are held without interpreters, against Article 12.",
    "recommendations_high": "- Hire interpreters.\n- Record interviews.",
    "recommendations_medium": "1. Train the asylum officers.",
    "recommendations_low": "",
    "follow_up": "An action plan by June; a follow-up review in 2027.",
}
LABELS = [
    "The EU standard reviewed against",
    "Findings against the EU standard",
    "Recommendations of high priority",
    "Recommendations of medium priority",
    "Recommendations of low priority",
    "Follow-up: the action plan and the follow-up review",
]


@pytest.fixture
def peer_review(mission):
    Event.objects.filter(pk=mission.pk).update(mission_kind="peer_review")
    mission.refresh_from_db()
    return mission


def url(event):
    return f"/events/{event.pk}/report/"


def test_the_page_offers_the_peer_review_sections(client, peer_review, accepted_expert):
    client.force_login(accepted_expert)

    response = client.get(url(peer_review))

    form = response.context["form"]
    assert [field.label for field in form.visible_fields()] == LABELS
    assert "Peer review report: Asylum case management" in response.content.decode()


def test_an_advisory_mission_keeps_the_three_ordinary_sections(client, mission, accepted_expert):
    client.force_login(accepted_expert)

    form = client.get(url(mission)).context["form"]

    assert [field.name for field in form.visible_fields()] == [
        "findings",
        "recommendations",
        "follow_up",
    ]


def test_a_peer_review_report_is_saved_and_submitted_with_its_own_sections(
    client, peer_review, accepted_expert
):
    client.force_login(accepted_expert)

    response = client.post(url(peer_review), {**PEER_REVIEW, "version": 1, "action": "submit"})

    assert response.status_code == 302
    report = MissionReport.objects.get(event=peer_review)
    assert report.state == "submitted"
    assert {name: getattr(report, name) for name in PEER_REVIEW} == {
        **PEER_REVIEW,
        "recommendations_low": "",
    }
    assert (report.recommendations,) == ("",)


def test_submitting_needs_the_standard_findings_follow_up_and_one_recommendation(
    peer_review, accepted_expert
):
    empty = dict.fromkeys(PEER_REVIEW, "")

    with pytest.raises(ReportError) as refused:
        save_mission_report(
            peer_review, actor=accepted_expert, sections=empty, version=1, submit=True
        )

    assert refused.value.errors == {
        "standard": "Write the section “The EU standard reviewed against” before submitting the "
        "report.",
        "findings": "Write the section “Findings against the EU standard” before submitting the "
        "report.",
        "follow_up": "Write the section “Follow-up: the action plan and the follow-up review” "
        "before submitting the report.",
        "recommendations_high": "Write at least one recommendation, of any priority, before "
        "submitting.",
    }
    assert not MissionReport.objects.exists()


def test_a_recommendation_of_low_priority_alone_is_enough(peer_review, accepted_expert):
    sections = {
        **PEER_REVIEW,
        "recommendations_high": "",
        "recommendations_medium": "",
        "recommendations_low": "Publish the statistics.",
    }

    report = save_mission_report(
        peer_review, actor=accepted_expert, sections=sections, version=1, submit=True
    )

    assert (report.state, report.recommendations_low) == ("submitted", "Publish the statistics.")


def test_a_draft_may_have_empty_sections_but_not_one_above_the_limit(peer_review, accepted_expert):
    too_long = "x" * (REPORT_SECTION_MAX_CHARS + 1)

    draft = save_mission_report(
        peer_review, actor=accepted_expert, sections={"standard": "Directive"}, version=1
    )
    with pytest.raises(ReportError) as refused:
        save_mission_report(
            peer_review, actor=accepted_expert, sections={"standard": too_long}, version=2
        )

    assert (draft.state, draft.standard, draft.findings) == ("draft", "Directive", "")
    assert refused.value.errors == {
        "standard": f"The section “The EU standard reviewed against” is limited to "
        f"{REPORT_SECTION_MAX_CHARS:,} characters; it has {REPORT_SECTION_MAX_CHARS + 1:,}."
    }
    assert MissionReport.objects.get(event=peer_review).standard == "Directive"


def test_the_form_refuses_in_the_readers_language(client, peer_review, accepted_expert):
    accepted_expert.language = "fr"
    accepted_expert.save(update_fields=["language"])
    client.force_login(accepted_expert)

    response = client.post(
        url(peer_review),
        {**dict.fromkeys(PEER_REVIEW, ""), "version": 1, "action": "submit"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 200
    assert response.context["form"].errors["recommendations_high"] == [
        "Écrivez au moins une recommandation, de n’importe quelle priorité, avant de soumettre."  # noqa: RUF001
    ]


def test_the_pdf_has_the_peer_review_sections(client, peer_review, accepted_expert, case_handler):
    save_mission_report(peer_review, actor=accepted_expert, sections=PEER_REVIEW, version=1)
    client.force_login(case_handler)

    response = client.get(f"/events/{peer_review.pk}/report/report.pdf")

    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages).split()
    )
    assert "Peer review report" in text
    assert "Expert mission report" not in text
    positions = [text.index(label) for label in LABELS]
    assert positions == sorted(positions)
    assert "Directive 2013/32/EU on common procedures for international protection." in text
    assert "- Hire interpreters. - Record interviews." in text


def test_the_follow_up_evaluation_asks_about_every_recommendation_high_priority_first(
    peer_review, accepted_expert
):
    save_mission_report(peer_review, actor=accepted_expert, sections=PEER_REVIEW, version=1)

    assert recommendations_of(peer_review) == [
        "Hire interpreters.",
        "Record interviews.",
        "Train the asylum officers.",
    ]
