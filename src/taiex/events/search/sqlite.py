"""The SQLite backend: an FTS5 table `events_event_search` whose rowid is the event's id,
filled by triggers on events_event, its other beneficiaries and the country names."""

# ruff: noqa: S608 (the SQL is built from constants of this module; the words a person
# typed travel only as query parameters)

from django.db.models.expressions import RawSQL

from .schema import has_original_stems, has_original_texts
from .text import STROKE_LETTERS

TABLE = "events_event_search"
# The type of event as words ("study visit"), so that "study visits in Albania" finds them.
KIND = """CASE {event}.event_type WHEN 'workshop' THEN 'workshop'
    WHEN 'expert_mission' THEN 'expert mission' WHEN 'study_visit' THEN 'study visit' ELSE '' END"""
# Texts in the beneficiary's language (added by migration 0006): their Cyrillic is
# transliterated too; the English texts only need the stroke letters.
ORIGINAL = ("keywords", "original_title", "original_summary")


def folded(sql):
    """`sql` with the stroke letters (Đ, Ł...) replaced, which unicode61 does not fold."""
    for char, base in STROKE_LETTERS.items():
        sql = f"replace({sql}, '{char}', '{base}')"
    return sql


def transliterated(sql):
    """Original-language texts: Cyrillic to Latin and accents folded by the application's
    function (`events.apps.register_sqlite_functions`)."""
    return f"taiex_fold_original({sql})"


def places_of(event_id):
    """The place, venue country and beneficiary countries of event `event_id`, as one text."""
    return f"""(SELECT e.place || ' ' || coalesce(v.name, '') || ' ' || coalesce(b.name, '')
        || ' ' || coalesce((SELECT group_concat(c.name, ' ')
            FROM events_event_other_beneficiaries o JOIN reference_country c ON c.id = o.country_id
            WHERE o.event_id = e.id), '')
        FROM events_event e LEFT JOIN reference_country v ON v.id = e.venue_country_id
        LEFT JOIN reference_country b ON b.id = e.beneficiary_id WHERE e.id = {event_id})"""


def layout(original, stems=False):
    """(column of the index, its SQL over a row named {event}) in the index's order. `stems`:
    the original summary's column also holds its stems (`Event.original_stems`)."""
    columns = [
        ("title", folded("{event}.title")),
        ("summary", folded("{event}.summary")),
        ("legislation", folded("{event}.legislation")),
        ("institutions", folded("{event}.beneficiary_institutions")),
        ("places", folded(places_of("{event}.id"))),
        ("kind", KIND),
    ]
    if original:
        columns += [(name, transliterated(f"{{event}}.{name}")) for name in ORIGINAL]
    if original and stems:
        name, sql = columns[-1]
        columns[-1] = (name, f"{sql} || ' ' || coalesce({{event}}.original_stems, '')")
    return columns


def row_values(event, original, stems=False):
    return ", ".join(sql.replace("{event}", event) for _, sql in layout(original, stems))


def insert_columns(original):
    names = ", ".join(name for name, _ in layout(original))
    return f"INSERT INTO {TABLE}(rowid, {names})"


def install_statements():
    return create_statements() + trigger_statements()


def create_statements():
    names = ", ".join(name for name, _ in layout(has_original_texts()))
    return [
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5({names},
            tokenize = 'porter unicode61 remove_diacritics 2')"""
    ]


def trigger_statements(stems=None):
    """The triggers; `stems`: whether they index `original_stems` (default: when the column
    exists)."""
    original = has_original_texts()
    stems = has_original_stems() if stems is None else stems
    watched = "title, summary, legislation, beneficiary_institutions, place, venue_country_id, "
    watched += "beneficiary_id, event_type" + (", " + ", ".join(ORIGINAL) if original else "")
    watched += ", original_stems" if stems else ""
    insert = insert_columns(original)
    refresh_places = f"UPDATE {TABLE} SET places = {folded(places_of('{id}'))} WHERE rowid = {{id}}"
    return [
        f"""CREATE TRIGGER events_event_search_insert AFTER INSERT ON events_event BEGIN
            {insert} VALUES (new.id, {row_values("new", original, stems)}); END""",
        f"""CREATE TRIGGER events_event_search_update AFTER UPDATE OF {watched}
            ON events_event BEGIN
            DELETE FROM {TABLE} WHERE rowid = old.id;
            {insert} VALUES (new.id, {row_values("new", original, stems)}); END""",
        f"""CREATE TRIGGER events_event_search_delete AFTER DELETE ON events_event BEGIN
            DELETE FROM {TABLE} WHERE rowid = old.id; END""",
        f"""CREATE TRIGGER events_event_search_beneficiary_added
            AFTER INSERT ON events_event_other_beneficiaries BEGIN
            {refresh_places.format(id="new.event_id")}; END""",
        f"""CREATE TRIGGER events_event_search_beneficiary_removed
            AFTER DELETE ON events_event_other_beneficiaries BEGIN
            {refresh_places.format(id="old.event_id")}; END""",
        f"""CREATE TRIGGER events_event_search_country_renamed
            AFTER UPDATE OF name ON reference_country BEGIN
            UPDATE {TABLE} SET places = {folded(places_of(f"{TABLE}.rowid"))}
            WHERE {TABLE}.rowid IN (SELECT id FROM events_event
                WHERE beneficiary_id = new.id OR venue_country_id = new.id
                UNION SELECT event_id FROM events_event_other_beneficiaries
                WHERE country_id = new.id); END""",
    ]


def uninstall_statements():
    return [*drop_trigger_statements(), f"DROP TABLE IF EXISTS {TABLE}"]


def drop_trigger_statements():
    triggers = [
        "insert", "update", "delete", "beneficiary_added", "beneficiary_removed",
        "country_renamed",
    ]  # fmt: skip
    return [f"DROP TRIGGER IF EXISTS events_event_search_{name}" for name in triggers]


def rebuild_index(connection):
    original, stems = has_original_texts(), has_original_stems()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(
            f"{insert_columns(original)} SELECT ev.id, {row_values('ev', original, stems)}"
            " FROM events_event ev"
        )
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")


# The field classes of `ranking.WEIGHTS`, best first, as FTS5 column filters.
CLASSES = (
    "{title places keywords original_title}",
    "{summary kind original_summary}",
    "{institutions}",
    "{legislation}",
)


def form_expression(term):
    """FTS5 syntax: any form of the term; each form quoted (a word, or a phrase), so that
    nothing a person types is read as an operator; a form ending in * is a prefix."""
    return " OR ".join(
        f'"{" ".join(form).removesuffix("*")}"' + ("*" if form[-1].endswith("*") else "")
        for form in term.forms
    )


def term_hits(term):
    """The ids of the events that match `term` and, for each, the best class of field it
    matches in (0 = title...), as two lists."""
    from django.db import connection

    expression = form_expression(term)
    sql = " UNION ALL ".join(
        f"SELECT rowid, {rank} FROM {TABLE} WHERE {TABLE} MATCH %s" for rank in range(len(CLASSES))
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [f"{columns} : ({expression})" for columns in CLASSES])
        rows = cursor.fetchall()
    return best_class(rows)


def best_class(rows):
    import numpy as np

    if len(rows) == 0:
        return [], []
    pairs = np.asarray(rows, dtype=np.int64)
    pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
    _, first = np.unique(pairs[:, 0], return_index=True)
    return pairs[first, 0], pairs[first, 1]


def ids_condition(ids):
    """A condition "pk in `ids`" for a queryset, whatever the number of ids (one JSON array,
    not one parameter per id)."""
    import json

    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps([int(pk) for pk in ids])])
