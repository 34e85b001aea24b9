"""The staff, expert and participant pages of events in French, as the person who sees them
reads them (the language of their profile, or the browser's on the public pages): no English
sentence of the catalogue is left and no text reads the same as on the English page, apart from
user content (titles, places, names). A participant's e-mails and documents are in the language
kept with their registration, whoever sends them, and the case handler sees that language."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import io
from datetime import date, time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation
from pypdf import PdfReader

from taiex.events.models import Attendance, Event, HostAgreement, Participant
from taiex.events.services.participants import (
    approve_participant,
    cancel_participant,
    register_participant,
    reject_participant,
)
from taiex.events.services.reports import save_mission_report
from taiex.reference.models import Country
from tests.events.participant_fixtures import (  # noqa: F401 (fixtures)
    committed,
    consultee,
    details,
    form_data,
    participant,
    workshop,
)
from tests.events.report_fixtures import accepted_expert, mission  # noqa: F401 (fixtures)
from tests.factories.accounts import InstitutionFactory
from tests.factories.lifecycle import AgendaSessionFactory, accept_expert
from tests.i18n import english_left, untranslated_nodes

pytestmark = pytest.mark.django_db
User = get_user_model()
FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9,en;q=0.5"}


@pytest.fixture(autouse=True)
def english_afterwards():
    """A French request leaves French active in the thread: the tests that follow run in the
    site's default language again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def in_language(user, code):
    user.language = code
    user.save(update_fields=["language"])


def both(client, user, url):
    """The page as `user` reads it in English, then in French (their profile's language)."""
    client.force_login(user)
    in_language(user, "en")
    english = client.get(url)
    in_language(user, "fr")
    french = client.get(url)
    assert (english.status_code, french.status_code) == (200, 200)
    return english.content.decode(), french.content.decode()


def user_content(*events):
    """What people wrote, shown as they wrote it in both languages."""
    texts = []
    for event in events:
        event.refresh_from_db()
        texts += [event.title, event.summary, event.place, event.reference]
        texts += [session.title for session in event.sessions.all()]
        texts += [person.full_name for person in event.participants.all()]
        texts += [person.institution for person in event.participants.all()]
        texts += [person.position for person in event.participants.all()]
        if event.application is not None:
            texts.append(event.application.title)
    texts += [user.full_name for user in User.objects.all()]
    texts += ["taiex", "·"]  # the name of the application and the separator of page titles
    return [text for text in texts if text]


def without_other_parts(html):
    """The page less the parts other apps render on it and translate with themselves: the
    staffing part of the experts section and the logistics section (`event_staffing_section`,
    `event_logistics_section`)."""
    start = html.find('<section class="card" aria-labelledby="experts-heading">')
    if start == -1:
        start = html.find('<section class="card" aria-labelledby="logistics-heading">')
    end = html.find("<h2>Actions</h2>")
    return html[:start] + html[end:] if -1 < start < end else html


def untranslated_reference_names():
    """Countries the reference data has no French name for yet: they read in English."""
    return [c.name for c in Country.objects.all() if not (c.name_translations or {}).get("fr")]


def assert_all_french(english, french, *events, also=()):
    assert '<html lang="fr"' in french
    assert english_left(french) == []
    also = [*also, *untranslated_reference_names()]
    assert untranslated_nodes(english, french, [*user_content(*events), *also]) == []


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def prepared(workshop, case_handler):
    """The workshop with an agenda session, a speaker, and participants in every state."""
    place = accept_expert(workshop, full_name="Eva Expert")
    session = AgendaSessionFactory(
        event=workshop,
        title="Opening of the workshop",
        starts_at=time(9, 0),
        ends_at=time(10, 30),
    )
    session.speakers.add(place.expert)
    participant(workshop, 1, full_name="Ana Anić", institution="Ministry of Justice",
                state="approved", language="fr")  # fmt: skip
    participant(workshop, 2, full_name="Boris Borić", institution="Ministry of Interior",
                state="requested")  # fmt: skip
    participant(workshop, 3, full_name="Vera Verić", institution="Border Police",
                state="waitlisted")  # fmt: skip
    Event.objects.filter(pk=workshop.pk).update(capacity=2, modality="hybrid")
    workshop.refresh_from_db()
    return workshop


# Staff pages, as the case handler reads them.


