"""Interpretation needs as language pairs: asked on the request form (a formset that works
without JavaScript), checked (two different languages of the list, no pair twice), shown on the
request page and in the API, copied to the event, read by the logistics contractor's list, in
the public download; and the free text of before read as pairs by the migration."""

import importlib
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from taiex.applications.models import Application, InterpretationPair
from taiex.events.enums import BookingKind, BookingState
from taiex.events.models import Booking, Event, EventInterpretationPair
from taiex.events.queries.logistics import needs_of, with_missing_bookings
from taiex.reference.models import Language
from tests.applications.test_views import form_data
from tests.factories import EventFactory, submittable_application
from tests.factories.tokens import bearer

pytestmark = pytest.mark.django_db


def lang(code):
    return Language.objects.get(code=code).pk


def pair_rows(*rows, total=None):
    """The POST of the pairs' formset: rows of (source pk, target pk, mode)."""
    data = {
        "pairs-TOTAL_FORMS": str(total if total is not None else max(len(rows), 2)),
        "pairs-INITIAL_FORMS": "0",
        "pairs-MIN_NUM_FORMS": "0",
        "pairs-MAX_NUM_FORMS": "12",
    }
    for index, (source, target, mode) in enumerate(rows):
        data[f"pairs-{index}-source"] = source
        data[f"pairs-{index}-target"] = target
        data[f"pairs-{index}-mode"] = mode
    return data


def stored(application):
    return list(
        application.interpretation_pairs.order_by("id").values_list(
            "source__code", "target__code", "mode"
        )
    )


def test_the_form_stores_the_pairs_and_the_request_page_shows_them(client, applicant):
    institution = applicant.memberships.get().institution
    client.force_login(applicant)

    response = client.post(
        reverse("applications:new"),
        form_data(
            lead_institution=institution.pk,
            save="1",
            interpretation_note="Sign language for the opening.",
            **pair_rows(
                (lang("en"), lang("sr"), "simultaneous"),
                (lang("sr"), lang("en"), "consecutive"),
                ("", "", "simultaneous"),
            ),
        ),
    )

    application = Application.objects.get()
    assert response.status_code == 302
    assert stored(application) == [("en", "sr", "simultaneous"), ("sr", "en", "consecutive")]
    assert application.interpretation_note == "Sign language for the opening."
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert (
        "<dt>Interpretation (language pairs)</dt><dd>English into Serbian (simultaneous)<br>"
        "Serbian into English (consecutive)<br>Sign language for the opening.</dd>"
    ) in page
    form = client.get(reverse("applications:edit", args=[application.pk])).content.decode()
    assert 'name="pairs-TOTAL_FORMS" value="4"' in form  # the two pairs and two empty rows


def test_emptying_a_row_removes_its_pair_and_the_edit_is_logged(client, applicant):
    application = submittable_application(applicant, interpretation_pairs=[("en", "sr")])
    client.force_login(applicant)

    response = client.post(
        reverse("applications:edit", args=[application.pk]),
        form_data(application, save="1", **pair_rows(("", "", "simultaneous"))),
    )

    assert response.status_code == 302
    assert stored(application) == []


def test_a_post_without_the_pairs_rows_leaves_the_pairs_as_they_are(client, applicant):
    application = submittable_application(applicant, interpretation_pairs=[("en", "sr")])
    client.force_login(applicant)

    response = client.post(
        reverse("applications:edit", args=[application.pk]), form_data(application, save="1")
    )

    assert response.status_code == 302
    assert stored(application) == [("en", "sr", "simultaneous")]


REFUSED = [
    (
        "the same language twice",
        [("en", "en", "simultaneous")],
        "Choose two different languages: English into itself is no interpretation.",
    ),
    (
        "a pair asked twice",
        [("en", "sr", "simultaneous"), ("en", "sr", "consecutive")],
        "English into Serbian is already asked for above.",
    ),
    ("a language not in the list", [("999999", "sr", "simultaneous")], None),
    ("no language to interpret into", [("en", "", "simultaneous")], None),
    ("no language to interpret from", [("", "sr", "simultaneous")], None),
    ("a mode that does not exist", [("en", "sr", "whispered")], None),
]
MESSAGES = {
    "a language not in the list": "Choose a language of the list.",
    "no language to interpret into": "Choose the language interpreted into.",
    "no language to interpret from": "Choose the language interpreted from.",
    "a mode that does not exist": "Choose simultaneous or consecutive.",
}


