"""The search index of events again, after 0014 changed events_event (see there)."""

from django.db import migrations

from taiex.events.search.migration_support import reinstall_search, uninstall_search


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0014_event_series"),
    ]

    operations = [
        migrations.RunPython(reinstall_search, uninstall_search, elidable=False),
    ]
