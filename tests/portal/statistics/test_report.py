"""The annual activity report: its page, and the PDF and XLSX opened and read back."""

import io

from openpyxl import load_workbook
from pypdf import PdfReader

from taiex.portal.statistics.report import annual_report, report_html

URL = "/public/statistics/annual-report/"


def test_page_without_a_year_shows_the_picker_only(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["report"] is None
    assert '<label for="id_year">Year:</label>' in response.content.decode()


def test_page_of_a_year_compares_with_the_year_before(client, history):
    response = client.get(URL, {"year": "2025"})

    report = response.context["report"]
    assert report.key_figures == [
        ("Events", 2, 2),
        ("Participants", 8, 52),
        ("Expert participations", 0, 3),
        ("Experts", 0, 2),
        ("Beneficiaries with events", 2, 2),
    ]
    html = response.content.decode()
    assert 'href="/public/statistics/annual-report/2025.pdf"' in html
    assert 'href="/public/statistics/annual-report/2025.xlsx"' in html


def test_page_with_a_bad_year_is_a_form_error(client, db):
    response = client.get(URL, {"year": "twenty"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"year": ["Enter a whole number."]}
    assert response.context["report"] is None


def test_report_tables_by_month_type_region_and_chapter(history):
    report = annual_report(2024)

    assert list(report.datasets) == [
        "events-per-month",
        "events-by-type",
        "events-by-window",
        "events-by-beneficiary",
        "experts-by-member-state",
        "events-by-chapter",
        "events-by-cluster",
        "evaluation-satisfaction",
        "evaluation-response-rates",
        "evaluation-impact",
        "evaluation-by-type",
        "evaluation-by-window",
        "evaluation-by-chapter",
    ]
    # The history of these tests has no evaluations: the report says so, it prints no 0.
    assert report.datasets["evaluation-satisfaction"].rows == [[2024, 0, "No data", 0, "No data"]]
    assert report.datasets["evaluation-by-chapter"].rows == []
    months = report.datasets["events-per-month"]
    assert months.rows[2] == ["March", 1, 0, 0, 1, 40]
    assert months.rows[9] == ["October", 0, 1, 0, 1, 12]
    assert months.total == ["Total", 1, 1, 0, 2, 52]
    assert report.datasets["events-by-window"].total == ["Total", 2, 52]
    assert [row[0].name for row in report.datasets["events-by-chapter"].rows] == [
        "23. Judiciary and fundamental rights",
        "24. Justice, freedom and security",
    ]
    assert [(code, name) for code, name, _ in report.footnotes] == [("XK", "Kosovo*")]


def test_pdf_holds_the_key_figures_and_tables(client, history):
    response = client.get(f"{URL}2024.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="annual-report-2024.pdf"'
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Annual activity report 2024" in text
    assert "Events per month in 2024 by type" in text
    assert "Events by window" in text
    assert "Justice, freedom and security" in text
    assert "This designation is without prejudice" in text
    # One page of key figures, then one page per chart and its table.
    assert len(reader.pages) == 15  # the last page: the cost of the year
    assert "No data: no event matching these filters was evaluated." in text


def test_pdf_html_draws_every_chart(history):
    html = report_html(annual_report(2024))

    assert html.count("<svg") == 13
    assert '<td class="number">52</td>' in html


def test_xlsx_holds_the_key_figures_and_one_sheet_per_table(client, history):
    response = client.get(f"{URL}2024.xlsx")

    assert response["Content-Disposition"] == 'attachment; filename="annual-report-2024.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Key figures",
        "By month",
        "By type",
        "By region (window)",
        "By beneficiary",
        "Experts by Member State",
        "By chapter",
        "By cluster",
        "Satisfaction",
        "Evaluation response rates",
        "Follow-up impact",
        "Satisfaction by type",
        "Satisfaction by region",
        "Satisfaction by chapter",
        "Costs",
    ]
    key = [list(row) for row in workbook["Key figures"].iter_rows(min_row=4, values_only=True)]
    assert key[:6] == [
        ["Figure", "2024", "2023"],
        ["Events", 2, 0],
        ["Participants", 52, 0],
        ["Expert participations", 3, 0],
        ["Experts", 2, 0],
        ["Beneficiaries with events", 2, 0],
    ]
    regions = [list(row) for row in workbook["By region (window)"].iter_rows(values_only=True)]
    assert regions[3:] == [
        ["Window", "Events", "Participants"],
        ["Enlargement", 2, 52],
        ["Total", 2, 52],
    ]
    experts = [list(row) for row in workbook["Experts by Member State"].iter_rows(values_only=True)]
    assert experts[3:] == [
        ["Member State", "Expert participations", "Experts"],
        ["Slovenia", 2, 1],
        ["Croatia", 1, 1],
        ["Total", 3, 2],
    ]


def test_report_of_an_impossible_year_is_404(client, db):
    assert client.get(f"{URL}1800.pdf").status_code == 404
    assert client.get(f"{URL}3000.xlsx").status_code == 404
