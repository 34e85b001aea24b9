"""The request pages: form, list, detail, actions, homes; permissions and query counts."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Application, ContactPerson
from taiex.core.models import ActivityLog
from taiex.reference.models import Chapter, Language, Window
from tests.error_summary import field_errors, summary_items
from tests.factories import make_user, submittable_application


def form_data(application=None, **overrides):
    """The POST body of a complete request form."""
    start = date.today() + timedelta(days=60)
    data = {
        "version": application.version if application else 1,
        "assistance_type": "workshop",
        "modality": "on_site",
        "window": Window.objects.get(code="enlargement").pk,
        "title": "Workshop on the reception of asylum seekers",
        "objectives": "Learn how Member States organise reception.",
        "legislation": "Reception Conditions Directive",
        "celex_numbers": "32013L0033",
        "chapters": [Chapter.objects.get(number=24).pk],
        "expected_results": "A reception plan.",
        "preferred_start": start.isoformat(),
        "preferred_end": (start + timedelta(days=1)).isoformat(),
        "place": "Belgrade",
        "participants_count": "25",
        "participants_profile": "Reception centre managers",
        "experts_count": "2",
        "expertise_wished": "Reception of vulnerable persons",
        "working_languages": [Language.objects.get(code="en").pk],
        "contacts-TOTAL_FORMS": "2",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "10",
        "contacts-0-name": "Jelena Petrović",
        "contacts-0-email": "jelena@example.org",
        "contacts-0-position": "Adviser",
        "contacts-0-phone": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def html_labels(response):
    return response.content.decode()


def test_new_request_saves_a_partial_draft(client, applicant):
    institution = applicant.memberships.get().institution
    client.force_login(applicant)

    response = client.post(
        reverse("applications:new"),
        {
            "version": 1,
            "title": "Only a title so far",
            "lead_institution": institution.pk,
            "contacts-TOTAL_FORMS": "2",
            "contacts-INITIAL_FORMS": "0",
            "save": "1",
        },
    )

    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:edit", args=[application.pk])
    assert (application.title, application.state, application.country) == (
        "Only a title so far",
        S.DRAFT,
        institution.country,
    )
    assert application.reference is None


def test_a_refused_submit_of_a_new_request_creates_nothing_and_lists_every_problem(
    client, applicant
):
    institution = applicant.memberships.get().institution
    client.force_login(applicant)
    data = form_data(
        lead_institution=institution.pk,
        objectives="",
        place="",
        participants_count="0",
        submit="1",
    )

    response = client.post(reverse("applications:new"), data)

    assert response.status_code == 400
    assert not Application.objects.exists()
    assert not ActivityLog.objects.filter(action__in=["create", "edit"]).exists()
    assert summary_items(response) == [
        ("#id_objectives", "Describe the purpose and objectives."),
        ("#id_place", "Give the place of an on-site or hybrid event."),
        ("#id_participants_count", "At least one participant is needed."),
    ]
    errors = field_errors(response)
    assert errors["id_objectives"] == ["Describe the purpose and objectives."]
    assert errors["id_place"] == ["Give the place of an on-site or hybrid event."]
    html = response.content.decode()
    # The entered values are kept.
    assert 'value="Workshop on the reception of asylum seekers"' in html
    assert 'value="jelena@example.org"' in html
    assert 'aria-describedby="id_objectives_error"' in html


def test_a_submit_without_any_contact_row_is_refused_with_the_contact_message(client, applicant):
    """A post whose formset has no row at all (TOTAL_FORMS 0) gets the contact problem at the
    top of the form, not a server error, and creates nothing."""
    institution = applicant.memberships.get().institution
    client.force_login(applicant)
    data = form_data(lead_institution=institution.pk, submit="1")
    data["contacts-TOTAL_FORMS"] = "0"
    for key in [key for key in data if key.startswith("contacts-0-")]:
        del data[key]

    response = client.post(reverse("applications:new"), data)

    assert response.status_code == 400
    assert not Application.objects.exists()
    assert [text for _, text in summary_items(response)] == ["Name at least one contact person."]


def test_save_draft_creates_the_draft_and_a_refused_submit_of_it_changes_nothing(client, applicant):
    institution = applicant.memberships.get().institution
    client.force_login(applicant)
    data = form_data(lead_institution=institution.pk, objectives="", save="1")

    response = client.post(reverse("applications:new"), data)

    application = Application.objects.get()
    assert response.status_code == 302
    assert (application.state, application.title, application.version) == (
        S.DRAFT,
        "Workshop on the reception of asylum seekers",
        2,
    )
    data = form_data(
        application, lead_institution=institution.pk, objectives="", title="New", submit="1"
    )
    response = client.post(reverse("applications:edit", args=[application.pk]), data)

    assert response.status_code == 400
    assert summary_items(response) == [("#id_objectives", "Describe the purpose and objectives.")]
    application.refresh_from_db()
    assert (application.state, application.title, application.version) == (
        S.DRAFT,
        "Workshop on the reception of asylum seekers",
        2,
    )


def test_the_form_of_a_draft_shows_each_section_and_whether_it_is_complete(client, applicant):
    institution = applicant.memberships.get().institution
    client.force_login(applicant)
    assert [
        (s["heading"], s["status"]["label"])
        for s in client.get(reverse("applications:new")).context["sections"]
    ] == [
        ("The request", "Not started"),
        ("Purpose and EU law", "Not started"),
        ("Context", "Not started"),
        ("Keywords and the beneficiary's language", "Not started"),
        ("Dates and place", "Not started"),
        ("People", "Not started"),
        ("Interpretation", "Not started"),
        ("Experts (workshops and expert missions)", "Not started"),
        ("The host (study visits)", "Not started"),
    ]
    client.post(
        reverse("applications:new"),
        form_data(lead_institution=institution.pk, objectives="", place="", save="1"),
    )
    application = Application.objects.get()

    response = client.get(reverse("applications:edit", args=[application.pk]))

    # A workshop has no host: its section is not applicable and not listed (status None).
    assert [
        (s["anchor"], s["status"] and s["status"]["label"]) for s in response.context["sections"]
    ] == [
        ("request", "Complete"),
        ("purpose", "1 to complete or correct"),
        ("context", "Complete"),
        ("language", "Complete"),
        ("dates", "1 to complete or correct"),
        ("people", "Complete"),
        ("interpretation", "Complete"),
        ("experts", "Complete"),
        ("host", None),
    ]
    assert response.context["contact_section"]["status"]["label"] == "Complete"
    html = response.content.decode()
    assert 'href="#section-purpose"' in html
    assert 'id="section-purpose"' in html
    # Opening the form does not shout: the summary of errors comes with Submit or ?check=1.
    assert summary_items(response) == []
    checked = client.get(reverse("applications:edit", args=[application.pk]) + "?check=1")
    assert summary_items(checked) == [
        ("#id_objectives", "Describe the purpose and objectives."),
        ("#id_place", "Give the place of an on-site or hybrid event."),
    ]


def test_a_refused_save_counts_the_errors_on_the_page_and_the_saved_draft(client, applicant):
    institution = applicant.memberships.get().institution
    client.force_login(applicant)
    client.post(
        reverse("applications:new"),
        form_data(lead_institution=institution.pk, objectives="", save="1"),
    )
    application = Application.objects.get()

    response = client.post(
        reverse("applications:edit", args=[application.pk]),
        form_data(
            application,
            lead_institution=institution.pk,
            objectives="",
            preferred_start="not a date",
            save="1",
        ),
    )

    assert response.status_code == 400
    assert summary_items(response) == [("#id_preferred_start", "Enter a valid date.")]
    statuses = {
        s["anchor"]: s["status"]["label"] for s in response.context["sections"] if s["status"]
    }
    assert (statuses["dates"], statuses["purpose"], statuses["request"]) == (
        "1 to complete or correct",
        "1 to complete or correct",
        "Complete",
    )


def test_a_missing_contact_person_links_to_the_first_contact_row(client, applicant):
    institution = applicant.memberships.get().institution
    client.force_login(applicant)
    data = form_data(
        lead_institution=institution.pk,
        submit="1",
        **{"contacts-0-name": "", "contacts-0-email": "", "contacts-0-position": ""},
    )

    response = client.post(reverse("applications:new"), data)

    assert summary_items(response) == [("#id_contacts-0-name", "Name at least one contact person.")]
    assert not Application.objects.exists()


def test_fields_added_to_the_form_fall_into_a_section(applicant):
    from taiex.applications.forms import ApplicationForm, sections_of

    form = ApplicationForm(user=applicant)
    placed = [name for _, _, names in sections_of(form) for name in names]
    assert sorted(placed) == sorted(name for name in form.fields if name != "version")
    assert list(form.fields)[: len(placed)] == placed


def test_submit_from_the_form_sends_a_complete_request_to_the_ncp(client, applicant, ncp):
    institution = applicant.memberships.get().institution
    client.force_login(applicant)

    response = client.post(
        reverse("applications:new"), form_data(lead_institution=institution.pk, submit="1")
    )

    application = Application.objects.get()
    assert response.status_code == 302
    assert application.state == S.SUBMITTED
    assert application.reference == f"APP-{date.today().year}-00001"
    assert list(ContactPerson.objects.values_list("name", "email")) == [
        ("Jelena Petrović", "jelena@example.org")
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"assistance_type": "expert_mission", "experts_count": "1", "days": 7},
            "Preferred last day",
            "Expert mission: at most 5 days; these dates span 7 days.",
        ),
        (
            {
                "assistance_type": "study_visit",
                "participants_count": "9",
                "days": 3,
                "experts_count": None,
                "host_left_to_programme": "programme",
            },
            "Number of participants",
            "Study visit: at most 5 participants; 9 requested.",
        ),
    ],
)
def test_submit_over_the_limits_of_the_type_is_refused_with_the_limit(
    client, applicant, overrides, field, message
):
    institution = applicant.memberships.get().institution
    client.force_login(applicant)
    days = overrides.pop("days")
    start = date.today() + timedelta(days=30)
    data = form_data(
        lead_institution=institution.pk,
        submit="1",
        preferred_start=start.isoformat(),
        preferred_end=(start + timedelta(days=days - 1)).isoformat(),
        **overrides,
    )

    response = client.post(reverse("applications:new"), data)

    assert response.status_code == 400
    assert [text for _, text in summary_items(response)] == [message]
    assert field in html_labels(response)
    assert not Application.objects.exists()


def test_stale_edit_is_refused_and_the_typed_text_stays_in_the_form(client, applicant):
    application = submittable_application(applicant)
    client.force_login(applicant)
    stale = form_data(application, lead_institution=application.lead_institution_id, save="1")
    client.post(reverse("applications:edit", args=[application.pk]), dict(stale, title="First"))

    response = client.post(
        reverse("applications:edit", args=[application.pk]), dict(stale, title="Second")
    )

    application.refresh_from_db()
    assert response.status_code == 400
    assert application.title == "First"
    assert 'value="Second"' in response.content.decode()
    assert "Somebody saved this request after you opened it" in response.content.decode()


def test_ncp_forwards_and_returns_through_the_request_page(client, applicant, ncp):
    from taiex.applications import services

    application = services.submit_application(submittable_application(applicant), actor=applicant)
    client.force_login(ncp)

    refused = client.post(
        reverse("applications:act", args=[application.pk, "return"]), {"return-reason": ""}
    )
    application.refresh_from_db()
    assert refused.status_code == 400
    assert application.state == S.SUBMITTED
    assert "Say what the applicant should correct." in refused.content.decode()

    response = client.post(
        reverse("applications:act", args=[application.pk, "forward"]), {"forward-note": "Fine"}
    )
    application.refresh_from_db()
    assert response.status_code == 302
    assert application.state == S.CONSULTATION


ROLES = ["anonymous", "applicant_other", "ncp_albania", "expert", "consultee"]


def user_for(role, db):
    if role == "anonymous":
        return None
    if role == "applicant_other":
        return make_user(Role.APPLICANT, country="RS")
    if role == "ncp_albania":
        return make_user(Role.NCP, country="AL")
    if role == "expert":
        return make_user(Role.EXPERT)
    return make_user(Role.CONSULTEE, group="eu_delegation")


@pytest.mark.parametrize("role", ROLES)
def test_a_submitted_request_is_hidden_from_those_who_may_not_see_it(client, applicant, role, db):
    from taiex.applications import services

    application = services.submit_application(submittable_application(applicant), actor=applicant)
    user = user_for(role, db)
    if user:
        client.force_login(user)
    logs_before = ActivityLog.objects.count()

    page = client.get(reverse("applications:detail", args=[application.pk]))
    action = client.post(
        reverse("applications:act", args=[application.pk, "forward"]), {"forward-note": "x"}
    )

    application.refresh_from_db()
    expected = 302 if role == "anonymous" else 404
    assert (page.status_code, action.status_code) == (expected, expected)
    assert application.state == S.SUBMITTED
    assert ActivityLog.objects.count() == logs_before


@pytest.mark.parametrize(
    ("role", "action", "data"),
    [
        ("applicant", "forward", {"forward-note": "x"}),
        ("case_handler", "decide", {"decide-decision": "approve", "decide-reason": "x"}),
        ("ncp", "propose", {"propose-recommendation": "approve", "propose-reason": "x"}),
    ],
)
def test_a_move_by_the_wrong_role_is_forbidden_and_changes_nothing(
    client, applicant, ncp, case_handler, role, action, data
):
    from taiex.applications import services

    application = services.submit_application(submittable_application(applicant), actor=applicant)
    client.force_login({"applicant": applicant, "ncp": ncp, "case_handler": case_handler}[role])
    logs_before = ActivityLog.objects.count()

    # The decision is posted to the events app (an approval creates the event).
    if action == "decide":
        url = reverse("events:decide_application", args=[application.pk])
    else:
        url = reverse("applications:act", args=[application.pk, action])
    response = client.post(url, data)

    application.refresh_from_db()
    assert response.status_code == 403
    assert application.state == S.SUBMITTED
    assert ActivityLog.objects.count() == logs_before


def test_list_filters_and_exports_csv(client, applicant, ncp):
    from taiex.applications import services

    workshop = services.submit_application(
        submittable_application(applicant, title="Asylum workshop"), actor=applicant
    )
    submittable_application(applicant, title="A draft", assistance_type="study_visit")
    client.force_login(applicant)

    page = client.get(reverse("applications:list"), {"state": "submitted"})
    csv_response = client.get(reverse("applications:list"), {"q": "asylum", "format": "csv"})

    assert [a.pk for a in page.context["page"].object_list] == [workshop.pk]
    lines = csv_response.content.decode().strip().splitlines()
    assert lines[0].startswith("Reference,Title,State,Type,Country")
    assert lines[1].startswith(
        f"{workshop.reference},Asylum workshop,Submitted to the NCP,Workshop,Serbia"
    )
    assert len(lines) == 2


def test_list_of_the_ncp_shows_only_their_country(client, applicant, ncp_albania):
    from taiex.applications import services

    services.submit_application(submittable_application(applicant), actor=applicant)
    client.force_login(ncp_albania)

    response = client.get(reverse("applications:list"))

    assert list(response.context["page"].object_list) == []


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url_name", ["applications:list", "accounts:home"])
def test_list_pages_cost_the_same_queries_for_1_and_3_items(client, applicant, url_name):
    from taiex.applications import services

    client.force_login(applicant)
    services.submit_application(submittable_application(applicant), actor=applicant)
    one = count_queries(client, reverse(url_name))
    for _ in range(2):
        services.submit_application(submittable_application(applicant), actor=applicant)

    three = count_queries(client, reverse(url_name))

    assert one == three


def test_home_of_each_role_lists_what_waits_for_it(
    client, applicant, ncp, case_handler, head_of_unit, consultees
):
    from taiex.applications import services

    submitted = services.submit_application(submittable_application(applicant), actor=applicant)
    forwarded = services.forward_application(
        services.submit_application(submittable_application(applicant), actor=applicant),
        actor=ncp,
    )
    expectations = {
        ncp: ("ncp", [submitted.pk]),
        case_handler: ("team", [forwarded.pk]),
        consultees["line_dg"]: ("opinion", [forwarded.pk]),
        head_of_unit: ("meeting", []),
    }
    for user, (queue, pks) in expectations.items():
        client.force_login(user)
        sections = client.get(reverse("accounts:home")).context["sections"]
        assert [(s["queue"], [a.pk for a in s["rows"]]) for s in sections] == [(queue, pks)]


def test_planning_meeting_queue_shows_each_proposal(
    client, applicant, ncp, case_handler, head_of_unit
):
    from taiex.applications import services
    from taiex.applications.enums import Criterion

    proposed = []
    for recommendation in ("approve", "reject"):
        application = services.forward_application(
            services.submit_application(submittable_application(applicant), actor=applicant),
            actor=ncp,
        )
        application = services.close_consultation(application, actor=None, note="Silence.")
        proposed.append(
            services.propose_decision(
                application,
                actor=case_handler,
                recommendation=recommendation,
                criteria=dict.fromkeys(Criterion.values, True),
                reason="Assessed.",
            )
        )
    client.force_login(head_of_unit)

    response = client.get(reverse("applications:list"), {"queue": "meeting", "sort": "reference"})

    rows = response.context["page"].object_list
    assert [(a.reference, a.proposal) for a in rows] == [
        (proposed[0].reference, "approve"),
        (proposed[1].reference, "reject"),
    ]
    assert '<th scope="col">Proposal</th>' in response.content.decode()


def test_a_returned_request_shows_the_ncp_reason_to_the_applicant(client, applicant, ncp):
    from taiex.applications import services

    application = services.submit_application(submittable_application(applicant), actor=applicant)
    services.return_application(application, actor=ncp, reason="Add the CELEX number.")
    client.force_login(applicant)

    response = client.get(reverse("applications:detail", args=[application.pk]))

    assert response.context["return_reason"].note == "Add the CELEX number."
    assert "<h2>Returned for correction</h2>\n    <p>Add the CELEX number.</p>" in (
        response.content.decode()
    )


def test_a_consultee_objects_through_the_request_page_and_vetoes_the_request(
    client, applicant, ncp, consultees
):
    from taiex.applications import services

    application = services.forward_application(
        services.submit_application(submittable_application(applicant), actor=applicant),
        actor=ncp,
    )
    delegation = consultees["eu_delegation"]
    consultation = application.consultations.get(group="eu_delegation")
    client.force_login(delegation)

    refused = client.post(
        reverse("applications:act", args=[application.pk, "opinion"]),
        {"consultation": consultation.pk, "opinion-opinion": "objection", "opinion-comment": ""},
    )
    application.refresh_from_db()
    assert refused.status_code == 400
    assert application.state == S.CONSULTATION
    assert "Give the reason for the objection." in refused.content.decode()

    response = client.post(
        reverse("applications:act", args=[application.pk, "opinion"]),
        {
            "consultation": consultation.pk,
            "opinion-opinion": "objection",
            "opinion-comment": "Overlaps with a Twinning project.",
        },
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert (application.state, application.decision_reason) == (
        S.REJECTED,
        "Objection by the EU Delegation to Serbia: Overlaps with a Twinning project.",
    )


def test_a_consultee_cannot_answer_for_another_service(client, applicant, ncp, consultees):
    from taiex.applications import services

    application = services.forward_application(
        services.submit_application(submittable_application(applicant), actor=applicant),
        actor=ncp,
    )
    other_service = application.consultations.get(group="line_dg")
    client.force_login(consultees["eu_delegation"])

    response = client.post(
        reverse("applications:act", args=[application.pk, "opinion"]),
        {"consultation": other_service.pk, "opinion-opinion": "no_objection"},
    )

    other_service.refresh_from_db()
    assert response.status_code == 403
    assert other_service.opinion == "pending"


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("unknown", {}),
        ("opinion", {"consultation": "abc", "opinion-opinion": "no_objection"}),
        ("opinion", {"consultation": "999999", "opinion-opinion": "no_objection"}),
    ],
)
def test_malformed_actions_get_404_and_change_nothing(
    client, applicant, ncp, consultees, action, data
):
    from taiex.applications import services

    application = services.forward_application(
        services.submit_application(submittable_application(applicant), actor=applicant),
        actor=ncp,
    )
    client.force_login(consultees["eu_delegation"])
    logs_before = ActivityLog.objects.count()

    response = client.post(reverse("applications:act", args=[application.pk, action]), data)

    assert response.status_code == 404
    assert ActivityLog.objects.count() == logs_before


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("colleague", 200),
        ("other_applicant", 404),
        ("ncp", 404),
        ("case_handler", 404),
        ("expert", 404),
    ],
)
def test_a_draft_is_edited_only_by_its_institution(client, applicant, role, expected, db):
    application = submittable_application(applicant, title="Original title")
    institution = applicant.memberships.get().institution
    users = {
        "colleague": lambda: make_user(Role.APPLICANT, institution=institution),
        "other_applicant": lambda: make_user(Role.APPLICANT, country="RS"),
        "ncp": lambda: make_user(Role.NCP, country="RS"),
        "case_handler": lambda: make_user(Role.CASE_HANDLER),
        "expert": lambda: make_user(Role.EXPERT),
    }
    if role != "anonymous":
        client.force_login(users[role]())
    data = form_data(application, lead_institution=institution.pk, title="Changed", save="1")

    page = client.get(reverse("applications:edit", args=[application.pk]))
    client.post(reverse("applications:edit", args=[application.pk]), data)

    application.refresh_from_db()
    assert page.status_code == expected
    assert application.title == ("Changed" if role == "colleague" else "Original title")


def test_a_submitted_request_cannot_be_edited_even_by_its_applicant(client, applicant, ncp):
    from taiex.applications import services

    application = services.submit_application(submittable_application(applicant), actor=applicant)
    client.force_login(applicant)
    data = form_data(
        application, lead_institution=application.lead_institution_id, title="Changed", save="1"
    )

    response = client.post(reverse("applications:edit", args=[application.pk]), data)

    application.refresh_from_db()
    assert response.status_code == 403
    assert application.title != "Changed"


def test_request_list_and_form_carry_the_kosovo_footnote_of_their_options(client, applicant):
    from taiex.reference.models import Country
    from tests.factories import InstitutionFactory

    InstitutionFactory(name="Ministry of Justice of Kosovo", country=Country.objects.get(code="XK"))
    client.force_login(applicant)

    pages = [client.get(reverse("applications:list")), client.get(reverse("applications:new"))]

    footnote = Country.objects.get(code="XK").official_footnote
    assert [footnote in page.content.decode() for page in pages] == [True, True]
