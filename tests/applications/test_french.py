"""Requests in French: each page of the requests as the role that sees it, with no English
sentence left apart from user content; the e-mails in each recipient's language; and the
journey of issue 16: an applicant reading French registers, submits a request and gets the
e-mails in French, while the case handler, in English, sees the applicant's language; once the
request is an event she registers for it and downloads her confirmation letter in French."""

import io
from datetime import date
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from taiex.accounts.gate import confirm_applicant
from taiex.accounts.models import Institution, User
from taiex.applications import services
from taiex.applications.models import Application
from taiex.events.models import Participant
from taiex.events.services.participants import approve_participant
from taiex.events.services.personal_links import registration_token
from taiex.reference.models import Country, Window
from tests.factories import EventFactory, InstitutionFactory, submittable_application
from tests.i18n import FRENCH, both, english_left, untranslated_nodes


def user_content():
    """What people wrote and the names of people and institutions: the same in both languages
    on purpose; and the names of windows that French writes as English does."""
    texts = [w.name for w in Window.objects.all() if w.name_translations.get("fr") == w.name]
    for application in Application.objects.all():
        texts += [
            application.title,
            application.objectives,
            application.legislation,
            application.expected_results,
            application.participants_profile,
            application.expertise_wished,
            application.place,
        ]
        texts += [str(application)]
        texts += [contact.name for contact in application.contacts.all()]
        texts += [contact.position for contact in application.contacts.all()]
    texts += [user.full_name for user in User.objects.all()]
    texts += [institution.name for institution in Institution.objects.all()]
    return [text for text in texts if text]


def assert_all_french(english, french):
    assert '<html lang="fr" dir="ltr">' in french
    assert english_left(french) == []
    assert untranslated_nodes(english, french, user_content()) == []


