"""The money and logistics pages of an event in French (issue 16): fees and allowances, statements,
costs, payments, bank details, passport names, travel, travellers and their receipts, bookings
and documents, each rendered for the role that sees it with a French-speaking account (or a
French browser for the pages reached by a link). No English sentence is left apart from user
content; money, dates and the statement's lines read in French; the e-mails go in the
recipient's language, not the sender's."""

import io
import re
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from taiex.accounts.enums import Role
from taiex.accounts.models import Contractor
from taiex.core.models import ActivityLog, OutboxMessage
from taiex.events.models import EventDocument, FeeStatement, Travel
from taiex.events.services import line_texts
from taiex.events.services.bank_details import bank_details_token, save_bank_details
from taiex.events.services.fee_computation import compute_expert_statement
from taiex.events.services.fees import approve_statement, refresh_statements
from taiex.events.services.logistics import assign_contractor, save_booking
from taiex.events.services.travellers import traveller_token, upload_receipt
from taiex.reference.models import Country, Window
from taiex.reference.rates import rate_table_for
from tests.events.fees_fixtures import expert_on, serbian_rate_fixture  # noqa: F401 (fixture)
from tests.factories import InstitutionFactory, UserFactory, make_user
from tests.factories.money import TravelFactory
from tests.factories.participants import ParticipantFactory
from tests.i18n import english_left, untranslated_nodes

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9,en;q=0.5"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
IBAN = "DE89370400440532013000"
NAV = re.compile(r'<nav class="tabs" aria-label="Parts of the event">.*?</nav>', re.S)


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A French request leaves French active in the thread (LocaleMiddleware): the tests that
    follow on this worker call services outside requests and expect English."""
    yield
    translation.activate("en")


def stored_files():
    root = Path(settings.TAIEX_PRIVATE_DIR) / "events"
    return {str(path) for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def money(event, case_handler, serbian_rate):
    """The Serbian workshop (14-15 Apr 2026), shared with Albania, with the venue in Serbia and
    the logistics contractor assigned: a Slovenian expert with booked travel, an Albanian
    travelling participant with travel and a train receipt, a venue booking, a document, and the
    statements computed (the expert's approved). The receipt's file is removed afterwards."""
    before = stored_files()
    event.other_beneficiaries.add(Country.objects.get(code="AL"))
    event.venue_country = Country.objects.get(code="RS")
    event.place = "Palata Srbija"
    event.save()
    contractor = Contractor.objects.get_or_create(name="Balkan Events Ltd")[0]
    assign_contractor(event, contractor, actor=case_handler)
    eva = expert_on(event, "Eva Expert", cost=Decimal("310.00"), flight_details="JU 101")
    eva.expert.passport_name = "EVA MARIA EXPERT"
    eva.expert.save()
    anna = ParticipantFactory(
        event=event, full_name="Anna Albanian", country=Country.objects.get(code="AL")
    )
    TravelFactory(
        event_expert=None,
        participant=anna,
        event=event,
        outbound_date=date(2026, 4, 13),
        outbound_departure=time(15, 20),
        return_date=date(2026, 4, 16),
        return_arrival=time(17, 0),
        cost=Decimal("180.00"),
    )
    upload_receipt(
        anna,
        actor=case_handler,
        kind="train",
        amount=Decimal("12.40"),
        upload=SimpleUploadedFile("ticket.pdf", PDF),
        description="Tirana to Durrës",
    )
    venue = save_booking(
        event,
        "venue",
        actor=case_handler,
        values={
            "supplier": "Hotel Moskva",
            "supplier_reference": "",
            "starts_on": date(2026, 4, 14),
            "ends_on": date(2026, 4, 15),
            "quantity": 2,
            "planned_cost": Decimal("1234.50"),
            "note": "",
        },
    )
    EventDocument.objects.create(
        event=event,
        kind="agenda",
        title="Draft agenda of the workshop",
        file="events/agenda.pdf",
        original_name="agenda.pdf",
        content_type="application/pdf",
        size=1024,
        uploaded_by=case_handler,
    )
    refresh_statements(event, actor=case_handler)
    eva_statement = FeeStatement.objects.get(event_expert=eva)
    approve_statement(eva_statement, actor=case_handler)
    yield {
        "event": event,
        "eva": eva,
        "anna": anna,
        "venue": venue,
        "eva_statement": eva_statement,
        "anna_statement": FeeStatement.objects.get(participant=anna),
    }
    for name in stored_files() - before:
        Path(name).unlink()
    assert not stored_files() - before


def user_content(money):
    """What people wrote or are called, the same in both languages on purpose, and the names of
    the reference data that French writes as English does (REGIO PEER 2 PEER)."""
    event = money["event"]
    windows = [w.name for w in Window.objects.all() if w.name_translations.get("fr") == w.name]
    places = [f"{t.from_place} \u2013 {t.to_place}" for t in Travel.objects.filter(event=event)]
    return [
        *windows,
        *places,
        event.title,
        event.reference,
        event.place,
        "Eva Expert",
        "EVA MARIA EXPERT",
        "Anna Albanian",
        "Carla Case Handler",
        "Fiona Finance",
        "Hotel Moskva",
        "Balkan Events Ltd",
        "Tirana to Durrës",
        "Draft agenda of the workshop",
        money["anna"].institution,
        money["anna"].email,
        # The history's notes are stored records, written once in English (docs/decisions.md).
        *ActivityLog.objects.exclude(note="").values_list("note", flat=True),
    ]


def both(client, user, url, english_kwargs=None, french_kwargs=None):
    """The page in English and in French, for `user` speaking each in turn (or, without a user,
    for a browser in each language)."""
    pages = []
    for language, browser in (("en", english_kwargs or {}), ("fr", french_kwargs or FRENCH)):
        if user is not None:
            user.language = language
            user.save(update_fields=["language"])
            client.force_login(user)
        response = client.get(url, **(browser if user is None else {}))
        assert response.status_code == 200, (url, response.status_code)
        # The tabs of the event's pages are the event pages' (translated with them).
        pages.append(NAV.sub("", response.content.decode()))
    return pages


def assert_french(english, french, money):
    assert '<html lang="fr"' in french
    without_user_content = french
    for text in sorted(map(str, user_content(money)), key=len, reverse=True):
        without_user_content = without_user_content.replace(text, "")
    assert english_left(without_user_content) == []
    assert untranslated_nodes(english, french, user_content(money)) == []


def staff_pages(money):
    event, eva, anna = money["event"], money["eva"], money["anna"]
    return {
        "logistics": reverse("events:logistics", args=[event.pk]),
        "fees": reverse("events:fees", args=[event.pk]),
        "expert_statement": reverse("events:statement", args=[event.pk, money["eva_statement"].pk]),
        "participant_statement": reverse(
            "events:statement", args=[event.pk, money["anna_statement"].pk]
        ),
        "event_cost": reverse("events:event_cost", args=[event.pk]),
        "costs": reverse("events:costs"),
        "costs_by_country": reverse("events:costs") + "?by=country",
        "travel_form": reverse("events:travel", args=[event.pk, "expert", eva.pk]),
        "traveller": reverse("events:traveller", args=[event.pk, anna.pk]),
        "bookings": reverse("events:bookings", args=[event.pk]),
        "booking_new": reverse("events:booking_new", args=[event.pk, "catering"]),
        "booking_edit": reverse("events:booking_edit", args=[event.pk, money["venue"].pk]),
        "booking_cancel": reverse("events:booking_cancel", args=[event.pk, money["venue"].pk]),
        "booking_travel": reverse("events:booking_travel", args=[event.pk, "expert", eva.pk]),
        "documents": reverse("events:documents", args=[event.pk]),
    }


@pytest.mark.parametrize(
    "page",
    [
        "logistics",
        "fees",
        "expert_statement",
        "participant_statement",
        "event_cost",
        "costs",
        "costs_by_country",
        "travel_form",
        "traveller",
        "bookings",
        "booking_new",
        "booking_edit",
        "booking_cancel",
        "booking_travel",
        "documents",
    ],
)
def test_the_case_handlers_money_pages_in_french(client, money, case_handler, page):
    english, french = both(client, case_handler, staff_pages(money)[page])

    assert_french(english, french, money)


def test_the_booking_payment_page_in_french(client, money, case_handler):
    venue = money["venue"]
    venue.state = "booked"
    venue.supplier_reference = "HM-7"
    venue.save()
    url = reverse("events:booking_payment", args=[money["event"].pk, venue.pk])

    english, french = both(client, case_handler, url)

    assert_french(english, french, money)
    assert "Coût prévu : 1\u202f234,50\u00a0EUR." in french or (
        "Coût prévu : 1\u00a0234,50\u00a0EUR." in french
    )


@pytest.mark.parametrize("page", ["payments", "bank_answer", "costs"])
def test_finances_pages_in_french(client, money, finance, page):
    english, french = both(client, finance, reverse(f"events:{page}"))

    assert_french(english, french, money)


@pytest.mark.parametrize("page", ["my_statements", "my_bank_details", "my_passport_name"])
def test_the_experts_own_pages_in_french(client, money, page):
    user = money["eva"].expert.user
    save_bank_details(user, actor=user, account_holder="Eva Expert", iban=IBAN, bic="COBADEFF")

    english, french = both(client, user, reverse(f"events:{page}"))

    assert_french(english, french, money)


def test_the_experts_statement_in_french_line_by_line(client, money):
    user = money["eva"].expert.user
    user.language = "fr"
    user.save(update_fields=["language"])
    client.force_login(user)

    english, french = both(client, user, reverse("events:my_statement", args=[money["event"].pk]))

    assert_french(english, french, money)
    assert "<h1>Mon état de compte : Asylum interview techniques</h1>" in french
    assert (
        '<th scope="row">Jour de voyage 13 avril 2026, vol aller à 15:20, après 14:00 : '
        "demi-journée"
    ) in french
    assert '<th scope="row">Honoraires, 14 avril 2026 (jour de l&#x27;événement)' in french
    assert '<th scope="row">Indemnité journalière, 13 avril 2026 (Serbie)</th>' in french
    assert '<td class="number">100,00\u00a0EUR</td>' in french
    # The same statement in English for the English reader.
    assert '<th scope="row">Fee, 14 Apr 2026 (event day)' in english
    assert '<td class="number">100.00\u00a0EUR</td>' in english


def test_the_contractors_pages_in_french(client, money, contractor):
    for url in (
        reverse("events:contracted"),
        reverse("events:bookings", args=[money["event"].pk]),
    ):
        english, french = both(client, contractor, url)

        assert_french(english, french, money)
    assert "Passeport : EVA MARIA EXPERT" in french
    assert '<h2 id="bookings-heading">Réservations</h2>' in french


def test_the_participants_own_page_in_french_for_a_french_browser(client, money):
    anna = money["anna"]
    url = reverse("events:own_travel_costs", args=[traveller_token(anna)])

    english, french = both(client, None, url)

    assert_french(english, french, money)
    assert "<h2>Votre état de compte</h2>" in french
    assert "Justificatif de train n° " in french


def test_the_hosts_bank_details_page_in_french_for_a_french_browser(client, money, event):
    host = InstitutionFactory(name="Ministry of Justice of Slovenia")
    url = reverse("events:bank_details_by_link", args=[bank_details_token(host)])

    english, french = both(client, None, url)

    assert english_left(french) == []
    assert untranslated_nodes(english, french, [*user_content(money), host.name]) == []
    assert "Coordonnées bancaires de Ministry of Justice of Slovenia" in french


def test_money_and_dates_in_the_readers_locale(client, money, case_handler):
    case_handler.language = "fr"
    case_handler.save(update_fields=["language"])
    client.force_login(case_handler)

    bookings = client.get(reverse("events:bookings", args=[money["event"].pk])).content.decode()
    cost = client.get(reverse("events:event_cost", args=[money["event"].pk])).content.decode()

    assert "du 14 avril 2026 au 15 avril 2026" in bookings
    assert re.search(r'<td class="number">1\s234,50\u00a0EUR</td>', bookings)
    assert '<th scope="row">Lieu et salles</th>' in cost


def test_the_statement_lines_keep_their_texts_and_read_in_each_language(money):
    """A line stores its English label and the key and values of its text; the text reads in
    the active language, the label stays the English one (exports, history)."""
    eva = money["eva"]
    event = money["event"]
    travel = eva.travel
    rates = rate_table_for(date(2026, 4, 13), date(2026, 4, 16), [event.beneficiary.pk])
    lines = compute_expert_statement(event, eva.expert, travel, rates).lines_as_json()

    first = lines[0]
    assert first["label"] == "Travel day 13 Apr 2026, outbound flight 15:20 after 14:00: half day"
    assert first["text"] == {
        "key": "travel_day",
        "args": {
            "day": {"date": "2026-04-13"},
            "reason": {"key": "outbound_half", "args": {"time": "15:20", "limit": "14:00"}},
        },
    }
    with translation.override("fr"):
        labels = [line_texts.label_of(line) for line in lines]
    assert (
        labels[0] == "Jour de voyage 13 avril 2026, vol aller à 15:20, après 14:00 : demi-journée"
    )
    assert "Indemnité journalière, 13 avril 2026 (Serbie)" in labels
    # A line stored before the texts were kept shows its English label.
    assert line_texts.label_of({"label": "Fee, 8 Mar 2017 (event day)"}) == (
        "Fee, 8 Mar 2017 (event day)"
    )


def test_the_personal_link_goes_in_the_participants_language_not_the_senders(
    client, money, case_handler
):
    """The case handler browses in English; the participant's address is that of an account in
    French: the e-mail with the personal link is in French."""
    anna = money["anna"]
    UserFactory(email=anna.email, language="fr", full_name="Anna Albanian")
    case_handler.language = "en"
    case_handler.save(update_fields=["language"])
    client.force_login(case_handler)

    response = client.post(reverse("events:traveller_link", args=[anna.event.pk, anna.pk]))

    assert response.status_code == 302
    mail = OutboxMessage.objects.get()
    assert mail.subject == f"[taiex] Vos frais de voyage pour {anna.event.reference}"
    assert mail.body.startswith("Bonjour Anna Albanian,")
    assert "Vous participez à WS-2026-0042 (Asylum interview techniques)" in mail.body
    assert "Le lien est personnel : ne le transférez pas." in mail.body
    # The case handler's own page stays English.
    page = client.get(reverse("events:traveller", args=[anna.event.pk, anna.pk]))
    assert "The personal link is sent to" in page.content.decode()


def test_the_hosts_link_goes_in_the_language_of_the_address_account(client, money, case_handler):
    """A host's finance contact with an account in French gets the link to enter the bank
    details in French, from a case handler browsing in English."""
    event = money["event"]
    host = InstitutionFactory(name="Ministry of Justice of Slovenia")
    statement = FeeStatement.objects.create(event=event, host_institution=host, lines=[])
    make_user(Role.APPLICANT, email="finance@gov.si", language="fr")
    client.force_login(case_handler)

    client.post(
        reverse("events:statement_bank_link", args=[event.pk, statement.pk]),
        {"email": "finance@gov.si"},
    )

    mail = OutboxMessage.objects.get(to_address="finance@gov.si")
    assert mail.subject == f"[taiex] Coordonnées bancaires pour le paiement de {event.reference}"
    assert mail.body.startswith("Chers collègues de Ministry of Justice of Slovenia,")
    assert "Le lien est valable 30 jours." in mail.body


def test_an_experts_event_in_english_for_an_english_reader(client, money, case_handler):
    """Nothing of the French catalogue leaks into an English reader's page."""
    case_handler.language = "en"
    case_handler.save(update_fields=["language"])
    client.force_login(case_handler)

    page = client.get(reverse("events:fees", args=[money["event"].pk])).content.decode()

    assert "<h2>Fees and allowances</h2>" in page
    assert "Approved, not yet paid: 1 statement," in page


# The downloads of money (payment lists, costs, the annual report's cost sheet), in the language
# of the person who downloads them: headers, labels and reference names; user content as it is.


def sheet_rows(response):
    from openpyxl import load_workbook

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook
    }


