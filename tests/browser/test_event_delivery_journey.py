"""A case handler delivers an approved workshop in Chromium, as issue 4's "Done means" asks:
fixes the dates and capacity, builds the agenda with the two confirmed experts, confirms the
event, registers participants (the third goes to the waiting list and moves up after a
cancellation), marks the event implemented, records attendance and the experts' travel, computes
and approves the fee statements, downloads the payment list (XLSX) and the certificates (PDF),
and closes the event."""

import io
import re
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from taiex.accounts.enums import Role
from taiex.core.dates import day_label
from taiex.events.models import Event, FeeStatement, Participant, Travel
from taiex.reference.loading import DATA_DIR
from taiex.reference.models import Country, FeeRule, ThematicTeam
from taiex.reference.rates import import_subsistence_rates
from taiex.staffing.services.invitations import accept_invitation, invite_expert
from tests.browser.signin import sign_in
from tests.conftest import restore_reference_data
from tests.factories import ApplicationFactory, EventFactory, ExpertFactory, UserFactory, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def log_in(page, base, user):
    sign_in(page, base, user.email, PASSWORD)


def submit(page, button):
    """Click a submit button (or link) and wait for the page it leads to."""
    with page.expect_navigation():
        button.click()


def messages_on(page):
    return page.locator(".messages").inner_text()


def row_of(page, text):
    return page.locator("tr", has_text=text)


def expert_of(name, email, country_code):
    return ExpertFactory(
        user=UserFactory(full_name=name, email=email),
        member_state=Country.objects.get(code=country_code),
    )