def test_the_event_page_in_french(client, case_handler, prepared):
    english, french = both(client, case_handler, f"/events/{prepared.pk}/")

    assert_all_french(
        without_other_parts(english), without_other_parts(french), prepared, also=["Eva Expert"]
    )
    assert '<h2 id="handling-heading">Gestion</h2>' in french
    assert "<dt>Gestionnaire de dossier</dt>" in french
    assert '<h2 id="confirm-missing-heading">Ce qui manque pour confirmer</h2>' in french
    assert "Indiquez le lien de réunion de cet événement (hybride)." in french
    assert "<h3>Confirmer l'événement</h3>" in french
    assert 'aria-label="Parties de l\'événement"' in french
    assert '<caption class="visually-hidden">Experts confirmés</caption>' in french
    assert "Honoraires et indemnités" in french
    assert '<h2 id="series-heading">Série de la demande</h2>' in french


def test_the_study_visit_host_section_in_french(client, case_handler, workshop, applicant):
    Event.objects.filter(pk=workshop.pk).update(event_type="study_visit", experts_needed=0)
    host = InstitutionFactory(name="Slovenian Police", country=Country.objects.get(code="SI"))
    HostAgreement.objects.create(event=workshop, institution=host, asked_by=case_handler)

    english, french = both(client, case_handler, f"/events/{workshop.pk}/")

    assert_all_french(
        without_other_parts(english), without_other_parts(french), workshop, also=[host.name]
    )
    assert '<h2 id="host-heading">Administration d\'accueil</h2>' in french
    assert "<h3>Hôtes sollicités</h3>" in french
    assert (
        f"{host.name} a été sollicité(e) pour accueillir la visite d&#x27;étude et n&#x27;a pas "
        "répondu : enregistrez sa réponse."
    ) in french


def test_the_list_the_details_form_and_the_calendar_in_french(client, case_handler, prepared):
    for url in [
        "/events/",
        f"/events/{prepared.pk}/details/",
        "/events/calendar/month/?month=2027-03",
    ]:
        english, french = both(client, case_handler, url)
        # The calendar shortens a title to 40 characters.
        assert_all_french(english, french, prepared, also=[prepared.title[:39] + "…"])

    listing = both(client, case_handler, "/events/")[1]
    assert "1 événement</caption>" in listing
    edit = both(client, case_handler, f"/events/{prepared.pk}/details/")[1]
    assert "Enregistrer les détails" in edit
    assert "Fuseau horaire du lieu" in edit
    calendar = both(client, case_handler, "/events/calendar/month/?month=2027-03")[1]
    assert '<h2 id="calendar-month">mars 2027</h2>' in calendar
    assert '<abbr title="lundi">lun</abbr>' in calendar
    assert "1 événement en mars 2027." in calendar


def test_the_calendar_settings_in_french(client, case_handler):
    english, french = both(client, case_handler, "/events/calendar/")

    assert_all_french(english, french)
    assert "<h1>Mon calendrier</h1>" in french
    assert ">Renouveler l'adresse</button>" in french


def test_the_agenda_and_its_session_form_in_french(client, case_handler, prepared):
    session = prepared.sessions.get()
    for url in [f"/events/{prepared.pk}/agenda/", f"/events/{prepared.pk}/agenda/{session.pk}/"]:
        english, french = both(client, case_handler, url)
        assert_all_french(english, french, prepared, also=["Eva Expert"])

    agenda = both(client, case_handler, f"/events/{prepared.pk}/agenda/")[1]
    assert '<time datetime="2027-03-09">mardi 9 mars 2027</time>' in agenda
    assert "<h2>Ajouter une session</h2>" in agenda
    assert "Eva Expert (Slovénie)" in agenda
    [page] = pdf_text(client.get(f"/events/{prepared.pk}/agenda.pdf"))
    assert "mardi 9 mars 2027" in page
    assert "Heure Session Intervenants" in page
    assert "Les heures sont les heures locales du lieu" in page


def test_the_participants_and_attendance_pages_in_french(client, case_handler, prepared):
    boris = prepared.participants.get(full_name="Boris Borić")
    for url in [
        f"/events/{prepared.pk}/participants/",
        f"/events/{prepared.pk}/attendance/",
        f"/events/{prepared.pk}/participants/{boris.pk}/reject/",
    ]:
        english, french = both(client, case_handler, url)
        assert_all_french(english, french, prepared)

    page = both(client, case_handler, f"/events/{prepared.pk}/participants/")[1]
    assert "<dt>Places prises</dt><dd>2 sur 2</dd>" in page
    assert '<h2 id="waiting-heading">Liste d\'attente</h2>' in page
    assert "Lien d'inscription privé" in page
    assert "Langue des courriels et des documents" in page


# The mission report, as its expert reads it.


