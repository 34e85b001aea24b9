"""The search index's schema for migrations: a migration that rebuilds events_event (SQLite)
or changes what the index reads removes the index first and reinstalls it after, on the
database's own backend (events migrations 0008, 0014, 0015, 0016). A migration that only adds
what the index reads of some events replaces the triggers and touches those events
(`install_original_stems`, events 0019), so that no other document is recomputed."""

from . import postgresql, sqlite


def _backend(schema_editor):
    return {"postgresql": postgresql, "sqlite": sqlite}.get(schema_editor.connection.vendor)


def reinstall_search(apps, schema_editor):
    backend = _backend(schema_editor)
    if backend is None:
        return
    for statement in backend.uninstall_statements() + backend.install_statements():
        schema_editor.execute(statement, params=None)
    backend.rebuild_index(schema_editor.connection)


def uninstall_search(apps, schema_editor):
    backend = _backend(schema_editor)
    for statement in backend.uninstall_statements() if backend else []:
        schema_editor.execute(statement, params=None)


def install_original_stems(apps, schema_editor):
    """Events 0019: the triggers index `original_stems` as the original summary; the stems of
    the events with an original summary are computed, and only those events are re-indexed
    (the update fires the triggers)."""
    from .stemming import refresh_original_stems

    _replace_triggers(schema_editor, stems=True)
    refresh_original_stems(apps.get_model("events", "Event").objects)


def uninstall_original_stems(apps, schema_editor):
    _replace_triggers(schema_editor, stems=False)
    # Re-index the events whose documents hold stems, before the column goes.
    touched = "original_summary = original_summary"
    if schema_editor.connection.vendor == "postgresql":
        touched = "search_document = NULL"
    schema_editor.execute(
        f"UPDATE events_event SET {touched} WHERE original_stems IS NOT NULL",  # noqa: S608
        params=None,
    )


def _replace_triggers(schema_editor, *, stems):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = sqlite.drop_trigger_statements() + sqlite.trigger_statements(stems)
    elif vendor == "postgresql":
        statements = postgresql.document_statements(stems)
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement, params=None)