@pytest.fixture
def submitted(applicant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.submit_application(draft_of(applicant), actor=applicant)


def draft_of(person, **fields):
    """A complete draft; its contact person is an adviser (her position "Head of unit" would
    read as the role's English name, which the catalogue has)."""
    draft = submittable_application(person, **fields)
    draft.contacts.update(position="Adviser")
    return draft


def test_the_request_form_in_french_new_and_edited(client, applicant):
    draft = draft_of(applicant)
    client.force_login(applicant)

    for url in [reverse("applications:new"), reverse("applications:edit", args=[draft.pk])]:
        english, french = both(client, url)
        assert_all_french(english, french)

    french = unescape(client.get(reverse("applications:new"), **FRENCH).content.decode())
    assert "<h1>Nouvelle demande d'assistance</h1>" in french
    assert "Enregistrer le brouillon</button>" in french
    assert "Soumettre au point de contact national</button>" in french
    assert "<h2>Experts (ateliers et missions d'experts)</h2>" in french


def test_a_refused_submission_says_why_in_french(applicant):
    draft = draft_of(applicant, title="", participants_count=None)

    with translation.override("fr"), pytest.raises(services.ApplicationError) as refusal:
        services.submit_application(draft, actor=applicant)

    assert str(refusal.value) == "La demande ne peut pas encore être soumise."
    # The problems are lazy texts: they read in the language of the page that shows them.
    problems = refusal.value.problems
    with translation.override("fr"):
        assert [str(text) for text in problems["title"]] == ["Donnez un titre à la demande."]
        assert [str(text) for text in problems["participants_count"]] == [
            "Indiquez le nombre de participants."
        ]


def test_the_request_page_in_french_for_the_applicant_and_the_staff(
    client, submitted, applicant, ncp, case_handler
):
    url = reverse("applications:detail", args=[submitted.pk])
    for person in (applicant, ncp, case_handler):
        client.force_login(person)
        english, french = both(client, url)
        assert_all_french(english, french)

    client.force_login(ncp)
    french = unescape(client.get(url, **FRENCH).content.decode())
    assert '<h3 id="action-forward">Transmettre au programme</h3>' in french
    assert "Soumise au PCN</span>" in french
    # The eligibility kept at submission, in French, with the limits of the type named.
    assert "Atelier : 5 jours au plus ; ces dates couvrent 2 jours." in french
    assert "<dt>Langue du demandeur</dt><dd>Anglais</dd>" in french


def test_the_list_the_delete_and_the_contact_erasure_pages_in_french(
    client, applicant, administrator
):
    draft = draft_of(applicant)
    client.force_login(applicant)
    for url in [reverse("applications:list"), reverse("applications:delete", args=[draft.pk])]:
        english, french = both(client, url)
        assert_all_french(english, french)
    french = unescape(client.get(reverse("applications:list"), **FRENCH).content.decode())
    assert "<h1>Demandes d'assistance</h1>" in french
    assert "1 demande." in french

    draft = services.submit_application(draft, actor=applicant)
    client.force_login(administrator)
    contact = draft.contacts.get()
    english, french = both(
        client, reverse("applications:contact_erase", args=[draft.pk, contact.pk])
    )
    assert_all_french(english, french)
    assert "<h1>Effacer les données personnelles d'une personne de contact</h1>" in unescape(french)


def test_a_french_applicant_registers_submits_gets_french_emails_and_the_handler_sees_french(
    client, ncp, case_handler, consultees, django_capture_on_commit_callbacks
):
    institution = InstitutionFactory(
        country=Country.objects.get(code="RS"), name="Ministry of Interior"
    )
    registration = {
        "full_name": "Milica Jovanović",
        "email": "milica@mup.gov.rs",
        "position": "Adviser",
        "phone": "+381 11 123 4567",
        "country": institution.country.pk,
        "institution": institution.pk,
        "new_institution_name": "",
        "new_institution_kind": "",
        "parent": "",
        "password": "Kalemegdan-fortress-77",
        "password_confirmation": "Kalemegdan-fortress-77",
    }
    # 1. She registers with her browser in French: her account keeps French.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), registration, **FRENCH)
    assert response.status_code == 302
    milica = User.objects.get(email="milica@mup.gov.rs")
    assert milica.language == "fr"
    confirm_applicant(milica.memberships.get(), actor=ncp)  # the NCP knows her
    mail.outbox.clear()

    # 2. She submits a request from its page: the page and the message are in French (her
    # account's language, whatever the browser says now).
    draft = draft_of(milica, title="Asylum interviews")
    client.force_login(milica)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications:act", args=[draft.pk, "submit"]), follow=True)
    content = response.content.decode()
    draft.refresh_from_db()
    assert draft.state == "submitted"
    assert "La demande a été soumise au point de contact national." in content
    assert english_left(content) == []

    # 3. The NCP (no language chosen) is told in English; she made the move, so she is not.
    assert [message.to for message in mail.outbox] == [[ncp.email]]
    theirs = mail.outbox[0]
    assert (
        theirs.subject == f"[taiex] {draft.reference} Asylum interviews: submitted for your check"
    )
    assert (
        f'The request for assistance {draft.reference} "Asylum interviews" was submitted to '
        "the national contact point."
    ) in theirs.body

    # 4. The NCP forwards it: she hears it in French.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_application(draft, actor=ncp, note="Fine.")
    hers = next(message for message in mail.outbox if message.to == [milica.email])
    assert hers.subject == (
        f"[taiex] {draft.reference} Asylum interviews : transmise, consultation commencée"
    )
    assert hers.body.startswith("Bonjour Milica Jovanović,\n\n")
    assert (
        f'La demande d\'assistance {draft.reference} "Asylum interviews" a été transmise par le '
        "point de contact national ; la consultation des services a commencé."
    ) in hers.body
    assert "Nikola NCP Serbia a écrit :\n" in hers.body
    assert "\nFine.\n" in hers.body
    assert "État actuel : En consultation" in hers.body
    assert english_left(hers.body) == []

    # 5. The case handler, in English, handles the same request and sees her language.
    client.force_login(case_handler)
    content = unescape(client.get(reverse("applications:detail", args=[draft.pk])).content.decode())
    assert '<html lang="en" dir="ltr">' in content
    assert "<dt>Applicant's language</dt><dd>French</dd>" in content
    assert "In consultation</span>" in content

    # 6. The request became an event: she registers for it on its registration page (her
    # browser in French), the case handler in English approves her, and she downloads her
    # confirmation letter from her personal link: the e-mail and the letter are in French.
    event = EventFactory(
        reference="WS-2027-0099",
        state="planned",
        title="Asylum interviews",
        application=draft,
        start_date=date(2027, 3, 9),
        end_date=date(2027, 3, 10),
        place="Belgrade",
        beneficiary=institution.country,
        case_handler=case_handler,
        participants_count=None,
        registration_token="tok-milica",
        registration_open=True,
        capacity=None,
    )
    client.logout()
    form = {
        "full_name": "Milica Jovanović",
        "email": "milica@mup.gov.rs",
        "institution": "Ministry of Interior",
        "position": "Adviser",
        "country": institution.country.pk,
        "phone": "",
    }
    response = client.post("/events/register/tok-milica/", form, **FRENCH)
    assert response.status_code == 302
    person = Participant.objects.get(event=event, email="milica@mup.gov.rs")
    assert person.language == "fr"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve_participant(person, actor=case_handler)
    [approved] = [message for message in mail.outbox if message.to == [milica.email]]
    assert approved.subject == "[taiex] WS-2027-0099 : votre participation est confirmée"

    letter = client.get(
        reverse("portal:own_registration_letter", args=[registration_token(person)]),
        HTTP_ACCEPT_LANGUAGE="en",  # opened in an English browser: the letter stays hers
    )
    assert letter["Content-Type"] == "application/pdf"
    content = b"".join(letter.streaming_content) if letter.streaming else letter.content
    [text] = [
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    ]
    assert "Confirmation de participation" in text
    assert "Cette lettre confirme que Milica Jovanović" in text
    assert "Dates du 9 mars 2027 au 10 mars 2027" in text
    assert "Serbie" in text
    assert "This letter confirms" not in text
