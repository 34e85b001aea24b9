"""PostgreSQL: the places and countries of an event weigh like its title (weight A), its
institutions stay C; the ranking reads the weights as field classes (events/search/ranking).
Reinstalls the search triggers and recomputes the index on both databases."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from taiex.events.search import postgresql, sqlite

    backend = {"postgresql": postgresql, "sqlite": sqlite}.get(schema_editor.connection.vendor)
    if backend is None:
        return
    for statement in backend.uninstall_statements() + backend.install_statements():
        schema_editor.execute(statement, params=None)
    backend.rebuild_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_limit_exceptions"),
    ]

    operations = [migrations.RunPython(reinstall, reinstall, elidable=False)]
