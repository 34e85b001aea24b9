"""The PostgreSQL backend: a `search_document` tsvector column on events_event (not a model
field: Django never reads or writes it), a GIN index, and triggers that compute it with the
'english' configuration from accent-folded text (`taiex_fold()`, no extension needed)."""

# ruff: noqa: S608 (the SQL is built from constants of this module; the words a person
# typed travel only as query parameters)

from django.db.models.expressions import RawSQL

from .text import FOLD_FROM, FOLD_TO


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def document_of(event):
    """The weighted tsvector of the row `event` (NEW in the trigger): title A, summary B,
    institutions and places C, legislation D."""
    places = f"""concat_ws(' ', {event}.beneficiary_institutions, {event}.place,
        (SELECT name FROM reference_country WHERE id = {event}.venue_country_id),
        (SELECT name FROM reference_country WHERE id = {event}.beneficiary_id),
        (SELECT string_agg(c.name, ' ') FROM events_event_other_beneficiaries o
            JOIN reference_country c ON c.id = o.country_id WHERE o.event_id = {event}.id))"""
    return f"""setweight(to_tsvector('english', taiex_fold({event}.title)), 'A')
        || setweight(to_tsvector('english', taiex_fold({event}.summary)), 'B')
        || setweight(to_tsvector('english', taiex_fold({places})), 'C')
        || setweight(to_tsvector('english', taiex_fold({event}.legislation)), 'D')"""


def install_statements():
    return [
        f"""CREATE OR REPLACE FUNCTION taiex_fold(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
            AS $$ SELECT translate($1, {literal(FOLD_FROM)}, {literal(FOLD_TO)}) $$""",
        "ALTER TABLE events_event ADD COLUMN IF NOT EXISTS search_document tsvector",
        f"""CREATE OR REPLACE FUNCTION events_event_search_document() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN NEW.search_document := {document_of("NEW")}; RETURN NEW; END $$""",
        """CREATE TRIGGER events_event_search_document
            BEFORE INSERT OR UPDATE OF title, summary, legislation, beneficiary_institutions,
            place, venue_country_id, beneficiary_id, search_document ON events_event
            FOR EACH ROW EXECUTE FUNCTION events_event_search_document()""",
        # Touching search_document makes the trigger above recompute it.
        """CREATE OR REPLACE FUNCTION events_event_search_touch() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
            IF TG_TABLE_NAME = 'reference_country' THEN
                UPDATE events_event SET search_document = NULL
                WHERE beneficiary_id = NEW.id OR venue_country_id = NEW.id
                OR id IN (SELECT event_id FROM events_event_other_beneficiaries
                          WHERE country_id = NEW.id);
            ELSIF TG_OP = 'DELETE' THEN
                UPDATE events_event SET search_document = NULL WHERE id = OLD.event_id;
            ELSE
                UPDATE events_event SET search_document = NULL WHERE id = NEW.event_id;
            END IF;
            RETURN NULL;
            END $$""",
        """CREATE TRIGGER events_event_search_beneficiaries
            AFTER INSERT OR DELETE ON events_event_other_beneficiaries
            FOR EACH ROW EXECUTE FUNCTION events_event_search_touch()""",
        """CREATE TRIGGER events_event_search_country_renamed
            AFTER UPDATE OF name ON reference_country
            FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
            EXECUTE FUNCTION events_event_search_touch()""",
        "UPDATE events_event SET search_document = NULL",
        """CREATE INDEX IF NOT EXISTS events_event_search_document_gin
            ON events_event USING gin (search_document)""",
    ]


def uninstall_statements():
    return [
        "DROP TRIGGER IF EXISTS events_event_search_country_renamed ON reference_country",
        "DROP TRIGGER IF EXISTS events_event_search_beneficiaries"
        " ON events_event_other_beneficiaries",
        "DROP TRIGGER IF EXISTS events_event_search_document ON events_event",
        "DROP FUNCTION IF EXISTS events_event_search_touch()",
        "DROP FUNCTION IF EXISTS events_event_search_document()",
        "DROP INDEX IF EXISTS events_event_search_document_gin",
        "ALTER TABLE events_event DROP COLUMN IF EXISTS search_document",
        "DROP FUNCTION IF EXISTS taiex_fold(text)",
    ]


def rebuild_index(connection):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE events_event SET search_document = NULL")


def tsquery(query):
    """to_tsquery syntax: groups joined by &, forms by |; words are letters and digits only."""
    return " & ".join("(" + " | ".join(group) + ")" for group in query.groups)


def matching(queryset, query):
    # A subquery of ids, not a reference to events_event: the queryset may itself be a
    # subquery, where Django renames the table. PostgreSQL plans it as a semi-join on the index.
    ids = RawSQL(
        "SELECT id FROM events_event WHERE search_document @@ to_tsquery('english', %s)",
        [tsquery(query)],
    )
    return queryset.filter(pk__in=ids)


def ranked_ids(queryset, query, *, limit=None, offset=0):
    subquery, params = queryset.values("pk").query.sql_with_params()
    sql = f"""SELECT e.id FROM events_event e, to_tsquery('english', %s) q
        WHERE e.search_document @@ q AND e.id IN ({subquery})
        ORDER BY ts_rank(e.search_document, q) DESC, e.start_date DESC NULLS LAST, e.id DESC
        LIMIT %s OFFSET %s"""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, [tsquery(query), *params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def matching_ids(query):
    """The ids of every event (public or not) that matches `query`."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM events_event WHERE search_document @@ to_tsquery('english', %s)",
            [tsquery(query)],
        )
        return [row[0] for row in cursor.fetchall()]


def ranked_ids_among(ids, query, *, limit=None, offset=0):
    """`ranked_ids` over the events `ids` (passed as one array, whatever their number)."""
    sql = """SELECT e.id FROM events_event e, to_tsquery('english', %s) q
        WHERE e.id = ANY(%s) AND e.search_document @@ q
        ORDER BY ts_rank(e.search_document, q) DESC, e.start_date DESC NULLS LAST, e.id DESC
        LIMIT %s OFFSET %s"""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, [tsquery(query), list(ids), limit, offset])
        return [row[0] for row in cursor.fetchall()]
