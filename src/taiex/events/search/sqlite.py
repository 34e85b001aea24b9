"""The SQLite backend: an FTS5 table `events_event_search` whose rowid is the event's id,
filled by triggers on events_event, its other beneficiaries and the country names."""

# ruff: noqa: S608 (the SQL is built from constants of this module; the words a person
# typed travel only as query parameters)

from django.db.models.expressions import RawSQL

from .text import STROKE_LETTERS

TABLE = "events_event_search"
# bm25 weights of the columns, in order: title, summary, legislation, institutions, places.
WEIGHTS = "10.0, 4.0, 1.0, 2.0, 2.0"


def folded(sql):
    """`sql` with the stroke letters (Đ, Ł...) replaced, which unicode61 does not fold."""
    for char, base in STROKE_LETTERS.items():
        sql = f"replace({sql}, '{char}', '{base}')"
    return sql


def places_of(event_id):
    """The place, venue country and beneficiary countries of event `event_id`, as one text."""
    return f"""(SELECT e.place || ' ' || coalesce(v.name, '') || ' ' || coalesce(b.name, '')
        || ' ' || coalesce((SELECT group_concat(c.name, ' ')
            FROM events_event_other_beneficiaries o JOIN reference_country c ON c.id = o.country_id
            WHERE o.event_id = e.id), '')
        FROM events_event e LEFT JOIN reference_country v ON v.id = e.venue_country_id
        LEFT JOIN reference_country b ON b.id = e.beneficiary_id WHERE e.id = {event_id})"""


def row_values(event):
    """The indexed columns of a row of events_event named `event` (NEW, or an alias)."""
    columns = [
        f"{event}.title",
        f"{event}.summary",
        f"{event}.legislation",
        f"{event}.beneficiary_institutions",
        places_of(f"{event}.id"),
    ]
    return ", ".join(folded(column) for column in columns)


INSERT_COLUMNS = f"INSERT INTO {TABLE}(rowid, title, summary, legislation, institutions, places)"


def install_statements():
    refresh_places = f"UPDATE {TABLE} SET places = {folded(places_of('{id}'))} WHERE rowid = {{id}}"
    return [
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(
            title, summary, legislation, institutions, places,
            tokenize = 'porter unicode61 remove_diacritics 2')""",
        f"""CREATE TRIGGER events_event_search_insert AFTER INSERT ON events_event BEGIN
            {INSERT_COLUMNS} VALUES (new.id, {row_values("new")}); END""",
        f"""CREATE TRIGGER events_event_search_update AFTER UPDATE OF title, summary,
            legislation, beneficiary_institutions, place, venue_country_id, beneficiary_id
            ON events_event BEGIN
            DELETE FROM {TABLE} WHERE rowid = old.id;
            {INSERT_COLUMNS} VALUES (new.id, {row_values("new")}); END""",
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
            UPDATE {TABLE} SET places = {folded(places_of("rowid"))}
            WHERE rowid IN (SELECT id FROM events_event
                WHERE beneficiary_id = new.id OR venue_country_id = new.id
                UNION SELECT event_id FROM events_event_other_beneficiaries
                WHERE country_id = new.id); END""",
    ]


def uninstall_statements():
    triggers = [
        "insert", "update", "delete", "beneficiary_added", "beneficiary_removed",
        "country_renamed",
    ]  # fmt: skip
    return [f"DROP TRIGGER IF EXISTS events_event_search_{name}" for name in triggers] + [
        f"DROP TABLE IF EXISTS {TABLE}"
    ]


def rebuild_index(connection):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(f"{INSERT_COLUMNS} SELECT ev.id, {row_values('ev')} FROM events_event ev")
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")


# The field classes of `ranking.WEIGHTS`, best first, as FTS5 column filters.
CLASSES = ("{title places}", "{summary}", "{institutions}", "{legislation}")


def form_expression(term):
    """FTS5 syntax: any form of the term; each form quoted (a word, or a phrase), so that
    nothing a person types is read as an operator."""
    return " OR ".join('"' + " ".join(form) + '"' for form in term.forms)


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

    if not rows:
        return [], []
    pairs = np.array(rows, dtype=np.int64)
    pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
    _, first = np.unique(pairs[:, 0], return_index=True)
    return pairs[first, 0], pairs[first, 1]


def ids_condition(ids):
    """A condition "pk in `ids`" for a queryset, whatever the number of ids (one JSON array,
    not one parameter per id)."""
    import json

    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps([int(pk) for pk in ids])])