def test_the_mission_report_in_french(client, accepted_expert, mission):
    save_mission_report(
        mission,
        actor=accepted_expert,
        sections={"findings": "Good", "recommendations": "More", "follow_up": "Later"},
        version=1,
    )
    english, french = both(client, accepted_expert, f"/events/{mission.pk}/report/")

    assert_all_french(english, french, mission, also=["Sara Slovenska"])
    assert f"<h1>Rapport de mission : {mission.title}</h1>" in french
    assert "Enregistrer le brouillon" in french
    assert '<label for="id_findings">Constats' in french
    home = both(client, accepted_expert, "/experts/home/")[1]
    assert '<h2 id="reports-heading">Rapports de mission</h2>' in home
    assert f"Rapport de mission de {mission.reference} : {mission.title}" in home
    assert "Mes états de compte" in home


# Public pages of participants, as a French browser reads them.


def test_the_registration_and_verification_pages_in_french(client, prepared):
    Event.objects.filter(pk=prepared.pk).update(registration_token="tok-fr", registration_open=True)
    for url in [
        "/events/register/tok-fr/",
        "/events/verify/",
        f"/events/verify/CHECK{prepared.pk:03d}0001/",
    ]:
        english = client.get(url).content.decode()
        french = client.get(url, **FRENCH).content.decode()
        assert_all_french(english, french, prepared)

    form = client.get("/events/register/tok-fr/", **FRENCH).content.decode()
    assert '<option value="fr" selected>Français</option>' in form
    verified = client.get(f"/events/verify/CHECK{prepared.pk:03d}0001/", **FRENCH).content.decode()
    assert "est authentique : il a été délivré par taiex pour cette inscription." in verified


def test_registering_on_the_french_page_keeps_french(client, prepared, committed):
    Event.objects.filter(pk=prepared.pk).update(
        registration_token="tok-fr", registration_open=True, capacity=None
    )
    with committed():  # the form as an older page posts it, without the language
        response = client.post("/events/register/tok-fr/", form_data(7), **FRENCH)

    assert response.status_code == 302
    assert Participant.objects.get(email="milica7@mup.gov.rs").language == "fr"


def test_the_language_can_be_chosen_on_the_form(client, prepared):
    Event.objects.filter(pk=prepared.pk).update(
        registration_token="tok-fr", registration_open=True, capacity=None
    )
    client.post("/events/register/tok-fr/", {**form_data(8), "language": "en"}, **FRENCH)
    refused = client.post("/events/register/tok-fr/", {**form_data(9), "language": "xx"}, **FRENCH)

    assert Participant.objects.get(email="milica8@mup.gov.rs").language == "en"
    assert refused.status_code == 400
    assert "Choisissez l&#x27;une des langues de la liste." in refused.content.decode()
    assert not Participant.objects.filter(email="milica9@mup.gov.rs").exists()


# A French participant, an English case handler.


def test_a_french_participant_gets_french_e_mails_from_an_english_case_handler(
    prepared, case_handler, committed
):
    in_language(case_handler, "en")
    Event.objects.filter(pk=prepared.pk).update(capacity=None)
    with committed():
        person = register_participant(
            prepared, actor=case_handler, **details(5, language="fr", full_name="Chloé Martin")
        )
        approve_participant(person, actor=case_handler)
        cancel_participant(person, actor=case_handler, reason="Plus de budget")
        other = register_participant(prepared, actor=case_handler, **details(6, language="fr"))
        reject_participant(other, actor=case_handler, reason="Hors sujet")

    subjects = [(m.to, m.subject) for m in mail.outbox if m.to[0].startswith("milica")]
    assert subjects == [
        (["milica5@mup.gov.rs"], "[taiex] WS-2027-0007 : votre participation est confirmée"),
        (["milica5@mup.gov.rs"], "[taiex] WS-2027-0007 : votre inscription est annulée"),
        (["milica6@mup.gov.rs"], "[taiex] WS-2027-0007 : votre inscription n'est pas acceptée"),
    ]
    approved = mail.outbox[0].body
    assert approved.startswith("Bonjour Chloé Martin,\n\n")
    assert (
        "Votre participation à l'événement WS-2027-0007 \"Treatment of vulnerable groups at "
        'detention facilities", du 9 mars 2027 au 10 mars 2027, Belgrade est confirmée.'
    ) in approved
    assert "Votre code de vérification est" in approved
    assert "taiex, assistance technique et échange d'informations" in approved
    assert "Motif :\nHors sujet" in mail.outbox[-1].body


