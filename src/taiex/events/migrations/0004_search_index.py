"""The full-text search index of events, by database: a tsvector column, its GIN index and
triggers on PostgreSQL; an FTS5 table and triggers on SQLite (taiex.events.search).

Hand-written: the index is not a model field. Note for later migrations on SQLite: Django
rebuilds a table to alter it, which drops that table's triggers; a migration that alters
events_event, events_event_other_beneficiaries or reference_country must reinstall them
(uninstall_statements + install_statements, then rebuild_index)."""

from django.db import migrations


def backend_of(schema_editor):
    from taiex.events.search import postgresql, sqlite

    return {"postgresql": postgresql, "sqlite": sqlite}.get(schema_editor.connection.vendor)


def install(apps, schema_editor):
    backend = backend_of(schema_editor)
    if backend is None:
        return
    for statement in backend.install_statements():
        schema_editor.execute(statement, params=None)
    backend.rebuild_index(schema_editor.connection)


def uninstall(apps, schema_editor):
    backend = backend_of(schema_editor)
    if backend is None:
        return
    for statement in backend.uninstall_statements():
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_delivery"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
