"""Shared arrangement of the participants, attendance and document tests: a planned Serbian
workshop of the justice team in 2027 (the request's applicant is the focal point), and the
people around it. Imported by the test modules (pytest registers the fixtures where they are
imported)."""

from datetime import date

import pytest
from django.core import mail

from taiex.accounts.enums import Role
from taiex.core.models import ActivityLog
from taiex.reference.models import Country, ThematicTeam
from tests.factories import ApplicationFactory, EventFactory, make_user
from tests.factories.participants import ParticipantFactory

NOBODY = "anonymous"
ROLES = [
    NOBODY,
    "other_applicant",  # applicant of another request
    "ncp_albania",  # NCP of a country that is not a beneficiary
    "expert",
    "consultee",
    "other_team_case_handler",
    "applicant",  # the request's applicant: the beneficiary's focal point
    "ncp",
    "case_handler",
    "head_of_unit",
    "administrator",
]
STAFF = ["case_handler", "head_of_unit", "administrator"]
REGISTRANTS = ["applicant", "ncp", *STAFF]


def client_as(client, request, role):
    if role != NOBODY:
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.fixture
def consultee(db):
    return make_user(Role.CONSULTEE, group="eu_delegation", full_name="Consultee EU Delegation")


@pytest.fixture
def workshop(db, applicant, case_handler):
    institution = applicant.memberships.get(role=Role.APPLICANT).institution
    application = ApplicationFactory(created_by=applicant, lead_institution=institution)
    return EventFactory(
        reference="WS-2027-0007",
        state="planned",
        title="Treatment of vulnerable groups at detention facilities",
        application=application,
        start_date=date(2027, 3, 9),
        end_date=date(2027, 3, 10),
        place="Belgrade",
        beneficiary=Country.objects.get(code="RS"),
        team=ThematicTeam.objects.get(code="jfs"),
        case_handler=case_handler,
        participants_count=None,
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): act` runs what the act queued for after its commit (the e-mails), as
    the real commit would; the test's own transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def serbia(db):
    return Country.objects.get(code="RS")


def details(n=1, **overrides):
    """What a registration form carries for person number `n`."""
    return {
        "full_name": f"Milica Petrović {n}",
        "email": f"milica{n}@mup.gov.rs",
        "institution": "Ministry of Interior",
        "position": "Border police officer",
        "country": Country.objects.get(code="RS"),
        "phone": "",
        **overrides,
    }


def form_data(n=1, **overrides):
    data = details(n, **overrides)
    data["country"] = data["country"].pk
    return data


def participant(event, n=1, **fields):
    return ParticipantFactory(
        **{
            "event": event,
            "full_name": f"Participant {n}",
            "email": f"p{n}@mup.gov.rs",
            "check_code": f"CHECK{event.pk:03d}{n:04d}",
            **fields,
        }
    )


def log_of(participant):
    return list(
        ActivityLog.objects.filter(object_id=str(participant.pk), content_type__model="participant")
        .order_by("id")
        .values_list("action", "from_state", "to_state")
    )


def sent():
    return [(message.to, message.subject) for message in mail.outbox]
