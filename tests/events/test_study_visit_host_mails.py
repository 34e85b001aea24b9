"""The e-mails of a study visit's host: the administration is written to at the contact address
of the ask; its answer (agreed, declined) and a withdrawn ask go to it and to the people who follow
the event (applicant, NCP, case handler), the actor left out, in each person's language, also in
their inbox. The contact address is exported and erased with the person's address."""

import pytest
from django.core import mail
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.core.models import InboxItem, OutboxMessage
from taiex.core.personal_data import exported_address_sections, run_address_erasure_steps
from taiex.events.models import Event, HostAgreement
from taiex.events.services.errors import EventError
from taiex.events.services.hosting import ask_host, record_host_answer, withdraw_host_request
from taiex.reference.models import Country
from tests.factories import InstitutionFactory, make_user

pytestmark = pytest.mark.django_db

HOST = "intl@mnz.gov.si"


@pytest.fixture
def study_visit(event):
    Event.objects.filter(pk=event.pk).update(
        event_type="study_visit", experts_needed=0, venue_country=None, reference="SV-2026-0042"
    )
    event.refresh_from_db()
    return event


@pytest.fixture
def ministry(db):
    return InstitutionFactory(
        name="Slovenian Ministry of the Interior", country=Country.objects.get(code="SI")
    )


def sent():
    return sorted((message.to[0], message.subject) for message in mail.outbox)


def body_for(address):
    return next(message.body for message in mail.outbox if message.to == [address])


