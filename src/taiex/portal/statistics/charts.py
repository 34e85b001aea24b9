"""Charts drawn on the server as SVG: columns over time (plain or stacked), horizontal bars for
named rows (plain or stacked) and lines. Each chart names itself (role="img" with <title> and
<desc>; every bar and point has a <title> with its figure), and its page shows the same numbers
in a table beside it. Colours and fonts are SVG presentation attributes, never `style`
attributes, so the strict CSP holds and WeasyPrint draws the charts in the PDF as on screen."""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

# Colour-blind safe (Okabe-Ito, darkened where white text or thin lines need contrast).
PALETTE = ["#0b5fa5", "#d55e00", "#009e73", "#cc79a7", "#6a3d9a", "#0097a7", "#8c6d1f", "#555555"]
INK = "#222222"
GRID = "#d0d7de"
WIDTH = 640
FONT = 'font-family="DejaVu Sans, Arial, sans-serif" font-size="11"'
LABEL_CHARS = 30  # longer row names are shortened on the chart; the table has them whole


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int]


def number(value):
    return f"{value:,}"


def shortened(text, limit=LABEL_CHARS):
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def colour(index):
    return PALETTE[index % len(PALETTE)]


def scale_ticks(maximum, count=5):
    """Round tick values from 0 to at least `maximum` (integers: the figures are counts)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if raw <= m * magnitude)
    step = max(1, int(step))
    top = math.ceil(maximum / step) * step
    return list(range(0, top + step, step))


def svg(chart_id, title, description, height, body):
    return mark_safe(  # noqa: S308 - every text that enters `body` went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT} fill="{INK}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{''.join(body)}</svg>"
    )


def empty_chart(chart_id, title, description):
    empty = escape(gettext("No data for these filters."))
    body = [f'<text x="{WIDTH / 2}" y="40" text-anchor="middle">{empty}</text>']
    return svg(chart_id, title, description, 70, body)


def legend(series, top):
    """Legend swatches in rows under the chart; returns the markup and its height."""
    if len(series) < 2:
        return [], 0
    body, x, y = [], 10, top
    for index, each in enumerate(series):
        width = 24 + 7 * len(each.name)
        if x + width > WIDTH - 10:
            x, y = 10, y + 18
        body.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour(index)}"/>'
            f'<text x="{x + 16}" y="{y + 10}">{escape(each.name)}</text>'
        )
        x += width + 12
    return body, y - top + 22


def column_chart(*, chart_id, title, description, labels, series) -> SafeString:
    """Vertical columns, one per label (years, months); several series are stacked."""
    if not labels:
        return empty_chart(chart_id, title, description)
    left, right, top, plot_height = 56, 12, 12, 220
    totals = [sum(each.values[i] for each in series) for i in range(len(labels))]
    ticks = scale_ticks(max(totals))
    plot_width = WIDTH - left - right
    slot = plot_width / len(labels)
    bar = max(1.0, slot * 0.7)
    baseline = top + plot_height

    def y_of(value):
        return baseline - plot_height * value / ticks[-1]

    body = value_grid(ticks, left, WIDTH - right, y_of)
    label_every = math.ceil(len(labels) / 12)
    for i, label in enumerate(labels):
        x = left + slot * i + (slot - bar) / 2
        stacked = 0
        for index, each in enumerate(series):
            value = each.values[i]
            if value:
                y = y_of(stacked + value)
                height = y_of(stacked) - y
                name = f"{label}, {each.name}" if len(series) > 1 else str(label)
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" '
                    f'fill="{colour(index)}"><title>{escape(name)}: {number(value)}</title></rect>'
                )
            stacked += value
        if i % label_every == 0:
            body.append(
                f'<text x="{x + bar / 2:.1f}" y="{baseline + 16}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    body.append(axis_line(left, baseline, WIDTH - right, baseline))
    keys, keys_height = legend(series, baseline + 30)
    body.extend(keys)
    return svg(chart_id, title, description, baseline + 30 + keys_height, body)


def bar_chart(*, chart_id, title, description, labels, series) -> SafeString:
    """Horizontal bars, one row per label (countries, chapters); several series are stacked
    and the row's total is written at the end of its bar."""
    if not labels:
        return empty_chart(chart_id, title, description)
    left, right, top, row_height, bar = 200, 56, 8, 20, 14
    totals = [sum(each.values[i] for each in series) for i in range(len(labels))]
    ticks = scale_ticks(max(totals))
    plot_width = WIDTH - left - right
    bottom = top + row_height * len(labels)

    def x_of(value):
        return left + plot_width * value / ticks[-1]

    body = []
    for tick in ticks:
        x = x_of(tick)
        body.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}"/>'
            f'<text x="{x:.1f}" y="{bottom + 14}" text-anchor="middle">{number(tick)}</text>'
        )
    for i, label in enumerate(labels):
        y = top + row_height * i + (row_height - bar) / 2
        body.append(
            f'<text x="{left - 6}" y="{y + bar - 3:.1f}" text-anchor="end">'
            f"{escape(shortened(label))}</text>"
        )
        stacked = 0
        for index, each in enumerate(series):
            value = each.values[i]
            if value:
                name = f"{label}, {each.name}" if len(series) > 1 else str(label)
                body.append(
                    f'<rect x="{x_of(stacked):.1f}" y="{y:.1f}" '
                    f'width="{x_of(stacked + value) - x_of(stacked):.1f}" height="{bar}" '
                    f'fill="{colour(index)}"><title>{escape(name)}: {number(value)}</title></rect>'
                )
            stacked += value
        body.append(
            f'<text x="{x_of(stacked) + 4:.1f}" y="{y + bar - 3:.1f}">{number(totals[i])}</text>'
        )
    body.append(axis_line(left, top, left, bottom))
    keys, keys_height = legend(series, bottom + 26)
    body.extend(keys)
    return svg(chart_id, title, description, bottom + 26 + keys_height, body)


