"""CSV downloads: cells safe from spreadsheet formulas, official country footnotes at the end."""

import csv

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(cell, footnotes):
    """A country (anything with `official_footnote`, and `footnote` in the reader's language)
    becomes its name and collects its footnote;
    text a spreadsheet would run as a formula gets a leading apostrophe."""
    if hasattr(cell, "official_footnote"):  # the name and footnote in the reader's language
        if cell.official_footnote:
            footnotes[str(cell)] = cell.footnote
        cell = str(cell)
    if cell is None:
        return ""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return f"'{cell}"
    return cell


def csv_response(filename, header, rows):
    """`rows` (lists of cells) as a CSV download named `filename`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    footnotes = {}
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(cell, footnotes) for cell in row])
    for name, text in sorted(footnotes.items()):
        writer.writerow([f"{name}: {text}"])
    return response