@pytest.mark.parametrize(("case", "rows", "message"), REFUSED, ids=[r[0] for r in REFUSED])
@pytest.mark.parametrize("button", ["save", "submit"])
def test_a_wrong_pair_is_refused_beside_its_field_and_nothing_is_saved(
    client, applicant, case, rows, message, button
):
    institution = applicant.memberships.get().institution
    client.force_login(applicant)
    codes = {code: str(lang(code)) for code in ("en", "sr")}
    posted = [(codes.get(s, s), codes.get(t, t), mode) for s, t, mode in rows]

    response = client.post(
        reverse("applications:new"),
        form_data(lead_institution=institution.pk, **{button: "1"}, **pair_rows(*posted)),
    )

    message = message or MESSAGES[case]
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count(message) == 2  # in the error summary and beside the field
    assert Application.objects.count() == 0
    assert InterpretationPair.objects.count() == 0


def test_a_refused_edit_keeps_the_stored_pairs(client, applicant):
    application = submittable_application(applicant, interpretation_pairs=[("en", "sr")])
    client.force_login(applicant)

    response = client.post(
        reverse("applications:edit", args=[application.pk]),
        form_data(
            application,
            save="1",
            title="A new title",
            **pair_rows((lang("fr"), lang("fr"), "simultaneous")),
        ),
    )

    application.refresh_from_db()
    assert response.status_code == 400
    assert stored(application) == [("en", "sr", "simultaneous")]
    assert application.title != "A new title"


def test_the_api_gives_the_pairs_in_codes(client, applicant):
    application = submittable_application(
        applicant,
        interpretation_pairs=[("en", "sr"), ("sr", "en", "consecutive")],
        interpretation_note="Sign language.",
    )

    one = client.get(f"/api/v1/requests/{application.pk}", headers=bearer(applicant)).json()
    listed = client.get("/api/v1/requests/", headers=bearer(applicant)).json()["items"][0]

    expected = [
        {"source": "en", "target": "sr", "mode": "simultaneous"},
        {"source": "sr", "target": "en", "mode": "consecutive"},
    ]
    assert (one["interpretation"], one["interpretation_note"]) == (expected, "Sign language.")
    assert listed["interpretation"] == expected


def test_the_api_list_fetches_the_pairs_in_one_query(
    client, applicant, django_assert_max_num_queries
):
    for _ in range(3):
        submittable_application(applicant, interpretation_pairs=[("en", "sr"), ("sr", "en")])
    client.get("/api/v1/requests/", headers=bearer(applicant))  # warm the token's caches

    with django_assert_max_num_queries(12) as queries:
        client.get("/api/v1/requests/", headers=bearer(applicant))
    pair_queries = [q for q in queries.captured_queries if "interpretationpair" in q["sql"]]
    assert len(pair_queries) == 1


# The logistics contractor books the pairs.


def event_with_pairs(*pairs, working=("en",), modality="on_site"):
    event = EventFactory(modality=modality, interpretation_needed=False)
    event.working_languages.set(Language.objects.filter(code__in=working))
    for source, target, mode in pairs:
        EventInterpretationPair.objects.create(
            event=event,
            source=Language.objects.get(code=source),
            target=Language.objects.get(code=target),
            mode=mode,
        )
    return event


def interpretation_need(event):
    return next(need for need in needs_of(event) if need.kind == "interpretation")


def missing_interpretation(event):
    return with_missing_bookings(Event.objects.filter(pk=event.pk)).get().missing_interpretation


def test_pairs_alone_ask_the_contractor_for_interpretation_with_their_booths():
    event = event_with_pairs(
        ("en", "sr", "simultaneous"), ("sr", "en", "simultaneous"), ("en", "fr", "consecutive")
    )

    need = interpretation_need(event)
    assert (need.met, need.detail) == (
        False,
        "Pairs: English into Serbian (simultaneous), Serbian into English (simultaneous), "
        "English into French (consecutive); Languages: English, French, Serbian; "
        "not yet covered: English, French, Serbian; about 1 booth",
    )
    assert missing_interpretation(event) == 1


