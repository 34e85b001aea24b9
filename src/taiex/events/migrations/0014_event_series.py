"""One request, several events (a workshop, then an expert mission to follow it up).

The OneToOneField `Event.application` becomes a ForeignKey on the same column (application_id),
so every existing link is kept as it is; only its unique index goes. `follows` records the
earlier event of the same request that a follow-up event follows up. On SQLite changing the
column rebuilds events_event, which its search triggers do not survive: the first operation
removes the index, and 0015 reinstalls and recomputes it. That is a migration of its own (its own
transaction): on PostgreSQL the indexes and foreign keys of the fields below are created when
this migration ends, which PostgreSQL refuses after the index's updates of the same rows
("pending trigger events")."""

import django.db.models.deletion
from django.db import migrations, models

from taiex.events.search.migration_support import reinstall_search, uninstall_search


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0008_study_visit_host_wish"),
        ("events", "0013_search_postings"),
    ]

    operations = [
        migrations.RunPython(uninstall_search, reinstall_search, elidable=False),
        migrations.AddField(
            model_name="event",
            name="follows",
            field=models.ForeignKey(
                blank=True,
                help_text="The earlier event of the same request that this one follows up.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="follow_ups",
                to="events.event",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="application",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="events",
                to="applications.application",
            ),
        ),
    ]
