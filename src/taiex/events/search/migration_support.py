"""The search index's schema for migrations: a migration that rebuilds events_event (SQLite)
or changes what the index reads removes the index first and reinstalls it after, on the
database's own backend (events migrations 0008, 0014, 0015, 0016)."""

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