def test_an_english_participant_keeps_english_e_mails(prepared, case_handler, committed):
    in_language(case_handler, "fr")
    Event.objects.filter(pk=prepared.pk).update(capacity=None)
    with committed():
        person = register_participant(prepared, actor=case_handler, **details(5, language="en"))
        approve_participant(person, actor=case_handler)

    [message] = mail.outbox
    assert message.subject == "[taiex] WS-2027-0007: your participation is confirmed"
    assert "Your participation in the event WS-2027-0007" in message.body
    assert "9 March 2027 to 10 March 2027" in message.body


def test_the_registrations_language_wins_over_the_account_of_its_address(
    prepared, case_handler, committed
):
    """The address of a registration may also be an account's, in another language: the e-mails
    about the registration are in the language chosen for it."""
    in_language(case_handler, "en")
    Event.objects.filter(pk=prepared.pk).update(capacity=None)
    english_account = User.objects.create_user(
        email="milica5@mup.gov.rs", full_name="Milica Five", language="en"
    )
    french_account = User.objects.create_user(
        email="milica6@mup.gov.rs", full_name="Milica Six", language="fr"
    )
    with committed():
        in_french = register_participant(prepared, actor=case_handler, **details(5, language="fr"))
        approve_participant(in_french, actor=case_handler)
        in_english = register_participant(prepared, actor=case_handler, **details(6, language="en"))
        approve_participant(in_english, actor=case_handler)

    subjects = sorted((m.to[0], m.subject) for m in mail.outbox if m.to[0].startswith("milica"))
    assert subjects == [
        (english_account.email, "[taiex] WS-2027-0007 : votre participation est confirmée"),
        (french_account.email, "[taiex] WS-2027-0007: your participation is confirmed"),
    ]


def test_a_registration_without_a_language_follows_the_account_of_its_address(
    prepared, case_handler, committed
):
    Event.objects.filter(pk=prepared.pk).update(capacity=None)
    User.objects.create_user(email="milica5@mup.gov.rs", full_name="Milica Five", language="fr")
    with committed():
        person = register_participant(prepared, actor=case_handler, **details(5, language=""))
        approve_participant(person, actor=case_handler)

    [message] = [m for m in mail.outbox if m.to == ["milica5@mup.gov.rs"]]
    assert message.subject == "[taiex] WS-2027-0007 : votre participation est confirmée"


def test_the_waiting_list_and_moving_up_in_french(prepared, case_handler, committed):
    with committed():
        person = register_participant(prepared, actor=case_handler, **details(5, language="fr"))
        assert person.state == "waitlisted"
        boris = prepared.participants.get(full_name="Boris Borić")
        cancel_participant(boris, actor=case_handler)
        vera = prepared.participants.get(full_name="Vera Verić")

    subjects = [message.subject for message in mail.outbox if message.to == [person.email]]
    assert subjects == ["[taiex] WS-2027-0007 : vous êtes sur la liste d'attente"]
    assert Participant.objects.get(pk=vera.pk).state == "approved"


def test_a_french_participant_gets_a_french_letter_and_certificate(client, case_handler, prepared):
    in_language(case_handler, "en")
    client.force_login(case_handler)
    ana = prepared.participants.get(full_name="Ana Anić")

    [letter] = pdf_text(client.get(f"/events/{prepared.pk}/participants/{ana.pk}/letter.pdf"))
    Event.objects.filter(pk=prepared.pk).update(state="implemented")
    Attendance.objects.create(participant=ana, day=date(2027, 3, 9), present=True)
    [certificate] = pdf_text(
        client.get(f"/events/{prepared.pk}/participants/{ana.pk}/certificate.pdf")
    )

    assert "Confirmation de participation" in letter
    assert "Cette lettre confirme que Ana Anić" in letter
    assert "Dates du 9 mars 2027 au 10 mars 2027" in letter
    assert "Certificat de présence" in certificate
    assert "Jours de présence 9 mars 2027 (1 jour)" in certificate
    assert "Serbie" in certificate
    # The case handler's own pages stay in English, and show the participant's language.
    page = client.get(f"/events/{prepared.pk}/participants/").content.decode()
    assert "<td>ana" not in page
    assert "<td>French</td>" in page
    assert '<th scope="col">Language</th>' in page


def test_the_case_handler_in_french_sees_the_language_in_french(client, case_handler, prepared):
    client.force_login(case_handler)
    in_language(case_handler, "fr")

    page = client.get(f"/events/{prepared.pk}/participants/").content.decode()

    assert "<td>Français</td>" in page
    assert "<td>Anglais</td>" in page  # a registration kept without a language: English
