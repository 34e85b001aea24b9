"""The consultation goes to the services in scope, and each service sees and answers only those."""

import pytest
from django.core import mail
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.applications import queries, services
from taiex.applications.enums import ApplicationState as S
from taiex.applications.partner_countries import confirm_country_institutions
from taiex.core.models import ActivityLog
from taiex.reference.models import Chapter, ConsultedService, Country, Window
from tests.factories import InstitutionFactory, make_user, submittable_application

pytestmark = pytest.mark.django_db

SERVICES = [
    "delegation-rs",
    "delegation-al",
    "delegation-me",
    "delegation-ge",
    "desk-western-balkans",
    "desk-neighbourhood-east",
    "dg-home",
    "dg-env",
    "dg-clima",
    "dg-agri",
    "dg-regio",
    "partner-dg-regio",
    "partner-dg-env",
]


def forwarded(*, country, chapters, window="enlargement", partners=(), title):
    """A request of an institution of `country`, submitted and forwarded by its NCP."""
    applicant = make_user(Role.APPLICANT, country=country)
    application = submittable_application(
        applicant,
        title=title,
        state=S.SUBMITTED,
        window=Window.objects.get(code=window),
        chapters=list(Chapter.objects.filter(number__in=chapters)),
    )
    application.partner_institutions.set(
        [InstitutionFactory(country=Country.objects.get(code=code)) for code in partners]
    )
    for code in partners:
        confirm_country_institutions(
            application,
            actor=make_user(Role.NCP, country=code),
            country=Country.objects.get(code=code),
        )
    ncp = make_user(Role.NCP, country=country)
    return services.forward_application(application, actor=ncp)


@pytest.fixture
def requests_by_name():
    return {
        "serbia_home_affairs": forwarded(country="RS", chapters=[24], title="Asylum"),
        "albania_environment": forwarded(country="AL", chapters=[27], title="Waste"),
        "georgia_agriculture": forwarded(
            country="GE", chapters=[11], window="neighbourhood-east", title="Rural development"
        ),
        "serbia_montenegro_workshop": forwarded(
            country="RS", chapters=[24], partners=["ME"], title="Border management"
        ),
        "italy_cohesion_peer": forwarded(
            country="IT", chapters=[22], window="regio-peer-2-peer", title="Cohesion funds"
        ),
    }


@pytest.fixture
def accounts():
    return {code: make_user(Role.CONSULTEE, service=code) for code in SERVICES}


def consulted(application):
    return sorted(application.consultations.values_list("service__code", flat=True))


def test_forward_application_consults_the_delegation_desk_and_line_dg_in_scope(
    requests_by_name,
):
    assert {name: consulted(request) for name, request in requests_by_name.items()} == {
        "serbia_home_affairs": ["delegation-rs", "desk-western-balkans", "dg-home"],
        "albania_environment": ["delegation-al", "desk-western-balkans", "dg-clima", "dg-env"],
        "georgia_agriculture": ["delegation-ge", "desk-neighbourhood-east", "dg-agri"],
        # A multi-country request: the Delegation of every beneficiary country, one desk.
        "serbia_montenegro_workshop": [
            "delegation-me",
            "delegation-rs",
            "desk-western-balkans",
            "dg-home",
        ],
        # A peer-to-peer strand: only the partner DG of the strand, not the line DG REGIO.
        "italy_cohesion_peer": ["partner-dg-regio"],
    }


def test_forward_application_copies_the_group_of_each_service(requests_by_name):
    consultations = requests_by_name["albania_environment"].consultations.order_by("service__code")

    assert list(consultations.values_list("service__code", "group", "round")) == [
        ("delegation-al", "eu_delegation", 1),
        ("desk-western-balkans", "geographic_desk", 1),
        ("dg-clima", "line_dg", 1),
        ("dg-env", "line_dg", 1),
    ]


def test_an_inactive_service_is_no_longer_consulted():
    ConsultedService.objects.filter(code="dg-clima").update(is_active=False)

    request = forwarded(country="AL", chapters=[27], title="Waste")

    assert consulted(request) == ["delegation-al", "desk-western-balkans", "dg-env"]


def test_who_is_consulted_is_data_edited_in_the_reference_rows():
    # Move chapter 24 from DG HOME to DG JUST: the next request goes to DG JUST.
    chapter = Chapter.objects.get(number=24)
    ConsultedService.objects.get(code="dg-home").chapters.remove(chapter)
    ConsultedService.objects.get(code="dg-just").chapters.add(chapter)

    request = forwarded(country="RS", chapters=[24], title="Asylum")

    assert consulted(request) == ["delegation-rs", "desk-western-balkans", "dg-just"]


