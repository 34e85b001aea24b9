"""Staffing in French: the expert's home and invitation pages, the staff's search, ranking and
staffing pages with the ranking's explanations, and the invitation e-mails in the expert's
language; no English sentence is left apart from user content."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import re
from html import unescape

import pytest
from django.urls import reverse

from taiex.core.models import OutboxMessage
from taiex.experts.models import Expert
from taiex.staffing.models import ExpertCall
from taiex.staffing.notifications import notify_invited
from taiex.staffing.services.invitations import invite_expert
from tests.i18n import FRENCH, english_left, untranslated_nodes
from tests.staffing.invitation_fixtures import (  # noqa: F401 (fixtures)
    event,
    fitting_expert,
    in_days,
    planned_event,
)

pytestmark = pytest.mark.django_db

# The tabs of the event's pages belong to the events app (translated there): left out here.
EVENT_TABS = re.compile(r'<nav class="tabs".*?</nav>', re.S)
# The expert's mission reports and calendar on the home page belong to the events app too.
EVENTS_PARTS = re.compile(
    r'<section[^>]*aria-labelledby="(?:reports|calendar)[^"]*".*?</section>', re.S
)
USER_CONTENT = [
    "Asylum interview techniques",
    "Practice of Member States with vulnerable applicants.",
    "Sara Slovenska",
    "Carla Case Handler",
    "Asylum interviewers for the reception centres",
    "Fisheries inspection",
]


def ours(html):
    return EVENTS_PARTS.sub("", EVENT_TABS.sub("", html))


def both(client, url):
    english = ours(client.get(url).content.decode())
    french = ours(client.get(url, **FRENCH).content.decode())
    return english, french


def assert_all_french(english, french):
    experts = Expert.objects.select_related("employer", "user")
    people = [
        text for e in experts for text in (e.position, e.employer and e.employer.name) if text
    ]
    assert '<html lang="fr" dir="ltr">' in french
    assert english_left(french) == []
    assert untranslated_nodes(english, french, [*USER_CONTENT, *people]) == []


@pytest.fixture
def invitation(event, fitting_expert, case_handler, django_capture_on_commit_callbacks):
    ExpertCall.objects.create(
        event=planned_event(
            title="Asylum interview techniques", start_date=in_days(120), end_date=None
        ),
        description="Asylum interviewers for the reception centres",
        published_by=case_handler,
    )
    with django_capture_on_commit_callbacks(execute=True):
        return invite_expert(event, fitting_expert, role="expert", actor=case_handler)


def test_the_experts_home_and_invitation_page_in_french(client, invitation, fitting_expert):
    client.force_login(fitting_expert.user)
    for url in [
        reverse("staffing:home"),
        reverse("staffing:invitation_event", args=[invitation.pk]),
    ]:
        english, french = both(client, url)
        assert_all_french(english, french)

    french = unescape(client.get(reverse("staffing:home"), **FRENCH).content.decode())
    assert "<h1>Mon accueil d'expert</h1>" in french
    assert "Rôle : expert" in french
    assert "Manifester mon intérêt</button>" in french


def test_the_staff_search_ranking_and_staffing_pages_in_french(client, invitation, case_handler):
    client.force_login(case_handler)
    staffing = (
        reverse("staffing:staffing") + f"?start={in_days(1)}&end={in_days(200)}&per_quarter=2"
    )
    for url in [
        reverse("staffing:search"),
        reverse("staffing:ranking", args=[invitation.event.pk]),
        staffing,
    ]:
        english, french = both(client, url)
        assert_all_french(english, french)

    french = unescape(
        client.get(
            reverse("staffing:ranking", args=[invitation.event.pk]), **FRENCH
        ).content.decode()
    )
    assert "<summary>Comment le score est calculé</summary>" in french
    assert "<dt>Charge récente</dt><dd>Moins 5 points par invitation acceptée" in french


def test_the_invitation_email_is_in_the_experts_language(invitation, fitting_expert):
    invitation.expert.user.language = "fr"
    invitation.expert.user.save(update_fields=["language"])

    notify_invited(invitation, link_path="/x/")

    # Queued in the outbox (the worker sends it after the commit), in the expert's language.
    message = OutboxMessage.objects.filter(to_address=fitting_expert.user.email).latest("pk")
    assert message.subject == "[taiex] Invitation à WS-2026-0042 : Asylum interview techniques"
    assert message.body.startswith("Bonjour Sara Slovenska,\n\n")
    assert (
        "Vous êtes invité avec le rôle « expert » à l'événement WS-2026-0042 « Asylum interview "
        "techniques »"
    ) in message.body
    assert english_left(message.body) == []
