"""The search index of events again, after 0014 changed events_event (see there)."""

from django.db import migrations


def reinstall_search(apps, schema_editor):
    from taiex.events.search import postgresql, sqlite

    backend = {"postgresql": postgresql, "sqlite": sqlite}.get(schema_editor.connection.vendor)
    if backend is None:
        return
    for statement in backend.uninstall_statements() + backend.install_statements():
        schema_editor.execute(statement, params=None)
    backend.rebuild_index(schema_editor.connection)


def uninstall_search(apps, schema_editor):
    from taiex.events.search import postgresql, sqlite

    backend = {"postgresql": postgresql, "sqlite": sqlite}.get(schema_editor.connection.vendor)
    for statement in backend.uninstall_statements() if backend else []:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0014_event_series"),
    ]

    operations = [
        migrations.RunPython(reinstall_search, uninstall_search, elidable=False),
    ]
