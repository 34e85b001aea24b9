"""The public statistics page and its CSV downloads."""

import csv
import io
from datetime import date

import pytest

from tests.factories import EventFactory

URL = "/public/statistics/"


def test_page_shows_each_chart_with_its_table(client, history):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    datasets = response.context["datasets"]
    assert list(datasets) == [
        "events-per-year",
        "participants-per-year",
        "events-by-type",
        "expert-missions-by-kind",
        "experts-by-member-state",
        "events-by-beneficiary",
        "events-by-window",
        "events-by-chapter",
        "events-by-cluster",
    ]
    assert html.count("<figure") == 9
    assert html.count('role="img"') == 9
    assert html.count("<figcaption>") == 9
    assert "<caption>Expert missions by kind</caption>" in html
    assert "<caption>Events per year by type</caption>" in html
    assert '<th scope="col">Expert mission</th>' in html
    assert 'href="/public/statistics/events-per-year.csv"' in html
    assert " style=" not in html
    assert datasets["events-per-year"].rows == [
        [2022, 1, 0, 0, 1],
        [2023, 0, 0, 0, 0],
        [2024, 1, 1, 0, 2],
        [2025, 1, 0, 1, 2],
    ]
    assert datasets["events-per-year"].total == ["Total", 3, 1, 1, 5]
    # Kosovo* carries its official footnote on the page.
    assert 'id="footnote-XK"' in html


def test_filters_narrow_the_figures_and_stay_in_the_download_links(client, history):
    response = client.get(URL, {"year_from": "2024", "year_to": "2024", "window": "enlargement"})

    assert response.context["statistics"].key_figures["events"] == 2
    assert (
        'href="/public/statistics/events-by-window.csv?year_from=2024&amp;year_to=2024'
        '&amp;window=enlargement"' in response.content.decode()
    )


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"year_from": "abc"}, "year_from", "Enter a whole number."),
        ({"year_to": "1800"}, "year_to", "Ensure this value is greater than or equal to 1990."),
        ({"year_from": "2025", "year_to": "2024"}, "year_to",
         "The end year cannot be before the start year."),
        ({"window": "atlantis"}, "window",
         "Select a valid choice. That choice is not one of the available choices."),
    ],
)  # fmt: skip
def test_bad_filters_are_form_errors(client, history, params, field, message):
    response = client.get(URL, params)

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert "datasets" not in response.context
    assert "There is a problem" in response.content.decode()


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_of_a_chart_has_its_table_and_total(client, history):
    response = client.get(f"{URL}events-by-window.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="events-by-window.csv"'
    assert read_csv(response) == [
        ["Window", "Events", "Participants"],
        ["Enlargement", "3", "52"],
        ["Neighbourhood East", "1", "30"],
        ["No window", "1", "8"],
        ["Total", "5", "90"],
    ]


def test_csv_follows_the_filters_and_prints_footnotes(client, history):
    response = client.get(f"{URL}events-by-beneficiary.csv", {"year_from": "2024"})

    rows = read_csv(response)
    assert rows[:4] == [
        ["Beneficiary", "Enlargement", "No window", "Total", "Participants"],
        ["Serbia", "1", "1", "2", "48"],
        ["Albania", "1", "0", "1", "0"],
        ["Kosovo*", "1", "0", "1", "12"],
    ]
    assert rows[4] == ["Total", "3", "1", "4", "60"]
    assert rows[5][0].startswith("Kosovo*: This designation is without prejudice")


def test_csv_with_bad_filters_is_a_clear_400(client, history):
    response = client.get(f"{URL}events-by-window.csv", {"year_from": "x"})

    assert response.status_code == 400
    assert response.content.decode() == "Invalid filters. year_from: Enter a whole number."


def test_csv_of_an_unknown_chart_is_404(client, history):
    assert client.get(f"{URL}secrets.csv").status_code == 404


def test_navigation_links_to_the_statistics(client, db):
    response = client.get("/")

    assert '<a href="/public/statistics/">Statistics</a>' in response.content.decode()


def test_page_queries_do_not_grow_with_the_data(client, db, django_assert_num_queries):
    # Cold cache both times (the version changes with each new event): 1 query for the
    # version, 1 for the shared cache's look, the figures, 5 to store them in the shared cache,
    # 1 for the window choices of the filter form. The figures: the process reads its facts
    # first (8: the labels 3, the events, chapters and experts 3, the highest ids 2), then only
    # what changed (5: the changed rows 2, their events, chapters and experts 3).
    EventFactory(start_date=date(2020, 1, 1), end_date=date(2020, 1, 1))
    with django_assert_num_queries(16):
        client.get(URL)
    EventFactory(start_date=date(2021, 1, 1), end_date=date(2021, 1, 1))
    EventFactory(start_date=date(2022, 1, 1), end_date=date(2022, 1, 1))
    with django_assert_num_queries(13):
        client.get(URL)
    # Warm cache: the version, the shared cache and the window choices only.
    with django_assert_num_queries(3):
        client.get(URL)


def test_page_shows_a_change_of_an_event_at_once(client, history):
    assert client.get(URL).context["statistics"].key_figures["participants"] == 90
    event = history["ukraine"]
    event.participants_count = 31
    event.save()

    assert client.get(URL).context["statistics"].key_figures["participants"] == 91
