"""Fast loading of generated rows: plain tuples streamed into a table, with COPY on PostgreSQL and
one prepared INSERT run over many rows on SQLite.

The Django ORM's bulk_create builds a model instance per row; at a million rows that is most of
the time spent, so the generator writes tuples in the column order it names. Every concrete
field it does not name must be nullable, blank or have a default (taken once per table); anything
else is an error that names the field, so a new required column cannot be silently left empty.
"""

import contextlib
import time
from itertools import islice

from django.core.management.color import no_style
from django.db import connection, models

CHUNK = 20_000


class Table:
    """One model's table, loaded with the `columns` (field names or attnames) in that order."""

    def __init__(self, model, columns):
        self.model = model
        meta = model._meta
        fields = [meta.get_field(name) for name in columns]
        given = {field.attname for field in fields}
        constants = {}
        for field in meta.concrete_fields:
            if field.attname in given or field.primary_key:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                raise ValueError(f"{meta.label}.{field.name} is stamped on save: give it a value.")
            if field.has_default():
                constants[field.column] = field.get_db_prep_save(field.get_default(), connection)
            elif field.null:
                constants[field.column] = None
            elif field.blank and field.empty_strings_allowed:
                constants[field.column] = ""
            else:
                raise ValueError(f"{meta.label}.{field.name} is required: give it a value.")
        self.columns = [field.column for field in fields] + list(constants)
        self.constants = tuple(constants.values())

    @property
    def label(self):
        return self.model._meta.db_table

    def write(self, rows, *, progress=None):
        """Insert every row of the iterable `rows`; return how many were written."""
        written = 0
        rows = iter(rows)
        while chunk := list(islice(rows, CHUNK)):
            if self.constants:
                chunk = [row + self.constants for row in chunk]
            insert_rows(self.label, self.columns, chunk)
            written += len(chunk)
            if progress is not None:
                progress(written)
        return written


def insert_rows(table, columns, rows):
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    raw = connection.connection  # the DB-API connection, inside Django's current transaction
    if connection.vendor == "postgresql":
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" * len(columns))
        cursor = raw.cursor()
        try:
            # Table and column names come from the models' metadata, quoted; values are bound.
            sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, rows)
        finally:
            cursor.close()


def prepare_session():
    """Make the loading session read our naive UTC timestamps as UTC and not wait for the disk
    on commit (PostgreSQL; the run is one transaction anyway); give SQLite a page cache large
    enough for the indexes of a million rows (its default of 2 MB makes each insert into the
    unique index of check codes a read from disk)."""
    connection.ensure_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL TIME ZONE 'UTC'")
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -262144")  # KiB: 256 MB


@contextlib.contextmanager
def user_triggers_paused(*model_classes):
    """PostgreSQL: the tables' own triggers (the search index's, which recompute an event's
    document on every row) off while loading, back on before the commit; whoever pauses them
    rebuilds what they maintain once at the end. Foreign keys (internal triggers) stay on."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [connection.ops.quote_name(model._meta.db_table) for model in model_classes]

    def alter(action):
        with connection.cursor() as cursor:
            # ALTER TABLE refuses a table with deferred foreign-key checks pending: run them.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} {action} TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    alter("DISABLE")
    yield
    alter("ENABLE")


def next_ids(*model_classes):
    """The first free primary key of each model (ids are given explicitly so that rows can
    point at each other without reading anything back)."""
    return {
        model: (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1
        for model in model_classes
    }


def reset_id_sequences(*model_classes):
    """After explicit ids, move PostgreSQL's id sequences past them (SQLite follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_classes))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


class Timer:
    """Times each table and prints one line per table (with progress for the long ones)."""

    def __init__(self, write):
        self.write = write
        self.started = time.monotonic()
        self.lines = []

    def table(self, name, expected=None):
        return TableTimer(self, name, expected)

    @property
    def total(self):
        return time.monotonic() - self.started


class TableTimer:
    def __init__(self, timer, name, expected):
        self.timer, self.name, self.expected = timer, name, expected
        self.step = max(CHUNK, (expected or 0) // 5)
        self.next_report = self.step

    def __enter__(self):
        self.started = time.monotonic()
        self.rows = 0
        return self

    def progress(self, written):
        if self.expected and written >= self.next_report and written < self.expected:
            seconds = time.monotonic() - self.started
            self.timer.write(f"  {self.name}: {written:,} / {self.expected:,} ({seconds:.1f} s)")
            self.next_report += self.step

    def __exit__(self, *exc):
        if exc[0] is None:
            seconds = time.monotonic() - self.started
            self.timer.lines.append((self.name, self.rows, seconds))
            rows = f"{self.rows:>10,} rows" if self.rows else ""
            self.timer.write(f"{self.name:<28} {rows:>15} {seconds:>8.1f} s")
