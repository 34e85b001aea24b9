"""PostgreSQL: the search index's postings precomputed (events_event_search_term: one row per
event and lexeme with its best class of field), kept by triggers from search_document, so
that a word's hits are read from one index range (events/search/postgresql.py). Reinstalls
the search triggers and fills the postings; nothing changes on SQLite."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from taiex.events.search import postgresql

    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in postgresql.uninstall_statements() + postgresql.install_statements():
        schema_editor.execute(statement, params=None)


def without_postings(apps, schema_editor):
    from taiex.events.search import postgresql

    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in postgresql.uninstall_statements():
        schema_editor.execute(statement, params=None)
    for statement in postgresql.install_statements():
        if postgresql.TERMS not in statement and "search_postings" not in statement:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_study_visit_host_agreements"),
    ]

    operations = [migrations.RunPython(reinstall, without_postings, elidable=False)]
