# ruff: noqa: RUF001 (French apostrophes)
"""The public pages in French, as a browser set to French asks for them (Accept-Language): no
English sentence is left apart from user content (titles, summaries, places), the reference
data reads in French, and the dates are French."""

import io
import re

import pytest
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.events.services.personal_links import registration_token
from tests.events.participant_fixtures import participant, workshop  # noqa: F401
from tests.factories import make_user
from tests.i18n import FRENCH, both, english_left, untranslated_nodes
from tests.portal.homes.helpers import proposed


def user_content():
    """Texts that are the same in both languages on purpose: what people wrote, and the names
    of the reference data that French writes as English does (REGIO PEER 2 PEER)."""
    from taiex.accounts.models import Institution, User
    from taiex.applications.models import Application
    from taiex.events.models import Event, Participant
    from taiex.reference.models import Window

    texts = [w.name for w in Window.objects.all() if w.name_translations.get("fr") == w.name]
    texts.append("CC BY 4.0")  # the licence's name
    for user in User.objects.all():
        texts += [user.full_name, user.email]
    for application in Application.objects.all():
        texts += [application.title, application.reference]
    texts += list(Institution.objects.values_list("name", flat=True))
    for person in Participant.objects.all():
        texts += [person.full_name, person.institution]
    for event in Event.objects.all():
        texts += [event.title, event.summary, event.place, event.legislation, event.keywords]
        texts += [event.beneficiary_institutions, event.original_title, event.original_summary]
    return [text for text in texts if text]


