"""The PostgreSQL backend: a `search_document` tsvector column on events_event (not a model
field: Django never reads or writes it), a GIN index, and triggers that compute it with the
'english' configuration from accent-folded text (`taiex_fold()`, no extension needed)."""

# ruff: noqa: S608 (the SQL is built from constants of this module; the words a person
# typed travel only as query parameters)

from django.db.models.expressions import RawSQL

from .schema import has_original_texts
from .text import CYRILLIC_OTHER, CYRILLIC_SINGLE, FOLD_FROM, FOLD_TO

ORIGINAL = ("keywords", "original_title", "original_summary")


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def document_of(event, original=True):
    """The weighted tsvector of the row `event` (NEW in the trigger): title, keywords, original
    title and places A; summaries and the type of event B; institutions C; legislation D (the
    field classes of `ranking.WEIGHTS`). Original-language texts are transliterated from
    Cyrillic (`taiex_fold_original`)."""
    places = f"""concat_ws(' ', {event}.place,
        (SELECT name FROM reference_country WHERE id = {event}.venue_country_id),
        (SELECT name FROM reference_country WHERE id = {event}.beneficiary_id),
        (SELECT string_agg(c.name, ' ') FROM events_event_other_beneficiaries o
            JOIN reference_country c ON c.id = o.country_id WHERE o.event_id = {event}.id))"""
    return f"""setweight(to_tsvector('english', taiex_fold({event}.title)), 'A')
        || setweight(to_tsvector('english', taiex_fold({event}.summary)), 'B')
        || setweight(to_tsvector('english', taiex_fold({places})), 'A')
        || setweight(to_tsvector('english', taiex_fold({event}.beneficiary_institutions)), 'C')
        || setweight(to_tsvector('english', taiex_fold({event}.legislation)), 'D')
        || setweight(to_tsvector('english', {KIND.format(event=event)}), 'B')""" + (
        f"""
        || setweight(to_tsvector('english', taiex_fold_original(concat_ws(' ',
            {event}.keywords, {event}.original_title))), 'A')
        || setweight(to_tsvector('english', taiex_fold_original({event}.original_summary)), 'B')"""
        if original
        else ""
    )


KIND = """CASE {event}.event_type WHEN 'workshop' THEN 'workshop'
    WHEN 'expert_mission' THEN 'expert mission' WHEN 'study_visit' THEN 'study visit' ELSE '' END"""


def fold_original_sql():
    """taiex_fold_original(text): Cyrillic to Latin (the letters that become two or none by
    replace(), the others by translate()), then taiex_fold()."""
    sql = "$1"
    for char, latin in CYRILLIC_OTHER.items():
        sql = f"replace({sql}, {literal(char)}, {literal(latin)})"
    single_from = literal("".join(CYRILLIC_SINGLE))
    single_to = literal("".join(CYRILLIC_SINGLE.values()))
    return f"taiex_fold(translate({sql}, {single_from}, {single_to}))"


def install_statements():
    original = has_original_texts()
    watched = "title, summary, legislation, beneficiary_institutions, place, venue_country_id, "
    watched += "beneficiary_id, event_type, " + (", ".join(ORIGINAL) + ", " if original else "")
    return [
        f"""CREATE OR REPLACE FUNCTION taiex_fold(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
            AS $$ SELECT translate($1, {literal(FOLD_FROM)}, {literal(FOLD_TO)}) $$""",
        f"""CREATE OR REPLACE FUNCTION taiex_fold_original(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
            AS $$ SELECT {fold_original_sql()} $$""",
        "ALTER TABLE events_event ADD COLUMN IF NOT EXISTS search_document tsvector",
        f"""CREATE OR REPLACE FUNCTION events_event_search_document() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN NEW.search_document := {document_of("NEW", original)}; RETURN NEW; END $$""",
        f"""CREATE TRIGGER events_event_search_document
            BEFORE INSERT OR UPDATE OF {watched} search_document ON events_event
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
        "DROP FUNCTION IF EXISTS taiex_fold_original(text)",
        "DROP FUNCTION IF EXISTS taiex_fold(text)",
    ]


def rebuild_index(connection):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE events_event SET search_document = NULL")


LABELS = "ABCD"  # the field classes of `ranking.WEIGHTS`, best first


def tsquery(term, label=""):
    """to_tsquery syntax: any form of `term` (a word, or a phrase with <->), restricted to the
    weight `label` when given; words are letters and digits only."""

    def lexeme(word):
        # A form ending in * is a prefix: "azil*" -> "azil:*", with a weight "azil:*A".
        if word.endswith("*"):
            return f"{word[:-1]}:*{label}"
        return f"{word}:{label}" if label else word

    return " | ".join("(" + " <-> ".join(map(lexeme, form)) + ")" for form in term.forms)


def term_hits(term):
    """The ids of the events that match `term` and, for each, the best class of field it
    matches in (0 = title...), as two lists."""
    from django.db import connection

    cases = " ".join(
        f"WHEN search_document @@ to_tsquery('english', %s) THEN {rank}"
        for rank in range(len(LABELS) - 1)
    )
    sql = f"""SELECT id, CASE {cases} ELSE {len(LABELS) - 1} END FROM events_event
        WHERE search_document @@ to_tsquery('english', %s)"""
    params = [tsquery(term, label) for label in LABELS[:-1]] + [tsquery(term)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [row[0] for row in rows], [row[1] for row in rows]


def ids_condition(ids):
    """A condition "pk in `ids`" for a queryset, whatever the number of ids (one array)."""
    return RawSQL("SELECT unnest(%s::bigint[])", [[int(pk) for pk in ids]])
