"""Pickers that fit the data: the request form offers the windows open to the applicant's
country and the partner institutions that request can have (the lead's country; for a workshop
every beneficiary of its window), refuses another country's institution by name, and shows the
host and experts sections only for the types that have them; lists offer each role its own
queues, and Member States appear as beneficiaries only in the peer-to-peer strands."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.accounts.forms import RegistrationForm
from taiex.applications.forms import ApplicationForm
from taiex.applications.models import Application
from taiex.reference.models import Country, Window
from tests.applications.test_views import form_data
from tests.factories import InstitutionFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def institutions(db):
    """One institution in Serbia, Albania (both enlargement), Ukraine (Neighbourhood East) and
    France (a Member State: the peer-to-peer strands only)."""
    return {
        code: InstitutionFactory(name=f"Ministry of {code}", country=Country.objects.get(code=code))
        for code in ("RS", "AL", "UA", "FR")
    }


def serbian_applicant(institutions):
    return make_user(Role.APPLICANT, institution=institutions["RS"], full_name="Ana Applicant")


def partner_labels(form):
    return [option.data["label"] for option in form["partner_institutions"].subwidgets]


def window_codes(form):
    return sorted(form.fields["window"].queryset.values_list("code", flat=True))


def test_the_windows_offered_are_those_open_to_the_applicants_country(institutions):
    serbian = serbian_applicant(institutions)
    french = make_user(Role.APPLICANT, institution=institutions["FR"])

    assert window_codes(ApplicationForm(user=serbian)) == ["enlargement"]
    assert window_codes(ApplicationForm(user=french)) == [
        "eir-peer-2-peer",
        "regio-peer-2-peer",
        "structural-reform-support",
    ]


def test_partners_are_of_the_lead_country_unless_a_workshop(institutions):
    serbian = serbian_applicant(institutions)

    new_form = ApplicationForm(user=serbian)
    mission = ApplicationForm(
        form_data(assistance_type="expert_mission", lead_institution=institutions["RS"].pk),
        user=serbian,
    )

    assert partner_labels(new_form) == ["Ministry of RS (Serbia)"]
    assert partner_labels(mission) == ["Ministry of RS (Serbia)"]


def test_workshop_partners_are_the_beneficiaries_of_its_window(institutions):
    serbian = serbian_applicant(institutions)
    french = make_user(Role.APPLICANT, institution=institutions["FR"])
    regio = Window.objects.get(code="regio-peer-2-peer")

    enlargement = ApplicationForm(form_data(lead_institution=institutions["RS"].pk), user=serbian)
    peer_to_peer = ApplicationForm(
        form_data(lead_institution=institutions["FR"].pk, window=regio.pk), user=french
    )

    assert partner_labels(enlargement) == ["Ministry of AL (Albania)", "Ministry of RS (Serbia)"]
    assert partner_labels(peer_to_peer) == ["Ministry of FR (France)"]


def test_an_institution_of_another_country_is_refused_by_name(client, institutions):
    serbian = serbian_applicant(institutions)
    client.force_login(serbian)

    response = client.post(
        reverse("applications:new"),
        form_data(
            assistance_type="expert_mission",
            lead_institution=institutions["RS"].pk,
            partner_institutions=[institutions["AL"].pk],
        ),
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "partner_institutions": [
            "Ministry of AL is an institution of Albania, not of Serbia: only a workshop can "
            "bring together institutions of several countries."
        ]
    }
    assert not Application.objects.exists()


def test_a_workshop_refuses_an_institution_outside_its_window(client, institutions):
    serbian = serbian_applicant(institutions)
    client.force_login(serbian)

    response = client.post(
        reverse("applications:new"),
        form_data(
            lead_institution=institutions["RS"].pk,
            partner_institutions=[institutions["AL"].pk, institutions["FR"].pk],
        ),
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "partner_institutions": [
            "Ministry of FR is an institution of France, which is not a beneficiary of the "
            f"window Enlargement on {date.today():%d %B %Y}."
        ]
    }
    assert not Application.objects.exists()


def test_a_workshop_with_a_partner_of_its_window_is_saved(client, institutions):
    serbian = serbian_applicant(institutions)
    client.force_login(serbian)

    response = client.post(
        reverse("applications:new"),
        form_data(
            lead_institution=institutions["RS"].pk, partner_institutions=[institutions["AL"].pk]
        ),
    )

    assert response.status_code == 302
    assert list(Application.objects.get().partner_institutions.values_list("name", flat=True)) == [
        "Ministry of AL"
    ]


def listed_sections(response):
    return [section["anchor"] for section in response.context["sections"] if section["status"]]


@pytest.mark.parametrize(
    ("assistance_type", "listed", "not_applicable"),
    [
        (
            "workshop",
            [
                "request",
                "purpose",
                "context",
                "language",
                "dates",
                "people",
                "interpretation",
                "experts",
            ],
            ["host"],
        ),
        (
            "expert_mission",
            [
                "request",
                "purpose",
                "context",
                "language",
                "dates",
                "people",
                "interpretation",
                "experts",
            ],
            ["host"],
        ),
        (
            "study_visit",
            [
                "request",
                "purpose",
                "context",
                "language",
                "dates",
                "people",
                "interpretation",
                "host",
            ],
            ["experts"],
        ),
        (
            "",
            [
                "request",
                "purpose",
                "context",
                "language",
                "dates",
                "people",
                "interpretation",
                "experts",
                "host",
            ],
            [],
        ),
    ],
)
def test_the_sections_of_each_type(client, institutions, assistance_type, listed, not_applicable):
    serbian = serbian_applicant(institutions)
    application = Application.objects.create(
        created_by=serbian,
        lead_institution=institutions["RS"],
        assistance_type=assistance_type,
        preferred_start=date.today() + timedelta(days=60),
    )
    client.force_login(serbian)

    response = client.get(reverse("applications:edit", args=[application.pk]))

    assert listed_sections(response) == listed
    assert [s["anchor"] for s in response.context["sections"] if not s["applies"]] == (
        not_applicable
    )
    html = response.content.decode()
    for anchor in not_applicable:
        assert f'id="section-{anchor}" class="form-section" data-types=' in html
        assert html.count(" disabled>") == 1
        assert "<strong>Not applicable to this type of assistance.</strong>" in html


def test_registration_lists_beneficiaries_then_member_states_of_the_day():
    def groups(day):
        return [
            (label, [name for _, name in items])
            for label, items in RegistrationForm(day=day).fields["country"].choices[1:]
        ]

    croatia_2012 = dict(groups(date(2012, 1, 1)))
    croatia_2020 = dict(groups(date(2020, 1, 1)))

    # In 2012 no peer-to-peer strand was open (REGIO PEER 2 PEER from 2015): no Member State.
    assert list(croatia_2012) == ["Beneficiary countries"]
    assert "Croatia" in croatia_2012["Beneficiary countries"]
    assert "France" not in croatia_2012["Beneficiary countries"]
    assert list(croatia_2020) == [
        "Beneficiary countries",
        "EU Member States (peer-to-peer strands only)",
    ]
    assert "Croatia" in croatia_2020["EU Member States (peer-to-peer strands only)"]
    assert "Croatia" not in croatia_2020["Beneficiary countries"]
    assert "France" not in croatia_2020["Beneficiary countries"]
    assert "Serbia" not in croatia_2020["EU Member States (peer-to-peer strands only)"]


def test_registration_re_rendered_lists_the_chosen_countrys_institutions(client, institutions):
    response = client.post(
        reverse("accounts:register"),
        {"country": Country.objects.get(code="AL").pk, "full_name": "Arta"},
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert [option.data["label"] for option in form["institution"].subwidgets] == [
        form.fields["institution"].empty_label,
        "Ministry of AL (Albania)",
    ]


def queue_choices(client, user, query=""):
    client.force_login(user)
    response = client.get(reverse("applications:list") + query)
    return response, response.context["form"].fields["queue"].choices


@pytest.mark.parametrize(
    ("role", "queues"),
    [
        (Role.APPLICANT, ["", "mine"]),
        (Role.EXPERT, [""]),
        (Role.NCP, ["", "ncp"]),
        (Role.CASE_HANDLER, ["", "team"]),
        (Role.HEAD_OF_UNIT, ["", "meeting"]),
    ],
)
def test_the_list_offers_each_role_its_own_queues(client, role, queues):
    _, choices = queue_choices(client, make_user(role))

    assert [key for key, _ in choices] == queues


def test_an_applicant_asking_for_a_staff_queue_gets_a_field_error(client, institutions):
    response, _ = queue_choices(client, serbian_applicant(institutions), "?queue=team")

    assert response.context["form"].errors == {
        "queue": ["This queue is not one of yours; choose one of the list."]
    }


def test_the_country_facet_lists_member_states_apart(client, institutions):
    client.force_login(serbian_applicant(institutions))

    response = client.get(reverse("applications:list"))

    choices = response.context["form"].fields["country"].choices
    groups = {label: [code for code, _ in items] for label, items in choices[1:]}
    assert list(groups) == [
        "Beneficiary countries",
        "EU Member States (peer-to-peer strands only)",
    ]
    assert {"RS", "AL", "UA", "HR"} <= set(groups["Beneficiary countries"])
    assert {"FR", "DE", "AT"} <= set(groups["EU Member States (peer-to-peer strands only)"])
    assert not {"RS", "HR"} & set(groups["EU Member States (peer-to-peer strands only)"])


def test_expert_registration_re_rendered_lists_the_member_states_employers(db):
    from taiex.experts.forms.profiles import RegistrationForm as ExpertRegistrationForm

    austrian = InstitutionFactory(name="Federal Ministry", country=Country.objects.get(code="AT"))
    InstitutionFactory(name="Ministère", country=Country.objects.get(code="FR"))

    form = ExpertRegistrationForm({"member_state": austrian.country_id})
    unbound = ExpertRegistrationForm()

    assert [option.data["label"] for option in form["employer"].subwidgets] == [
        "---------",
        "Federal Ministry (Austria)",
    ]
    assert [option.data["label"] for option in unbound["employer"].subwidgets] == [
        "---------",
        "Federal Ministry (Austria)",
        "Ministère (France)",
    ]
    assert unbound["employer"].subwidgets[1].data["attrs"]["data-country"] == str(
        austrian.country_id
    )
