# ruff: noqa: RUF001 (French apostrophes)
"""The account pages in French, as a person whose browser asks for French sees them: the NCP's
newcomers and gate, the erasure of an account, the second factor (setup, sign-in step,
recovery codes), a refused single sign-on, the API tokens; no English sentence is left apart
from what people wrote (names, institutions, token names)."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from taiex.accounts import services, sso_views
from taiex.accounts.api_tokens import create_api_token
from taiex.accounts.enums import Role
from taiex.accounts.models import ApiToken, Institution, User
from taiex.reference.models import Country, InstitutionKind
from tests.factories import make_user
from tests.factories.second_factor import code_for, enrol
from tests.i18n import FRENCH, both, english_left, untranslated_nodes

pytestmark = pytest.mark.django_db


def user_content():
    """What people wrote, the same in both languages on purpose: names, e-mail addresses,
    positions and institutions."""
    texts = []
    for user in User.objects.all():
        texts += [user.full_name, user.email, user.position]
    texts += list(Institution.objects.values_list("name", flat=True))
    texts += list(ApiToken.objects.values_list("name", flat=True))
    texts.append("Authorization: Bearer <token>")  # the header to send, as code
    return [text for text in texts if text]


def assert_all_french(english, french):
    assert '<html lang="fr" dir="ltr">' in french
    assert english_left(french) == []
    assert untranslated_nodes(english, french, user_content()) == []


def register_newcomer():
    return services.register_applicant(
        email="vesna.official@gov.rs",
        full_name="Vesna Official",
        password="Belgrade-river-2026",
        position="Adviser",
        phone="",
        country=Country.objects.get(code="RS"),
        new_institution_name="Office for Roma Inclusion",
        new_institution_kind=InstitutionKind.objects.get(code="central-administration"),
    )


def test_the_ncps_newcomers_page_in_french(client, ncp):
    register_newcomer()
    client.force_login(ncp)

    english, french = both(client, reverse("accounts:new_people"))

    assert_all_french(english, french)
    assert "<h1>Nouveau dans mon pays</h1>" in french
    assert (
        "Institutions et demandeurs inscrits au cours des 90 derniers jours, "
        "les plus récents d’abord."
    ) in french
    assert '<th scope="col">Inscrite par</th>' in french
    assert "Serbie" in french  # the country's French name


def test_the_gate_in_french(client, ncp):
    register_newcomer()
    client.force_login(ncp)

    english, french = both(client, reverse("accounts:gate"))

    assert_all_french(english, french)
    assert "<h1>En attente de ma confirmation</h1>" in french
    assert "Confirmer Office for Roma Inclusion</button>" in french
    assert '<button type="submit" class="danger">Bloquer le compte</button>' in french


def test_a_gate_message_reads_in_french(client, ncp):
    newcomer = register_newcomer()
    client.force_login(ncp)
    membership = newcomer.memberships.get()

    answer = client.post(
        reverse("accounts:gate_act", args=["applicant", membership.pk, "confirm"]),
        follow=True,
        **FRENCH,
    )

    assert "Vesna Official est confirmé." in answer.content.decode()


def test_the_erasure_page_in_french(client, administrator, applicant):
    client.force_login(administrator)

    english, french = both(client, reverse("accounts:account_erase", args=[applicant.pk]))

    assert_all_french(english, french)
    assert "<h1>Effacer les données personnelles d’un compte</h1>" in french
    assert f"remplacés par « Personne effacée {applicant.pk} »" in french
    assert "Pourquoi les données sont effacées" in french


def test_the_second_factor_setup_in_french(client, case_handler):
    client.force_login(case_handler)

    english, french = both(client, reverse("accounts:second_factor_setup"))

    assert_all_french(english, french)
    assert "<h1>Configurer l’authentification à deux facteurs</h1>" in french
    assert 'alt="Code QR qui ajoute taiex à une application d’authentification"' in french
    assert "Activer l’authentification à deux facteurs</button>" in french


def test_the_recovery_codes_in_french(client, case_handler):
    client.force_login(case_handler)
    client.get(reverse("accounts:second_factor_setup"), **FRENCH)
    device = case_handler.totpdevice_set.get()

    done = client.post(
        reverse("accounts:second_factor_setup"),
        {"code": code_for(device), "next": "/accounts/profile/"},
        **FRENCH,
    ).content.decode()

    assert "<h1>Vos codes de secours</h1>" in done
    assert "L’authentification à deux facteurs est activée." in done
    assert english_left(done) == []
    assert len(re.findall(r"<li><code>[a-z2-7]{4}-[a-z2-7]{4}</code></li>", done)) == 10


def test_a_wrong_code_at_the_setup_in_french(client, case_handler):
    client.force_login(case_handler)
    client.get(reverse("accounts:second_factor_setup"), **FRENCH)
    device = case_handler.totpdevice_set.get()

    wrong = client.post(
        reverse("accounts:second_factor_setup"),
        {"code": "000000" if code_for(device) != "000000" else "111111"},
        **FRENCH,
    )

    assert wrong.status_code == 400
    assert "Ce code n’est pas correct. Vérifiez que l’application" in wrong.content.decode()


def test_the_second_step_of_the_sign_in_in_french(client):
    person = make_user(Role.CASE_HANDLER, full_name="Carla Case Handler")
    enrol(person)
    client.post(
        reverse("accounts:login"),
        {"username": person.email, "password": "correct horse battery"},
        REMOTE_ADDR="192.0.2.20",
    )

    english, french = both(client, reverse("accounts:second_factor"))

    assert_all_french(english, french)
    assert "<h1>Deuxième étape de la connexion</h1>" in french
    assert "Vous avez perdu votre téléphone et vos codes de secours ?" in french


def test_a_refused_single_sign_on_in_french(db):
    request = RequestFactory().get("/accounts/sso/done/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    pages = {}
    for language in ("en", "fr"):
        with translation.override(language):
            message = gettext("Single sign-on is not configured.")
            pages[language] = sso_views.refused(request, message).content.decode()

    assert_all_french(pages["en"], pages["fr"])
    assert "L’authentification unique n’est pas configurée." in pages["fr"]
    assert "Se connecter avec son adresse électronique et son mot de passe" in pages["fr"]


def test_the_api_tokens_page_in_french(client, applicant):
    create_api_token(
        applicant, actor=applicant, name="weekly report script", scope="read", lifetime_days=30
    )
    client.force_login(applicant)

    english, french = both(client, reverse("accounts:api_tokens"))

    assert_all_french(english, french)
    assert "<caption>1 jeton</caption>" in french
    assert "<td>jamais</td>" in french
    assert "<td>Lecture seule</td>" in french
    assert '<button type="submit">Créer le jeton</button>' in french
    assert '<option value="365">un an</option>' in french
