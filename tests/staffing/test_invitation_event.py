"""The event of an invitation as the invited expert sees it before accepting: public fields,
dates, place and agenda, reached from the home and the e-mail link; nobody else finds it."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

from datetime import time, timedelta

import pytest
from django.utils import timezone

from taiex.events.models import AgendaSession
from taiex.staffing.enums import INVITATION_VALID_DAYS
from taiex.staffing.models import Invitation
from taiex.staffing.services.invitations import link_path
from tests.factories import ExpertFactory
from tests.staffing.invitation_fixtures import (  # noqa: F401 (fixtures)
    event,
    fitting_expert,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(event, fitting_expert, case_handler):
    event.place = "Belgrade, Palace of Serbia"
    event.save()
    AgendaSession.objects.create(
        event=event,
        day=event.start_date,
        starts_at=time(9, 30),
        ends_at=time(11),
        title="Interviewing vulnerable applicants",
    )
    now = timezone.now()
    return Invitation.objects.create(
        event=event,
        expert=fitting_expert,
        role="lead_expert",
        invited_by=case_handler,
        invited_at=now,
        expires_at=now + timedelta(days=INVITATION_VALID_DAYS),
    )


def url(invitation):
    return f"/experts/invitations/{invitation.pk}/event/"


def test_the_invited_expert_sees_the_event_before_accepting(client, invitation):
    client.force_login(invitation.expert.user)

    response = client.get(url(invitation))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Asylum interview techniques</h1>" in page
    assert "You are invited as lead expert." in page
    assert "WS-2026-0042" in page
    assert "Belgrade, Palace of Serbia" in page
    assert "Practice of Member States with vulnerable applicants." in page
    assert "09:30\u201311:00" in page
    assert "<strong>Interviewing vulnerable applicants</strong>" in page
    assert f'action="/experts/invitations/{invitation.pk}/accept/"' in page
    assert Invitation.objects.get(pk=invitation.pk).state == "invited"


def test_after_accepting_the_page_shows_no_answer_buttons(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(state="accepted")
    client.force_login(invitation.expert.user)

    page = client.get(url(invitation)).content.decode()

    assert "You are confirmed as lead expert." in page
    assert "/accept/" not in page


@pytest.mark.parametrize("who", ["another_expert", "case_handler", "applicant"])
def test_nobody_else_finds_it(client, invitation, who, case_handler, applicant):
    user = {
        "another_expert": lambda: ExpertFactory().user,
        "case_handler": lambda: case_handler,
        "applicant": lambda: applicant,
    }[who]()
    client.force_login(user)

    assert client.get(url(invitation)).status_code == 404


def test_anonymous_is_asked_to_log_in(client, invitation):
    response = client.get(url(invitation))

    assert response.status_code == 302
    assert "login" in response.url


@pytest.mark.parametrize("state", ["withdrawn", "declined", "expired"])
def test_an_invitation_no_longer_open_is_not_found(client, invitation, state):
    Invitation.objects.filter(pk=invitation.pk).update(state=state)
    client.force_login(invitation.expert.user)

    assert client.get(url(invitation)).status_code == 404


def test_reached_from_the_home_and_the_e_mail_link(client, invitation):
    client.force_login(invitation.expert.user)

    home = client.get("/experts/home/").content.decode()
    link_page = client.get(link_path(invitation)).content.decode()

    assert f'href="{url(invitation)}"' in home
    assert f'href="{url(invitation)}"' in link_page


def test_query_count_does_not_grow_with_the_agenda(client, invitation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(invitation.expert.user)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(invitation)).status_code == 200
        return len(queries)

    one = count()
    for hour in (12, 14, 16):
        AgendaSession.objects.create(
            event=invitation.event,
            day=invitation.event.start_date,
            starts_at=time(hour),
            ends_at=time(hour, 45),
            title=f"Session at {hour}",
        )

    assert count() == one