PAGES = [
    ("portal:index", {}),
    ("portal:events", {}),
    ("portal:event", {"reference": "EM-2024-0007"}),
    ("portal:statistics", {}),
    ("portal:open_data", {}),
    ("portal:own_registration_link", {}),
    ("portal:evaluation_statistics", {}),
    ("portal:annual_report", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_public_pages_are_in_french_for_a_french_browser(client, catalogue, name, kwargs):
    english, french = both(client, reverse(name, kwargs=kwargs))

    assert '<html lang="fr" dir="ltr">' in french
    assert '<html lang="en" dir="ltr">' in english
    assert english_left(french) == []
    assert untranslated_nodes(english, french, user_content()) == []


def test_the_search_in_french_its_facets_and_its_counts(client, catalogue):
    content = client.get(reverse("portal:events"), **FRENCH).content.decode()

    assert "<h1>Rechercher des événements réalisés</h1>" in content
    assert '<h2 id="results-heading">3 événements</h2>' in content
    assert "Serbie <span" in content  # the countries' French names in the facets
    assert "24. Justice, liberté et sécurité <span" in content  # the official French title
    assert "Élargissement <span" in content  # the window

    chosen = client.get(reverse("portal:events") + "?type=expert_mission", **FRENCH)
    content = chosen.content.decode()
    assert '<h2 id="results-heading">1 événement</h2>' in content
    assert "Type : Mission d&#x27;experts \u00d7" in content  # the chosen filter, in French


def test_the_event_page_in_french_dates_footnote_and_reference_names(client, catalogue):
    content = client.get(
        reverse("portal:event", kwargs={"reference": "EM-2024-0007"}), **FRENCH
    ).content.decode()

    assert (
        'du <time datetime="2024-10-01">1 octobre 2024</time> '
        'au <time datetime="2024-10-03">3 octobre 2024</time>'
    ) in content
    assert "<dt>Type</dt><dd>Mission d&#x27;experts</dd>" in content
    assert "Cette désignation est sans préjudice des positions sur le statut" in content
    # User content is not translated.
    assert "Risk analysis on illegal migration" in content


def test_the_english_page_keeps_its_english_dates(client, catalogue):
    content = client.get(
        reverse("portal:event", kwargs={"reference": "EM-2024-0007"})
    ).content.decode()

    assert (
        '<time datetime="2024-10-01">1 Oct 2024</time> to '
        '<time datetime="2024-10-03">3 Oct 2024</time>'
    ) in content


def assert_all_french(english, french):
    assert '<html lang="fr" dir="ltr">' in french
    assert english_left(french) == []
    assert untranslated_nodes(english, french, user_content()) == []


def test_the_annual_report_of_a_year_in_french(client, catalogue):
    english, french = both(client, reverse("portal:annual_report") + "?year=2024")

    assert_all_french(english, french)
    assert "<h1>Rapport annuel d’activité 2024</h1>" in french
    assert "<caption>Chiffres clés de 2024</caption>" in french
    assert '<h2 id="costs-title">Coût des événements de 2024</h2>' in french
    assert '<th scope="row">Total du programme</th><td class="number">0,00\u00a0EUR</td>' in french


def test_the_annual_report_pdf_is_in_the_language_of_who_downloads_it(client, catalogue):
    from pypdf import PdfReader

    reader = make_user(Role.CASE_HANDLER, full_name="Lea Lecteur", language="fr")
    client.force_login(reader)

    response = client.get(reverse("portal:annual_report_pdf", args=[2024]))

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Rapport annuel d’activité 2024" in text
    assert "Chiffres clés de 2024 et de 2023" in text
    assert "Annual activity report" not in text


def test_the_staff_home_in_french(client, catalogue, case_handler):
    client.force_login(case_handler)

    english, french = both(client, reverse("accounts:home"))

    assert_all_french(english, french)
    assert "<h1>Mon travail</h1>" in french
    assert f"Connecté en tant que {case_handler.full_name} ({case_handler.email})." in french


def test_the_head_of_units_home_and_decisions_in_french(
    client, head_of_unit, applicant, ncp, case_handler
):
    application = proposed(applicant, ncp, case_handler, days_ago=2)
    client.force_login(head_of_unit)

    english, french = (
        # The queues' tables below are the requests' (applications/_table.html).
        page.split('<section aria-labelledby="section-')[0]
        for page in both(client, reverse("accounts:home"))
    )
    assert_all_french(english, french)
    assert "Proposition : approuver" in french
    assert "En décider plusieurs à la fois</a>" in french

    english, french = both(client, reverse("accounts:decide_proposals"))
    assert_all_french(english, french)
    assert "proposée pour approbation" in french
    assert "Motif (envoyé au demandeur et au PCN)" in french

    choice = {
        "step": "confirm",
        f"p{application.pk}-selected": "on",
        f"p{application.pk}-decision": "approve",
        f"p{application.pk}-reason": "Fits the priorities.",
    }
    english = client.post(reverse("accounts:decide_proposals"), choice).content.decode()
    french = client.post(reverse("accounts:decide_proposals"), choice, **FRENCH).content.decode()
    assert_all_french(english, french.replace("Fits the priorities.", ""))
    assert "<h1>Confirmer 1 décision</h1>" in french
    assert "Enregistrer 1 décision</button>" in french


def test_the_figures_on_requests_in_french(client, catalogue, case_handler, applicant, ncp):
    proposed(applicant, ncp, case_handler)
    client.force_login(case_handler)

    english, french = both(client, reverse("portal:request_figures"))

    assert_all_french(english, french)
    assert "<h1>Chiffres sur les demandes</h1>" in french
    assert '<th scope="col">Nombre médian de jours jusqu’à la décision</th>' in french
    assert '<caption id="teams-caption">Par équipe thématique</caption>' in french


def test_a_participants_own_page_in_french(client, workshop):  # noqa: F811
    person = participant(workshop, state="approved")
    url = reverse("portal:own_registration", args=[registration_token(person)])

    english, french = both(client, url)

    assert_all_french(english, french)
    assert '<h2 id="documents-heading">Vos documents</h2>' in french
    assert "Votre place est confirmée." in french
    assert "Je ne peux plus venir</h2>" in french


def test_a_link_not_valid_in_french(client, workshop):  # noqa: F811
    token = registration_token(participant(workshop))
    url = reverse("portal:own_registration", args=[token[:-2] + "xy"])

    english, french = both(client, url)

    assert "<h1>Ce lien n’est pas valide</h1>" in french
    assert "Redemander votre lien personnel</a>" in french
    assert untranslated_nodes(english, french, user_content()) in ([], [english_message(english)])


def english_message(page):
    """The message of the events' link check (translated by the events' catalogue)."""
    found = re.search(r'role="alert">([^<]+)</p>', page)
    return " ".join(found.group(1).split()) if found else ""
