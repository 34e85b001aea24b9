"""Evaluations in French: the answer page of a personal link, the staff's results, the ratings
pages and the e-mail with the link, with the default questionnaire's questions read through
the catalogue and no English sentence left apart from user content."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import re
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from taiex.evaluations.models import EvaluationRequest
from taiex.evaluations.services.links import link_path
from tests.evaluations.fixtures import (  # noqa: F401 (fixtures)
    event,
    participants,
    rated_expert,
    sweep,
)
from tests.evaluations.test_results import answered  # noqa: F401 (fixture)
from tests.i18n import FRENCH, english_left, untranslated_nodes

pytestmark = pytest.mark.django_db

# The tabs of the event's pages belong to the events app (translated there): left out here.
EVENT_TABS = re.compile(r'<nav class="tabs".*?</nav>', re.S)
USER_CONTENT = [
    "Asylum interview techniques",
    "Eda Expert",
    "Petar Present",
    "Mila Present",
    "Ana Absent",
    "Corina Contact",
    "Case studies",
    "Carla Case Handler",
    "Other Person 0",
    "Other Person 1",
    "Other Person 2",
    "Ana Applicant",
]


def both(client, url):
    english = EVENT_TABS.sub("", client.get(url).content.decode())
    french = EVENT_TABS.sub("", client.get(url, **FRENCH).content.decode())
    return english, french


def assert_all_french(english, french):
    assert '<html lang="fr" dir="ltr">' in french
    assert english_left(french) == []
    assert untranslated_nodes(english, french, USER_CONTENT) == []


def test_the_answer_page_of_a_participant_in_french(client, event, participants, sweep):
    sweep()
    request = EvaluationRequest.objects.get(email="petar@gov.rs")

    english, french = both(client, link_path(request))

    assert_all_french(english, french)
    french = unescape(french)
    assert "Comment évaluez-vous l'événement dans son ensemble ?" in french
    assert "Comment évaluez-vous l'expert Eda Expert ?" not in french  # no confirmed expert
    assert "5: Excellent" in french
    assert "Envoyer mes réponses</button>" in french


def test_the_results_and_the_ratings_pages_in_french(
    client, case_handler, event, answered, rated_expert
):
    client.force_login(case_handler)
    for url in [
        reverse("evaluations:event", args=[event.pk]),
        reverse("evaluations:expert_ratings"),
    ]:
        english, french = both(client, url)
        assert_all_french(english, french)
    french = unescape(
        client.get(reverse("evaluations:event", args=[event.pk]), **FRENCH).content.decode()
    )
    assert '<h2 id="rates-heading">Taux de réponse</h2>' in french
    assert "<h4>Comment évaluez-vous l'événement dans son ensemble ?</h4>" in french
    assert "5 réponses, moyenne 4.4 sur 5" in french or "5 réponses, moyenne 4,4 sur 5" in french
    assert "<td>Excellent</td>" in french

    client.force_login(rated_expert.user)
    english, french = both(client, reverse("evaluations:my_ratings"))
    assert_all_french(english, french)
    assert "<h1>Mes notes par les participants</h1>" in french


def test_the_email_with_the_link_in_french(event, participants, sweep):
    sweep()
    request = EvaluationRequest.objects.get(email="petar@gov.rs")
    context = {"request": request, "event": event, "is_reminder": True, "path": "/x/"}

    with translation.override("fr"):
        body = render_to_string("evaluations/email/request.txt", context)

    assert body.startswith("Bonjour Petar Present,\n")
    assert "Ceci est un rappel : nous n'avons pas encore reçu vos réponses." in body
    assert (
        "Vous avez participé à WS-2026-0007 : Asylum interview techniques. Dites-nous comment "
        "cela s'est passé."
    ) in body
    assert "L'équipe TAIEX" in body
    assert english_left(body) == []