def downloads_as(client, user, language):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)


def test_the_payment_lists_in_the_downloaders_language(client, money, case_handler, finance):
    event = money["event"]
    downloads_as(client, case_handler, "fr")
    [(title, rows)] = sheet_rows(
        client.get(reverse("events:payment_list", args=[event.pk]))
    ).items()

    assert title == "Liste des paiements"
    assert rows[0][0] == "Liste des paiements de WS-2026-0042"
    assert rows[1] == [
        "Événement",
        "Bénéficiaire",
        "Type",
        "État membre",
        "Honoraires (EUR)",
        "Indemnité (EUR)",
        "Remboursements (EUR)",
        "Total (EUR)",
        "Approuvé le",
        "Référence du paiement",
        "État",
        "Coordonnées bancaires",
    ]
    # The payee's name is user content; the kind, the country and the state are translated.
    assert rows[2][:4] == ["WS-2026-0042", "Eva Expert", "Expert", "Slovénie"]
    assert rows[2][10:] == ["Approuvé", "manquantes"]
    assert rows[3][0] == "Total"

    downloads_as(client, finance, "fr")
    url = reverse("events:payments_xlsx")
    [(title, rows)] = sheet_rows(
        client.get(url + "?approved_from=2026-01-01&approved_until=2026-12-31")
    ).items()
    assert rows[0][0] == "Liste des paiements, approuvés du 1 janvier 2026 au 31 décembre 2026"
    assert rows[1][11:] == ["Titulaire du compte", "IBAN", "BIC"]
    assert rows[2][11] == "(manquantes)"
    [(title, rows)] = sheet_rows(client.get(url + "?approved_until=2026-12-31")).items()
    assert rows[0][0] == "Liste des paiements, approuvés jusqu'au 31 décembre 2026"

    # The same download for an English reader.
    downloads_as(client, finance, "en")
    [(title, rows)] = sheet_rows(client.get(url + "?approved_until=2026-12-31")).items()
    assert (title, rows[0][0]) == ("Payment list", "Payment list, approved until 31 Dec 2026")
    assert rows[1][:5] == ["Event", "Payee", "Kind", "Member State", "Fee (EUR)"]
    assert rows[2][2:4] == ["Expert", "Slovenia"]
    assert rows[2][11] == "(missing)"