def test_a_case_handler_delivers_a_workshop_from_dates_to_closing(
    live_server, browser_page, assert_accessible
):
    page, base = browser_page, live_server.url
    # A transactional test before this one may have emptied the fee rules; put them back.
    restore_reference_data()
    assert FeeRule.objects.exists()
    import_subsistence_rates(DATA_DIR / "demo_subsistence_rates.csv", is_demo=True)

    serbia = Country.objects.get(code="RS")
    case_handler = make_user(Role.CASE_HANDLER, team="jfs", full_name="Carla Case Handler")
    planned_start = timezone.localdate() + timedelta(days=40)
    event = EventFactory(
        reference="WS-2025-0777",
        state="planned",
        title="Workshop on asylum reception",
        modality="on_site",
        place="Belgrade",
        beneficiary=serbia,
        venue_country=serbia,
        time_zone="Europe/Belgrade",
        start_date=planned_start,
        end_date=planned_start + timedelta(days=1),
        team=ThematicTeam.objects.get(code="jfs"),
        case_handler=case_handler,
        experts_needed=2,
        participants_count=None,
        application=ApplicationFactory(
            state="approved", expertise_wished="Reception of asylum seekers"
        ),
    )
    eva = expert_of("Eva Novak", "eva.novak@gov.si", "SI")
    ivan = expert_of("Ivan Horvat", "ivan.horvat@gov.hr", "HR")
    invitations = {}
    for expert, role in ((eva, "lead_expert"), (ivan, "expert")):
        invitation = invite_expert(event, expert, actor=case_handler, role=role)
        invitations[expert.user.full_name] = accept_invitation(invitation, actor=expert.user)

    today = timezone.localdate()
    start, end = today - timedelta(days=2), today - timedelta(days=1)

    # The case handler opens the event and fixes its dates and capacity.
    log_in(page, base, case_handler)
    page.goto(f"{base}/events/{event.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Edit details").click()
    page.wait_for_url(f"{base}/events/{event.pk}/details/")
    assert_accessible(page)
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("End date").fill(end.isoformat())
    page.get_by_label("Capacity (seats for participants)").fill("2")
    page.locator("select#id_working_languages").select_option(label="English")
    submit(page, page.get_by_role("button", name="Save the details"))
    assert "The details are saved." in messages_on(page)
    event.refresh_from_db()
    assert (event.start_date, event.end_date, event.capacity) == (start, end, 2)
    missing = page.locator("section", has=page.get_by_role("heading", name="What is missing"))
    assert "Add at least one session to the agenda." in missing.inner_text()

    # The agenda: one session a day, each with one of the confirmed experts as speaker.
    page.get_by_role("navigation", name="Parts of the event").get_by_role(
        "link", name="Agenda"
    ).click()
    page.wait_for_url(f"{base}/events/{event.pk}/agenda/")
    assert_accessible(page)
    sessions = [
        (start, "09:30", "11:00", "Reception conditions in the EU", "Eva Novak (Slovenia)"),
        (end, "10:00", "12:30", "Identifying vulnerable applicants", "Ivan Horvat (Croatia)"),
    ]
    for day, starts, ends, title, speaker in sessions:
        page.locator("#id_day").fill(day.isoformat())
        page.get_by_label("Starts at (local time)").fill(starts)
        page.get_by_label("Ends at (local time)").fill(ends)
        page.get_by_label("Title").fill(title)
        page.locator("main").get_by_label("Language").select_option(label="English")
        page.get_by_label(speaker).check()
        submit(page, page.get_by_role("button", name="Add the session"))
        assert "The session is added to the agenda." in messages_on(page)
    assert "Europe/Belgrade" in page.locator("main").inner_text()
    for _, starts, ends, title, speaker in sessions:
        row = row_of(page, title)
        assert f"{starts}\u2013{ends}" in row.inner_text()
        assert speaker in row.inner_text()
    assert [
        (s.day, s.title, [e.user.full_name for e in s.speakers.all()])
        for s in event.sessions.order_by("day")
    ] == [
        (start, "Reception conditions in the EU", ["Eva Novak"]),
        (end, "Identifying vulnerable applicants", ["Ivan Horvat"]),
    ]

    # Nothing is missing any more: the case handler confirms the event.
    page.goto(f"{base}/events/{event.pk}/")
    assert "Nothing is missing: the event can be confirmed." in page.locator("main").inner_text()
    submit(page, page.get_by_role("button", name="Confirm the event"))
    assert "The event is confirmed; the people concerned are told." in messages_on(page)
    assert page.locator("main .badge").first.inner_text() == "Confirmed"
    event.refresh_from_db()
    assert event.state == "confirmed"

    # Participants: two seats, so the third registration goes to the waiting list.
    page.get_by_role("navigation", name="Parts of the event").get_by_role(
        "link", name="Participants"
    ).click()
    page.wait_for_url(f"{base}/events/{event.pk}/participants/")
    assert_accessible(page)
    people = [
        ("Jelena Petrović", "jelena.petrovic@mup.gov.rs"),
        ("Marko Jovanović", "marko.jovanovic@mup.gov.rs"),
        ("Ana Nikolić", "ana.nikolic@mup.gov.rs"),
    ]
    for name, email in people:
        page.get_by_label("Full name").fill(name)
        page.locator("#id_email").fill(email)
        page.get_by_label("Institution").fill("Ministry of the Interior")
        page.get_by_label("Position").fill("Asylum officer")
        submit(page, page.get_by_role("button", name="Register", exact=True))
    assert messages_on(page).strip() == (
        "All seats are taken: Ana Nikolić is on the waiting list (number 1) and moves up when "
        "a seat becomes free."
    )
    waiting = page.locator("ol.waiting-list")
    assert "Ana Nikolić" in waiting.inner_text()
    assert states_of(event) == {
        "Jelena Petrović": "requested",
        "Marko Jovanović": "requested",
        "Ana Nikolić": "waitlisted",
    }

    # The case handler approves the two seated registrations.
    for name in ("Jelena Petrović", "Marko Jovanović"):
        submit(page, row_of(page, name).get_by_role("button", name="Approve"))
        assert f"{name} is approved." in messages_on(page)
    assert page.get_by_role("heading", name="Approved (2)").is_visible()

    # Jelena cancels: Ana moves up from the waiting list.
    row_of(page, "Jelena Petrović").get_by_role("link", name="Cancel").click()
    page.wait_for_url(re.compile(r".*/participants/\d+/cancel/$"))
    assert_accessible(page)
    page.get_by_label("Reason for the cancellation (optional)").fill("She changed post.")
    submit(page, page.get_by_role("button", name="Cancel the registration"))
    assert "The registration of Jelena Petrović is cancelled." in messages_on(page)
    assert page.get_by_role("heading", name="Approved (2)").is_visible()
    assert page.get_by_role("heading", name="Cancelled (1)").is_visible()
    assert page.locator("ol.waiting-list").count() == 0
    approved_table = page.locator("table[aria-labelledby='group-approved']")
    assert "Ana Nikolić" in approved_table.inner_text()
    assert "Marko Jovanović" in approved_table.inner_text()
    assert states_of(event) == {
        "Jelena Petrović": "cancelled",
        "Marko Jovanović": "approved",
        "Ana Nikolić": "approved",
    }

    # The event took place: the case handler marks it implemented.
    page.goto(f"{base}/events/{event.pk}/")
    implement = page.locator("form[action$='/implement/']")
    implement.get_by_label("Number of participants").fill("2")
    submit(page, implement.get_by_role("button", name="Mark as implemented"))
    assert "The event is recorded as implemented." in messages_on(page)
    assert page.locator("main .badge").first.inner_text() == "Implemented"
    event.refresh_from_db()
    assert (event.state, event.participants_count) == ("implemented", 2)
    closing = page.locator("section", has=page.get_by_role("heading", name="What is missing"))
    assert f"Attendance is not recorded for {start:%-d %b %Y} (2 participants)." in (
        closing.inner_text()
    )

    # Attendance: Marko both days, Ana the first day only.
    page.goto(f"{base}/events/{event.pk}/participants/")
    page.get_by_role("link", name="Attendance", exact=True).click()
    page.wait_for_url(f"{base}/events/{event.pk}/attendance/")
    assert_accessible(page)
    page.get_by_label(f"Marko Jovanović present on {start:%d %b %Y}").check()
    page.get_by_label(f"Marko Jovanović present on {end:%d %b %Y}").check()
    page.get_by_label(f"Ana Nikolić present on {start:%d %b %Y}").check()
    submit(page, page.get_by_role("button", name="Save the attendance"))
    assert "The attendance is saved." in messages_on(page)
    assert row_of(page, "Marko Jovanović").locator("td").last.inner_text() == "2"
    assert row_of(page, "Ana Nikolić").locator("td").last.inner_text() == "1"
    assert page.get_by_role("heading", name="Still missing").count() == 0

    # Travel of the two experts: Eva flies out the day before after 14:00 (a half day) with
    # two hotel nights provided; Ivan flies in on the first day and back the day after,
    # landing at 10:30 (a half day).
    page.get_by_role("navigation", name="Parts of the event").get_by_role(
        "link", name="Travel"
    ).click()
    page.wait_for_url(f"{base}/events/{event.pk}/logistics/")
    assert_accessible(page)
    travels = [
        {
            "name": "Eva Novak",
            "from": "Ljubljana",
            "outbound": (start - timedelta(days=1), "15:30"),
            "back": (end, "21:10"),
            "hotel_nights": "2",
            "cost": "640.00",
        },
        {
            "name": "Ivan Horvat",
            "from": "Zagreb",
            "outbound": (start, "06:45"),
            "back": (end + timedelta(days=1), "10:30"),
            "hotel_nights": "0",
            "cost": "410.00",
        },
    ]
    for travel in travels:
        page.get_by_role("link", name=f"Record the travel of {travel['name']}").click()
        page.wait_for_url(re.compile(r".*/logistics/expert/\d+/$"))
        assert_accessible(page)
        page.get_by_label("From (city or airport)").fill(travel["from"])
        page.get_by_label("To (city or airport)").fill("Belgrade")
        page.get_by_label("Outbound date").fill(travel["outbound"][0].isoformat())
        page.get_by_label("Outbound flight leaves at (local time)").fill(travel["outbound"][1])
        page.get_by_label("Return date").fill(travel["back"][0].isoformat())
        page.get_by_label("Return flight lands at (local time)").fill(travel["back"][1])
        page.get_by_label("Hotel nights provided").fill(travel["hotel_nights"])
        page.get_by_label("Booking state").select_option("booked")
        page.locator("#id_cost").fill(travel["cost"])
        submit(page, page.get_by_role("button", name="Save the travel"))
        assert "The travel is saved." in messages_on(page)
        assert f"{travel['cost']}\u00a0EUR" in row_of(page, travel["name"]).inner_text()
    eva_travel = Travel.objects.get(event_expert__expert=invitations["Eva Novak"].expert)
    assert (eva_travel.outbound_date, eva_travel.outbound_departure, eva_travel.hotel_nights) == (
        start - timedelta(days=1),
        time(15, 30),
        2,
    )
    assert Travel.objects.filter(event=event, state="booked").count() == 2

    # Fees: the statements are computed from the travel and the rates of the event's dates.
    page.get_by_role("navigation", name="Parts of the event").get_by_role(
        "link", name="Fees and allowances"
    ).click()
    page.wait_for_url(f"{base}/events/{event.pk}/fees/")
    submit(page, page.get_by_role("button", name="Compute the statements"))
    assert "2 statements computed." in messages_on(page)
    assert_accessible(page)
    statements = {
        s.event_expert.expert.user.full_name: s
        for s in FeeStatement.objects.filter(event=event).select_related(
            "event_expert__expert__user"
        )
    }
    # Eva: half a travel day and 2 event days at 350; 3 days of Serbia's demo allowance (95)
    # minus 50% for each of the 2 hotel nights provided.
    assert (statements["Eva Novak"].fee_total, statements["Eva Novak"].allowance_total) == (
        Decimal("875.00"),
        Decimal("190.00"),
    )
    assert statements["Eva Novak"].total == Decimal("1065.00")
    # Ivan: 2 event days and half a return day at 350; 3 days of allowance at 95.
    assert (statements["Ivan Horvat"].fee_total, statements["Ivan Horvat"].allowance_total) == (
        Decimal("875.00"),
        Decimal("285.00"),
    )
    assert statements["Ivan Horvat"].total == Decimal("1160.00")
    assert "1,065.00\u00a0EUR" in row_of(page, "Eva Novak").inner_text()
    assert "1,160.00\u00a0EUR" in row_of(page, "Ivan Horvat").inner_text()

    # Closing now is refused: the page lists what is missing.
    page.goto(f"{base}/events/{event.pk}/")
    submit(page, page.get_by_role("button", name="Close the event"))
    refusal = (
        "The event cannot be closed yet. The fee statement of Eva Novak is not approved. "
        "The fee statement of Ivan Horvat is not approved."
    )
    # At the top of the page, focused, and beside the button that failed.
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("[data-error-summary] li").all_inner_texts() == [refusal]
    assert page.locator("form[action$='/close/'] .errorlist").inner_text().strip() == refusal
    closing = page.locator("section", has=page.get_by_role("heading", name="What is missing"))
    assert closing.locator("li").all_inner_texts() == [
        "The fee statement of Eva Novak is not approved.",
        "The fee statement of Ivan Horvat is not approved.",
    ]
    event.refresh_from_db()
    assert event.state == "implemented"

    # Each statement is opened, checked line by line, and approved.
    outbound_line = (
        f"Travel day {day_label(start - timedelta(days=1))}, outbound flight 15:30 after 14:00: "
        "half day"
    )
    return_line = (
        f"Travel day {day_label(end + timedelta(days=1))}, return flight lands 10:30 before "
        "12:00: half day"
    )
    for name, line, total in (
        ("Eva Novak", outbound_line, "1,065.00\u00a0EUR"),
        ("Ivan Horvat", return_line, "1,160.00\u00a0EUR"),
    ):
        page.goto(f"{base}/events/{event.pk}/fees/")
        page.get_by_role("link", name=re.compile(f"^{name}")).click()
        page.wait_for_url(re.compile(r".*/fees/\d+/$"))
        assert_accessible(page)
        cells = row_of(page, line).locator("td").all_inner_texts()
        assert cells == ["0.5", "350.00\u00a0EUR", "175.00\u00a0EUR"]
        hotel = row_of(page, f"Hotel night of {day_label(start)} provided: 50% of 95.00")
        assert hotel.count() == (1 if name == "Eva Novak" else 0)
        assert "demo data" in row_of(page, f"Daily allowance, {day_label(start)}").inner_text()
        total_row = page.locator("tfoot tr", has_text="Total")
        assert total_row.locator("td").inner_text() == total
        submit(page, page.get_by_role("button", name=f"Approve this statement ({total})"))
        assert "The fee statement is approved." in messages_on(page)
        assert page.locator(".badge-approved").inner_text() == "Approved"
    assert set(FeeStatement.objects.filter(event=event).values_list("state", flat=True)) == {
        "approved"
    }

    # The payment list lists both payees and the sum of the approved statements.
    page.goto(f"{base}/events/{event.pk}/fees/")
    assert (
        "Approved, not yet paid: 2 statements, 2,225.00\u00a0EUR."
        in page.locator("main").inner_text()
    )
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the payment list (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename == "payment-list-WS-2025-0777.xlsx"
    with open(download.path(), "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Payment list of WS-2025-0777"
    assert rows[1][:8] == [
        "Event", "Payee", "Kind", "Member State", "Fee (EUR)", "Allowance (EUR)", "Refunds (EUR)",
        "Total (EUR)",
    ]  # fmt: skip
    payees = {row[1]: (row[0], row[2], row[3], Decimal(str(row[7]))) for row in rows[2:-1]}
    assert payees == {
        "Eva Novak": ("WS-2025-0777", "Expert", "Slovenia", Decimal("1065.00")),
        "Ivan Horvat": ("WS-2025-0777", "Expert", "Croatia", Decimal("1160.00")),
    }
    db_total = sum(s.total for s in FeeStatement.objects.filter(event=event))
    assert rows[-1][0] == "Total"
    assert Decimal(str(rows[-1][7])) == db_total == Decimal("2225.00")

    # The certificates of attendance: one per participant present, with the event reference.
    page.goto(f"{base}/events/{event.pk}/attendance/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="All certificates of attendance (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "WS-2025-0777-certificates.pdf"
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert len(texts) == 2
    for person in Participant.objects.filter(event=event, state="approved"):
        page_text = next(text for text in texts if person.full_name in text)
        assert "WS-2025-0777" in page_text
        assert person.check_code in page_text
    assert not any("Jelena Petrović" in text for text in texts)

    # Nothing is missing any more: the case handler closes the event.
    page.goto(f"{base}/events/{event.pk}/")
    assert "Nothing is missing: the event can be closed." in page.locator("main").inner_text()
    submit(page, page.get_by_role("button", name="Close the event"))
    assert "The event is closed." in messages_on(page)
    assert page.locator("main .badge").first.inner_text() == "Closed"
    assert Event.objects.get(pk=event.pk).state == "closed"


def states_of(event):
    return dict(Participant.objects.filter(event=event).values_list("full_name", "state"))