VISIBLE = {
    "delegation-rs": ["serbia_home_affairs", "serbia_montenegro_workshop"],
    "delegation-al": ["albania_environment"],
    "delegation-me": ["serbia_montenegro_workshop"],
    "delegation-ge": ["georgia_agriculture"],
    "desk-western-balkans": [
        "albania_environment",
        "serbia_home_affairs",
        "serbia_montenegro_workshop",
    ],
    "desk-neighbourhood-east": ["georgia_agriculture"],
    "dg-home": ["serbia_home_affairs", "serbia_montenegro_workshop"],
    "dg-env": ["albania_environment"],
    "dg-clima": ["albania_environment"],
    "dg-agri": ["georgia_agriculture"],
    "dg-regio": [],
    "partner-dg-regio": ["italy_cohesion_peer"],
    "partner-dg-env": [],
}


def names(queryset, requests_by_name):
    by_pk = {request.pk: name for name, request in requests_by_name.items()}
    return sorted(by_pk[pk] for pk in queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("service", SERVICES)
def test_a_consulted_service_sees_only_the_requests_in_its_scope(
    requests_by_name, accounts, service
):
    visible = queries.applications_visible_to(accounts[service])
    waiting = queries.applications_awaiting_opinion(accounts[service])

    assert names(visible, requests_by_name) == VISIBLE[service]
    assert names(waiting, requests_by_name) == VISIBLE[service]


@pytest.mark.parametrize("service", SERVICES)
def test_the_request_page_opens_only_for_a_service_in_scope(
    client, requests_by_name, accounts, service
):
    client.force_login(accounts[service])

    statuses = {
        name: client.get(reverse("applications:detail", args=[request.pk])).status_code
        for name, request in requests_by_name.items()
    }

    assert statuses == {name: 200 if name in VISIBLE[service] else 404 for name in requests_by_name}


def test_a_line_dg_sees_only_its_chapters_in_the_request_list(client, requests_by_name, accounts):
    client.force_login(accounts["dg-env"])

    response = client.get(reverse("applications:list"))

    assert [a.title for a in response.context["page"]] == ["Waste"]


@pytest.mark.parametrize("service", ["delegation-al", "dg-env", "desk-neighbourhood-east"])
def test_a_service_out_of_scope_cannot_answer_and_nothing_changes(
    client, requests_by_name, accounts, service
):
    request = requests_by_name["serbia_home_affairs"]
    consultation = request.consultations.get(service__code="delegation-rs")
    client.force_login(accounts[service])
    logs_before = ActivityLog.objects.count()

    response = client.post(
        reverse("applications:act", args=[request.pk, "opinion"]),
        {
            "consultation": consultation.pk,
            "opinion-opinion": "objection",
            "opinion-comment": "Not ours to say.",
        },
    )

    consultation.refresh_from_db()
    request.refresh_from_db()
    assert response.status_code == 404
    assert (consultation.opinion, request.state) == ("pending", S.CONSULTATION)
    assert ActivityLog.objects.count() == logs_before


def test_a_service_in_scope_answers_for_itself_on_the_page(client, requests_by_name, accounts):
    request = requests_by_name["serbia_montenegro_workshop"]
    consultation = request.consultations.get(service__code="delegation-me")
    client.force_login(accounts["delegation-me"])

    response = client.post(
        reverse("applications:act", args=[request.pk, "opinion"]),
        {"consultation": consultation.pk, "opinion-opinion": "no_objection"},
    )

    consultation.refresh_from_db()
    assert response.status_code == 302
    assert (consultation.opinion, consultation.responded_by) == (
        "no_objection",
        accounts["delegation-me"],
    )


def test_the_comment_permission_follows_the_scope(requests_by_name, accounts):
    request = requests_by_name["albania_environment"]

    allowed = sorted(
        code
        for code, user in accounts.items()
        if user.has_perm("applications.comment_application", request)
    )

    assert allowed == ["delegation-al", "desk-western-balkans", "dg-clima", "dg-env"]


def test_forwarding_mails_only_the_services_in_scope(accounts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        forwarded(
            country="GE", chapters=[11], window="neighbourhood-east", title="Rural development"
        )

    consulted_emails = {
        accounts[code].email for code in ("delegation-ge", "desk-neighbourhood-east", "dg-agri")
    }
    reached = {address for message in mail.outbox for address in message.to}
    assert reached & {user.email for user in accounts.values()} == consulted_emails