def test_a_booking_must_cover_every_language_of_the_pairs():
    event = event_with_pairs(("en", "sr", "simultaneous"), ("de", "sr", "simultaneous"))
    booking = Booking.objects.create(
        event=event,
        kind=BookingKind.INTERPRETATION,
        state=BookingState.BOOKED,
        supplier="Interpreters Ltd",
        supplier_reference="I-1",
        starts_on=event.start_date,
        ends_on=event.end_date,
        quantity=2,
    )
    booking.languages.set(Language.objects.filter(code__in=["en", "sr"]))

    need = interpretation_need(event)
    assert (need.met, missing_interpretation(event)) == (False, 1)
    assert "not yet covered: German; about 2 booths" in need.detail

    booking.languages.add(Language.objects.get(code="de"))

    assert (interpretation_need(event).met, missing_interpretation(event)) == (True, 0)


def test_an_event_without_pairs_nor_interpretation_needs_none():
    event = event_with_pairs(working=("en", "sr"))

    assert [need.kind for need in needs_of(event) if need.kind == "interpretation"] == []
    assert missing_interpretation(event) == 0


def test_the_bookings_page_names_the_pairs(client, case_handler):
    event = event_with_pairs(("en", "sr", "consecutive"))
    event.case_handler = case_handler
    event.save()
    client.force_login(case_handler)

    page = client.get(reverse("events:bookings", args=[event.pk])).content.decode()

    assert "<dt>Interpretation</dt><dd>English into Serbian (consecutive)<br></dd>" in page


# The public download (no personal data) says which interpretation the event had.


def test_the_public_downloads_give_the_pairs_in_codes(client):
    event_with_pairs(("en", "sr", "simultaneous"), ("sr", "en", "consecutive"))

    body = json.loads(client.get(reverse("portal:events_json")).content)
    sheet = load_workbook(io.BytesIO(client.get(reverse("portal:events_xlsx")).content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]

    assert body["events"][0]["interpretation"] == [
        {"source": "en", "target": "sr", "mode": "simultaneous"},
        {"source": "sr", "target": "en", "mode": "consecutive"},
    ]
    assert rows[0][-1] == "interpretation"
    assert rows[1][-1] == "en>sr simultaneous; sr>en consecutive"


# The free text of before, read by migration 0009.

MIGRATION = importlib.import_module("taiex.applications.migrations.0009_interpretation_pairs")
LANGUAGES = {"english": 1, "en": 1, "serbian": 2, "sr": 2, "french": 3, "français": 3}


@pytest.mark.parametrize(
    ("text", "pairs", "rest"),
    [
        (
            "English-Serbian\n\n  Serbian-English  \n",
            [(1, 2, "simultaneous"), (2, 1, "simultaneous")],
            [],
        ),
        ("English <> Serbian, consecutive", [(1, 2, "consecutive"), (2, 1, "consecutive")], []),
        ("EN/SR; sign language", [(1, 2, "simultaneous")], ["sign language"]),
        ("Français into English (consecutive)", [(3, 1, "consecutive")], []),
        ("English-Serbian\nEnglish-Serbian", [(1, 2, "simultaneous")], []),
        ("Serbo-Croatian-English", [], ["Serbo-Croatian-English"]),
        ("English-English", [], ["English-English"]),
        ("Albanian-English", [], ["Albanian-English"]),
    ],
)
def test_the_migration_reads_pairs_and_keeps_the_rest_as_a_note(text, pairs, rest):
    assert MIGRATION.read_pairs(text, LANGUAGES) == (pairs, rest)


def test_the_submission_snapshot_keeps_the_pairs_and_a_resubmission_names_their_change(
    applicant,
):
    from taiex.applications import versions

    application = submittable_application(
        applicant, interpretation_pairs=[("en", "sr"), ("sr", "en", "consecutive")]
    )
    before = versions.snapshot_of(application)
    application.interpretation_pairs.filter(source__code="sr").delete()
    after = versions.snapshot_of(application)

    assert before["interpretation_pairs"] == (
        "English into Serbian (simultaneous); Serbian into English (consecutive)"
    )
    changes = versions.changes_since(
        type("Row", (), {"data": {"snapshot": before}, "pk": 0})(), application, after
    )
    assert [c for c in changes if c["field"] == "interpretation_pairs"] == [
        {
            "field": "interpretation_pairs",
            "label": "Interpretation (language pairs)",
            "old": "English into Serbian (simultaneous); Serbian into English (consecutive)",
            "new": "English into Serbian (simultaneous)",
        }
    ]