def line_chart(*, chart_id, title, description, labels, series) -> SafeString:
    """Lines over labels (years, months), one per series, with a marked point per value."""
    if not labels:
        return empty_chart(chart_id, title, description)
    left, right, top, plot_height = 56, 12, 12, 220
    ticks = scale_ticks(max(max(each.values) for each in series))
    plot_width = WIDTH - left - right
    slot = plot_width / len(labels)
    baseline = top + plot_height

    def y_of(value):
        return baseline - plot_height * value / ticks[-1]

    body = value_grid(ticks, left, WIDTH - right, y_of)
    label_every = math.ceil(len(labels) / 12)
    for i, label in enumerate(labels):
        if i % label_every == 0:
            body.append(
                f'<text x="{left + slot * (i + 0.5):.1f}" y="{baseline + 16}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    for index, each in enumerate(series):
        points = [(left + slot * (i + 0.5), y_of(value)) for i, value in enumerate(each.values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{colour(index)}" stroke-width="2"/>'
        )
        for (x, y), label, value in zip(points, labels, each.values, strict=True):
            name = f"{label}, {each.name}" if len(series) > 1 else str(label)
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour(index)}">'
                f"<title>{escape(name)}: {number(value)}</title></circle>"
            )
    body.append(axis_line(left, baseline, WIDTH - right, baseline))
    keys, keys_height = legend(series, baseline + 30)
    body.extend(keys)
    return svg(chart_id, title, description, baseline + 30 + keys_height, body)


def value_grid(ticks, left, right, y_of):
    return [
        f'<line x1="{left}" y1="{y_of(tick):.1f}" x2="{right}" y2="{y_of(tick):.1f}" '
        f'stroke="{GRID}"/><text x="{left - 6}" y="{y_of(tick) + 4:.1f}" text-anchor="end">'
        f"{number(tick)}</text>"
        for tick in ticks
    ]


def axis_line(x1, y1, x2, y2):
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{INK}"/>'