def test_the_cost_downloads_in_the_downloaders_language(client, money, case_handler):
    downloads_as(client, case_handler, "fr")

    lines = client.get(reverse("events:costs_csv")).content.decode().splitlines()
    header = lines[0].split(",")
    assert header[:10] == [
        "Référence",
        "Titre",
        "Date de début",
        "Type",
        "Volet",
        "Bénéficiaire",
        "Chapitres",
        "Honoraires des experts : prévu (EUR)",
        "Honoraires des experts : réel (EUR)",
        "Honoraires des experts : écart (EUR)",
    ]
    assert header[-3:] == ["Total : prévu (EUR)", "Total : réel (EUR)", "Total : écart (EUR)"]
    assert lines[1].startswith(
        "WS-2026-0042,Asylum interview techniques,2026-04-14,Atelier,Élargissement,Serbie,,"
    )
    assert lines[2].startswith("Total,1 événement,")
    by_window = client.get(reverse("events:costs_csv") + "?by=window").content.decode()
    assert by_window.splitlines()[0].startswith("Volet,Événements,Honoraires des experts : ")
    assert by_window.splitlines()[1].startswith("Élargissement,1,")

    [(title, rows)] = sheet_rows(client.get(reverse("events:costs_xlsx") + "?by=country")).items()
    assert title == "Coût des événements"
    assert rows[0][0] == "Coût des événements par pays bénéficiaire"
    assert rows[1][:3] == [
        "Pays bénéficiaire",
        "Événements",
        "Honoraires des experts : prévu (EUR)",
    ]
    assert rows[2][:2] == ["Serbie", 1]
    assert rows[3][:2] == ["Total", 1]

    downloads_as(client, case_handler, "en")
    lines = client.get(reverse("events:costs_csv")).content.decode().splitlines()
    assert lines[0].startswith("Reference,Title,Start date,Type,Window,Beneficiary,Chapters,")
    assert lines[0].split(",")[7] == "Experts' fees planned (EUR)"
    assert lines[2].startswith("Total,1 event,")


def test_the_annual_reports_cost_sheet_in_the_downloaders_language(client, money, case_handler):
    downloads_as(client, case_handler, "fr")

    sheets = sheet_rows(client.get(reverse("portal:annual_report_xlsx", args=[2026])))

    assert next(iter(sheets)) == "Chiffres clés"
    rows = sheets["Coûts"]
    assert rows[0][0] == "Coût des événements de 2026"
    assert rows[1][0].startswith("Version du personnel : le coût des événements dont vous voyez ")
    assert rows[3][:4] == ["Type", "Prévu (EUR)", "Réel (EUR)", "Écart (EUR)"]
    assert rows[4][:2] == ["Honoraires des experts", 1225]
    assert ["Volet", "Événements", "Prévu (EUR)", "Réel (EUR)", "Écart (EUR)"] in rows
    assert ["Élargissement", 1, 2515, 0, 2515] in rows
    assert ["Serbie", 1, 2515, 0, 2515] in rows
    assert ["Sans chapitre", 1, 2515, 0, 2515] in rows
