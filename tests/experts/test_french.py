"""The expert database in French: registration, confirmation, the expert's profile and erasure,
and the staff's verification queue and decision; no English sentence is left apart from what
people wrote (names, expertise, keywords, employers)."""

from html import unescape

import pytest
from django.urls import reverse

from taiex.experts.services.profiles import confirmation_token
from tests.factories import ExpertFactory
from tests.i18n import FRENCH, both, english_left, untranslated_nodes

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_expert(db):
    return ExpertFactory(
        user__full_name="Petra Pending",
        user__email="petra@gov.si",
        verification_state="pending",
        verified_at=None,
    )


def user_content(*experts):
    texts = ["Carla Case Handler"]
    for expert in experts:
        texts += [expert.user.full_name, expert.position, expert.expertise, expert.keywords]
        texts += [", ".join(expert.keyword_list)]
        if expert.employer:
            texts.append(expert.employer.name)
    return [text for text in texts if text]


def assert_all_french(english, french, content=()):
    assert '<html lang="fr" dir="ltr">' in french
    assert english_left(french) == []
    assert untranslated_nodes(english, french, content) == []


def test_the_registration_pages_in_french(client, pending_expert):
    for url in [reverse("experts:register"), reverse("experts:registered")]:
        english, french = both(client, url)
        assert_all_french(english, french)
    french = unescape(client.get(reverse("experts:register"), **FRENCH).content.decode())
    assert "<h1>S'inscrire comme expert</h1>" in french
    assert "Vos langues de travail" in french
    assert "Niveaux du Cadre européen commun de référence, de A1 à C2." in french

    pending_expert.verification_state = "unconfirmed"
    pending_expert.save(update_fields=["verification_state"])
    url = reverse("experts:confirm_email", args=[confirmation_token(pending_expert.user)])
    english, french = both(client, url)
    assert_all_french(english, french, user_content(pending_expert))
    assert "Confirmer mon adresse électronique</button>" in french


def test_the_profile_and_erasure_pages_in_french(client, pending_expert):
    client.force_login(pending_expert.user)
    for url in [reverse("experts:profile"), reverse("experts:erase")]:
        english, french = both(client, url)
        assert_all_french(english, french, user_content(pending_expert))
    french = unescape(client.get(reverse("experts:profile"), **FRENCH).content.decode())
    assert "<h1>Mon profil d'expert</h1>" in french
    assert "<dt>Vérification</dt><dd>En attente de vérification</dd>" in french


def test_the_verification_pages_in_french(client, pending_expert, case_handler):
    client.force_login(case_handler)
    for url in [
        reverse("experts:verification_queue"),
        reverse("experts:verification_decide", args=[pending_expert.pk]),
    ]:
        english, french = both(client, url)
        assert_all_french(english, french, user_content(pending_expert))
    french = unescape(
        client.get(
            reverse("experts:verification_decide", args=[pending_expert.pk]), **FRENCH
        ).content.decode()
    )
    assert "<h1>Vérifier Petra Pending</h1>" in french
    assert "Les consultants privés et les indépendants ne sont pas éligibles" in french

    response = client.post(
        reverse("experts:verification_decide", args=[pending_expert.pk]),
        {"reject": "1", "reason": ""},
        **FRENCH,
    )
    assert response.status_code == 200  # the page again, with the refusal by its field
    assert "Indiquez le motif du rejet ; l'expert le lit." in unescape(response.content.decode())
