"""The SVG charts: well formed, named for assistive technology, no style attributes (CSP)."""

import xml.etree.ElementTree as ET

from taiex.portal.statistics.charts import (
    Series,
    bar_chart,
    column_chart,
    line_chart,
    scale_ticks,
)

SVG = "{http://www.w3.org/2000/svg}"


def parsed(markup):
    return ET.fromstring(str(markup))


def all_attributes(root):
    return {name for element in root.iter() for name in element.attrib}


def test_scale_ticks_are_round_numbers():
    assert scale_ticks(0) == [0, 1]
    assert scale_ticks(3) == [0, 1, 2, 3]
    assert scale_ticks(47) == [0, 10, 20, 30, 40, 50]
    assert scale_ticks(1234) == [0, 500, 1000, 1500]


def test_stacked_columns_have_one_rect_per_value_with_its_figure():
    chart = column_chart(
        chart_id="chart-years",
        title="Events per year by type",
        description="Stacked by type.",
        labels=["2024", "2025"],
        series=[Series("Workshop", [3, 1]), Series("Study visit", [0, 2])],
    )

    root = parsed(chart)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-years-title chart-years-desc"
    assert root.find(f"{SVG}title").text == "Events per year by type"
    assert root.find(f"{SVG}desc").text == "Stacked by type."
    bars = [
        rect.find(f"{SVG}title").text
        for rect in root.iter(f"{SVG}rect")
        if rect.find(f"{SVG}title") is not None
    ]
    assert bars == ["2024, Workshop: 3", "2025, Workshop: 1", "2025, Study visit: 2"]
    assert "style" not in all_attributes(root)


def test_horizontal_bars_write_each_total_and_escape_names():
    chart = bar_chart(
        chart_id="chart-countries",
        title="Events by <beneficiary>",
        description="Main beneficiary & window.",
        labels=["Kosovo*", "Bosnia and Herzegovina & a very long name indeed"],
        series=[Series("Events", [1200, 7])],
    )

    root = parsed(chart)
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert root.find(f"{SVG}title").text == "Events by <beneficiary>"
    assert "Kosovo*" in texts
    assert "Bosnia and Herzegovina & a ve…" in texts
    assert "1,200" in texts
    assert "7" in texts
    assert "style" not in all_attributes(root)


def test_line_chart_marks_every_point():
    chart = line_chart(
        chart_id="chart-participants",
        title="Participants per year",
        description="Participants.",
        labels=["2022", "2023", "2024"],
        series=[Series("Participants", [30, 0, 52])],
    )

    root = parsed(chart)
    points = [circle.find(f"{SVG}title").text for circle in root.iter(f"{SVG}circle")]
    assert points == ["2022: 30", "2023: 0", "2024: 52"]
    assert len(list(root.iter(f"{SVG}polyline"))) == 1


def test_empty_chart_says_so():
    root = parsed(bar_chart(chart_id="c", title="T", description="D", labels=[], series=[]))

    assert [text.text for text in root.iter(f"{SVG}text")] == ["No data for these filters."]