def test_the_host_is_written_to_when_asked_and_nobody_else(
    study_visit, ministry, case_handler, applicant, ncp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask_host(
            study_visit, ministry, actor=case_handler, note="For 5 officials.", contact_email=HOST
        )

    assert sent() == [(HOST, "[taiex] SV-2026-0042: will you host a study visit?")]
    body = body_for(HOST)
    assert body.startswith("Dear colleagues,\n")
    assert (
        "The programme asks Slovenian Ministry of the Interior (Slovenia) to host the study visit "
        'SV-2026-0042 "Asylum interview techniques": a group of officials from Serbia would visit '
        "your administration."
    ) in body
    assert "Dates foreseen: 14 April 2026 to 15 April 2026." in body
    assert "Note of the programme: For 5 officials." in body
    assert f"Please answer Carla Case Handler ({case_handler.email})" in body
    # The host does not read the event's page: no link to it.
    assert "/events/" not in body


def test_an_ask_without_contact_address_writes_nothing(
    study_visit, ministry, case_handler, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agreement = ask_host(study_visit, ministry, actor=case_handler)

    assert agreement.contact_email == ""
    assert mail.outbox == []


def test_the_agreement_goes_to_the_host_and_the_people_of_the_event_but_the_actor(
    study_visit, ministry, case_handler, applicant, ncp, django_capture_on_commit_callbacks
):
    agreement = ask_host(study_visit, ministry, actor=case_handler, contact_email=HOST)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        record_host_answer(agreement, actor=case_handler, agreed=True)

    subject = "[taiex] SV-2026-0042: host of the study visit agreed"
    assert sent() == sorted([(HOST, subject), (applicant.email, subject), (ncp.email, subject)])
    sentence = (
        "Slovenian Ministry of the Interior (Slovenia) agreed to host the study visit "
        'SV-2026-0042 "Asylum interview techniques". Its agreement is recorded; the event can '
        "now be confirmed."
    )
    assert sentence in body_for(HOST)
    assert sentence in body_for(ncp.email)
    assert body_for(ncp.email).startswith("Dear Nikola NCP Serbia,\n")
    assert f"/events/{study_visit.pk}/" in body_for(ncp.email)
    assert "/events/" not in body_for(HOST)
    # Also in the inbox of the people with an account; the host address has none.
    assert sorted(
        InboxItem.objects.filter(kind="events/email/host").values_list("user__email", flat=True)
    ) == sorted([applicant.email, ncp.email])


def test_a_decline_gives_the_reason_and_the_case_handler_hears_of_it_when_another_records_it(
    study_visit, ministry, case_handler, head_of_unit, applicant, ncp,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    agreement = ask_host(study_visit, ministry, actor=case_handler, contact_email=HOST)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        record_host_answer(
            agreement, actor=head_of_unit, agreed=False, reason="No staff in November."
        )

    subject = "[taiex] SV-2026-0042: host of the study visit declined"
    assert sent() == sorted(
        [
            (HOST, subject),
            (applicant.email, subject),
            (ncp.email, subject),
            (case_handler.email, subject),
        ]
    )
    body = body_for(case_handler.email)
    assert (
        "Slovenian Ministry of the Interior (Slovenia) declined to host the study visit "
        'SV-2026-0042 "Asylum interview techniques". The programme will ask another host.'
    ) in body
    assert "Reason: No staff in November." in body


def test_a_withdrawn_ask_tells_the_host_it_is_no_longer_asked(
    study_visit, ministry, case_handler, applicant, ncp, django_capture_on_commit_callbacks
):
    agreement = ask_host(study_visit, ministry, actor=case_handler, contact_email=HOST)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_host_request(agreement, actor=case_handler, reason="The group goes to Lisbon.")

    subject = "[taiex] SV-2026-0042: the ask to host the study visit is withdrawn"
    assert sent() == sorted([(HOST, subject), (applicant.email, subject), (ncp.email, subject)])
    assert "Reason: The group goes to Lisbon." in body_for(HOST)
    assert "The programme no longer asks Slovenian Ministry of the Interior (Slovenia)" in (
        body_for(HOST)
    )


def test_a_host_contact_with_an_account_reads_it_in_their_language(
    study_visit, ministry, case_handler, django_capture_on_commit_callbacks
):
    make_user(Role.EXPERT, full_name="Marija Host", email="marija@mnz.gov.si", language="fr")

    with django_capture_on_commit_callbacks(execute=True):
        ask_host(study_visit, ministry, actor=case_handler, contact_email="Marija@mnz.gov.si")

    [message] = mail.outbox
    assert (
        message.subject
        == "[taiex] SV-2026-0042 : accepteriez-vous d'accueillir une visite d'étude ?"
    )
    # Written to the address (not to the account's name), in the account's language.
    assert message.body.startswith("Madame, Monsieur,\n")
    assert "Slovenian Ministry of the Interior (Slovénie)" in message.body
    assert "un groupe d\u2019agents publics de Serbie" in message.body
    item = InboxItem.objects.get(user__email="marija@mnz.gov.si")
    assert item.kind == "events/email/host"


def test_a_refused_ask_writes_no_e_mail(study_visit, ministry, case_handler):
    ask_host(study_visit, ministry, actor=case_handler, contact_email=HOST)
    mail.outbox.clear()
    other = InstitutionFactory(name="Portuguese Agency", country=Country.objects.get(code="PT"))

    with pytest.raises(EventError, match="already asked"):
        ask_host(study_visit, other, actor=case_handler, contact_email="pt@aima.gov.pt")

    assert list(OutboxMessage.objects.values_list("to_address", flat=True)) == [HOST]


def test_the_ask_form_takes_the_contact_address_and_refuses_a_wrong_one(
    client, study_visit, ministry, case_handler
):
    client.force_login(case_handler)
    url = reverse("events:host_ask", args=[study_visit.pk])

    refused = client.post(
        url, {"host-ask-institution": ministry.pk, "host-ask-contact_email": "not an address"}
    )
    assert refused.status_code == 400
    assert refused.context["host_ask_form"].errors == {
        "contact_email": ["Enter a valid e-mail address, such as intl@mup.gov.si."]
    }
    assert not HostAgreement.objects.exists()

    client.post(url, {"host-ask-institution": ministry.pk, "host-ask-contact_email": HOST})
    assert HostAgreement.objects.get().contact_email == HOST


def test_the_contact_address_is_exported_and_erased(study_visit, ministry, case_handler):
    agreement = ask_host(study_visit, ministry, actor=case_handler, contact_email=HOST)

    assert exported_address_sections("INTL@mnz.gov.si")["host_contacts"] == [
        {
            "event": "SV-2026-0042",
            "institution": "Slovenian Ministry of the Interior",
            "state": "asked",
            "contact_language": "en",
            "asked_at": agreement.asked_at.isoformat(),
        }
    ]

    run_address_erasure_steps("intl@mnz.gov.si", event_ids=[study_visit.pk + 1])
    agreement.refresh_from_db()
    assert agreement.contact_email == HOST  # another event's erasure leaves it
    run_address_erasure_steps("intl@mnz.gov.si")
    agreement.refresh_from_db()
    assert (agreement.contact_email, agreement.contact_language, agreement.state) == (
        "",
        "",
        "asked",
    )


# The language of a typed contact address (issue 16): it belongs to no account, so the case
# handler picks its language with it (the page's by default); every e-mail to it uses it.


def test_the_host_is_written_to_in_the_language_picked_for_its_address(
    study_visit, ministry, case_handler, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agreement = ask_host(
            study_visit, ministry, actor=case_handler, contact_email=HOST, contact_language="fr"
        )
    assert agreement.contact_language == "fr"
    [asked] = mail.outbox
    assert asked.subject == (
        "[taiex] SV-2026-0042 : accepteriez-vous d'accueillir une visite d'étude ?"
    )
    assert asked.body.startswith("Madame, Monsieur,\n")
    assert "Slovenian Ministry of the Interior (Slovénie)" in asked.body
    mail.outbox.clear()

    # Its answer, recorded later by the case handler in English: the host reads it in French,
    # the people of the event in their own language.
    with django_capture_on_commit_callbacks(execute=True):
        record_host_answer(agreement, actor=case_handler, agreed=True)

    host_mail = next(message for message in mail.outbox if message.to == [HOST])
    assert host_mail.subject == (
        "[taiex] SV-2026-0042 : l\u2019administration d\u2019accueil de la visite d\u2019étude a "
        "accepté"
    )
    others = [message.subject for message in mail.outbox if message.to != [HOST]]
    assert others
    assert set(others) == {"[taiex] SV-2026-0042: host of the study visit agreed"}


def test_without_a_language_the_address_gets_the_language_of_the_ask(
    study_visit, ministry, case_handler
):
    from django.utils import translation

    with translation.override("fr"):
        in_french = ask_host(study_visit, ministry, actor=case_handler, contact_email=HOST)
    assert in_french.contact_language == "fr"
    withdraw_host_request(in_french, actor=case_handler, reason="Autre hôte")

    other = InstitutionFactory(name="Portuguese Agency", country=Country.objects.get(code="PT"))
    unknown = ask_host(
        study_visit, other, actor=case_handler, contact_email=HOST, contact_language="xx"
    )
    assert unknown.contact_language == "en"  # not offered: the page's (English here)
    withdraw_host_request(unknown, actor=case_handler, reason="Another host")

    third = InstitutionFactory(name="Austrian Ministry", country=Country.objects.get(code="AT"))
    no_address = ask_host(study_visit, third, actor=case_handler, contact_language="fr")
    assert (no_address.contact_email, no_address.contact_language) == ("", "")


def test_the_ask_form_offers_the_languages_and_starts_with_the_pages(
    client, study_visit, ministry, case_handler
):
    client.force_login(case_handler)
    url = reverse("events:host_ask", args=[study_visit.pk])
    page = client.get(reverse("events:detail", args=[study_visit.pk])).content.decode()
    assert '<option value="en" selected>English</option>' in page
    assert '<option value="fr">Français</option>' in page

    refused = client.post(
        url,
        {
            "host-ask-institution": ministry.pk,
            "host-ask-contact_email": HOST,
            "host-ask-contact_language": "ar",
        },
    )
    assert refused.status_code == 400
    assert refused.context["host_ask_form"].errors == {
        "contact_language": ["Choose one of the languages offered."]
    }
    assert not HostAgreement.objects.exists()

    client.post(
        url,
        {
            "host-ask-institution": ministry.pk,
            "host-ask-contact_email": HOST,
            "host-ask-contact_language": "fr",
        },
    )
    assert HostAgreement.objects.values_list("contact_email", "contact_language").get() == (
        HOST,
        "fr",
    )
