"""The PostgreSQL backend: a `search_document` tsvector column on events_event (not a model
field: Django never reads or writes it), a GIN index, and triggers that compute it with the
'english' configuration from accent-folded text (`taiex_fold()`, no extension needed)."""

# ruff: noqa: S608 (the SQL is built from constants of this module; the words a person
# typed travel only as query parameters)

import numpy as np
from django.db.models.expressions import RawSQL

from .schema import has_original_stems, has_original_texts
from .sqlite import best_class
from .text import CYRILLIC_OTHER, CYRILLIC_SINGLE, FOLD_FROM, FOLD_TO

ORIGINAL = ("keywords", "original_title", "original_summary")


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def document_of(event, original=True, stems=False):
    """The weighted tsvector of the row `event` (NEW in the trigger): title, keywords, original
    title and places A; summaries and the type of event B; institutions C; legislation D (the
    field classes of `ranking.WEIGHTS`). Original-language texts are transliterated from
    Cyrillic (`taiex_fold_original`); `stems`: the original summary's stems in its language
    (`Event.original_stems`, tokens that the parser keeps as they are), B too."""
    places = f"""concat_ws(' ', {event}.place,
        (SELECT name FROM reference_country WHERE id = {event}.venue_country_id),
        (SELECT name FROM reference_country WHERE id = {event}.beneficiary_id),
        (SELECT string_agg(c.name, ' ') FROM events_event_other_beneficiaries o
            JOIN reference_country c ON c.id = o.country_id WHERE o.event_id = {event}.id))"""
    return (
        f"""setweight(to_tsvector('english', taiex_fold({event}.title)), 'A')
        || setweight(to_tsvector('english', taiex_fold({event}.summary)), 'B')
        || setweight(to_tsvector('english', taiex_fold({places})), 'A')
        || setweight(to_tsvector('english', taiex_fold({event}.beneficiary_institutions)), 'C')
        || setweight(to_tsvector('english', taiex_fold({event}.legislation)), 'D')
        || setweight(to_tsvector('english', {KIND.format(event=event)}), 'B')"""
        + (
            f"""
        || setweight(to_tsvector('english', taiex_fold_original(concat_ws(' ',
            {event}.keywords, {event}.original_title))), 'A')
        || setweight(to_tsvector('english', taiex_fold_original({event}.original_summary)), 'B')"""
            if original
            else ""
        )
        + (
            f"""
        || setweight(to_tsvector('english', coalesce({event}.original_stems, '')), 'B')"""
            if original and stems
            else ""
        )
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


def document_statements(stems=None):
    """The function and trigger that compute an event's document (replaced as they stand by a
    migration that changes what the document reads, without recomputing every document);
    `stems`: whether it reads `original_stems` (default: when the column exists)."""
    original = has_original_texts()
    stems = has_original_stems() if stems is None else stems
    watched = "title, summary, legislation, beneficiary_institutions, place, venue_country_id, "
    watched += "beneficiary_id, event_type, " + (", ".join(ORIGINAL) + ", " if original else "")
    watched += "original_stems, " if original and stems else ""
    return [
        f"""CREATE OR REPLACE FUNCTION events_event_search_document() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN NEW.search_document := {document_of("NEW", original, stems)};
            RETURN NEW; END $$""",
        "DROP TRIGGER IF EXISTS events_event_search_document ON events_event",
        f"""CREATE TRIGGER events_event_search_document
            BEFORE INSERT OR UPDATE OF {watched} search_document ON events_event
            FOR EACH ROW EXECUTE FUNCTION events_event_search_document()""",
    ]


def install_statements():
    return [
        f"""CREATE OR REPLACE FUNCTION taiex_fold(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
            AS $$ SELECT translate($1, {literal(FOLD_FROM)}, {literal(FOLD_TO)}) $$""",
        f"""CREATE OR REPLACE FUNCTION taiex_fold_original(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
            AS $$ SELECT {fold_original_sql()} $$""",
        "ALTER TABLE events_event ADD COLUMN IF NOT EXISTS search_document tsvector",
        *document_statements(),
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
        *term_statements(),
        "UPDATE events_event SET search_document = NULL",
        *fill_terms(),
        """CREATE INDEX IF NOT EXISTS events_event_search_document_gin
            ON events_event USING gin (search_document)""",
    ]


TERMS = "events_event_search_term"
# A lexeme's class: its best weight (A = 0... D = 3); a lexeme without positions weighs D.
CLASS_OF = """min(ascii(weight::text)) - 65 FROM unnest(coalesce(weights, ARRAY['D'::"char"]))"""


def fill_terms():
    """Recompute every posting from the documents (after the install and `rebuild_index`, where
    the documents come out as they were and the update trigger does not fire)."""
    return [
        f"TRUNCATE {TERMS}",
        f"""INSERT INTO {TERMS} (lexeme, event_id, class)
            SELECT d.lexeme, e.id, (SELECT {CLASS_OF} AS weight)
            FROM events_event e, unnest(e.search_document) AS d(lexeme, positions, weights)""",
    ]


def term_statements():
    """The index's postings, precomputed: one row per event and lexeme of its document with the
    best class of field it is in (0 = weight A... 3 = D), kept by triggers from search_document.
    A word's hits and classes are then one index-only range of (lexeme, event_id, class),
    instead of testing the tsvector of every matching event against a tsquery per weight."""
    postings = f"""INSERT INTO {TERMS} (lexeme, event_id, class)
        SELECT d.lexeme, NEW.id, (SELECT {CLASS_OF} AS weight)
        FROM unnest(NEW.search_document) AS d(lexeme, positions, weights)"""
    return [
        f"""CREATE TABLE IF NOT EXISTS {TERMS} (
            lexeme text NOT NULL, event_id bigint NOT NULL, class smallint NOT NULL,
            PRIMARY KEY (event_id, lexeme))""",
        f"""CREATE INDEX IF NOT EXISTS {TERMS}_lexeme
            ON {TERMS} (lexeme) INCLUDE (event_id, class)""",
        f"""CREATE OR REPLACE FUNCTION events_event_search_postings() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
            IF TG_OP <> 'INSERT' THEN
                DELETE FROM {TERMS} WHERE event_id = OLD.id;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                {postings};
            END IF;
            RETURN NULL;
            END $$""",
        """CREATE TRIGGER events_event_search_postings_insert AFTER INSERT ON events_event
            FOR EACH ROW EXECUTE FUNCTION events_event_search_postings()""",
        """CREATE TRIGGER events_event_search_postings_update AFTER UPDATE ON events_event
            FOR EACH ROW WHEN (OLD.search_document IS DISTINCT FROM NEW.search_document)
            EXECUTE FUNCTION events_event_search_postings()""",
        """CREATE TRIGGER events_event_search_postings_delete AFTER DELETE ON events_event
            FOR EACH ROW EXECUTE FUNCTION events_event_search_postings()""",
    ]


def uninstall_statements():
    return [
        "DROP TRIGGER IF EXISTS events_event_search_postings_insert ON events_event",
        "DROP TRIGGER IF EXISTS events_event_search_postings_update ON events_event",
        "DROP TRIGGER IF EXISTS events_event_search_postings_delete ON events_event",
        "DROP FUNCTION IF EXISTS events_event_search_postings()",
        f"DROP TABLE IF EXISTS {TERMS}",
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
        for statement in fill_terms():
            cursor.execute(statement)


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
    matches in (0 = title...), as two lists, ascending by id. A term of single words (the
    usual case) reads the postings; phrases and prefixes test the documents."""
    from django.db import connection

    if all(len(form) == 1 and not form[0].endswith("*") for form in term.forms):
        # The rows come as two texts (ids, and one digit of class per row, in the same order),
        # which numpy reads far faster than thousands of tuples; each event's best class is
        # taken in numpy (`best_class`), cheaper than a GROUP BY.
        sql = f"""SELECT string_agg(event_id::text, ' '), string_agg(class::text, '')
            FROM {TERMS} WHERE lexeme = ANY(ARRAY(SELECT lexeme
                FROM unnest(to_tsvector('english', taiex_fold(%s)))))"""
        with connection.cursor() as cursor:
            cursor.execute(sql, [" ".join(form[0] for form in term.forms)])
            ids, classes = cursor.fetchone()
        if not ids:
            return [], []
        ids = np.array(ids.split(), dtype=np.int64)
        classes = np.frombuffer(classes.encode(), dtype=np.uint8).astype(np.int64) - ord("0")
        return best_class(np.column_stack([ids, classes]))
    else:
        cases = " ".join(
            f"WHEN search_document @@ to_tsquery('english', %s) THEN {rank}"
            for rank in range(len(LABELS) - 1)
        )
        sql = f"""SELECT id, CASE {cases} ELSE {len(LABELS) - 1} END FROM events_event
            WHERE search_document @@ to_tsquery('english', %s) ORDER BY id"""
        params = [tsquery(term, label) for label in LABELS[:-1]] + [tsquery(term)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [row[0] for row in rows], [row[1] for row in rows]


def ids_condition(ids):
    """A condition "pk in `ids`" for a queryset, whatever the number of ids (one array)."""
    return RawSQL("SELECT unnest(%s::bigint[])", [[int(pk) for pk in ids]])
