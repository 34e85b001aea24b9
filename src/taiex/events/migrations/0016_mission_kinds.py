"""Peer reviews and assessment missions as kinds of expert mission: `Event.mission_kind`, blank
for workshops and study visits; every existing expert mission becomes an advisory mission (the
only kind the application knew). On SQLite adding the column rebuilds events_event, which its
search triggers do not survive: they are removed first and reinstalled (as in 0008) before
the existing expert missions are updated."""

from django.db import migrations, models

from taiex.events.search.migration_support import reinstall_search, uninstall_search


def advisory_missions(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Event.objects.filter(event_type="expert_mission", mission_kind="").update(
        mission_kind="advice"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0015_event_series_search"),
    ]

    operations = [
        migrations.RunPython(uninstall_search, reinstall_search, elidable=False),
        migrations.AddField(
            model_name="event",
            name="mission_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("advice", "Advisory mission"),
                    ("peer_review", "Peer review"),
                    ("assessment", "Assessment mission"),
                ],
                db_default="",
                default="",
                help_text="Expert missions only: advice, peer review or assessment mission.",
                max_length=20,
            ),
        ),
        migrations.RunPython(reinstall_search, uninstall_search, elidable=False),
        # After the index is back (PostgreSQL refuses a new index after updates of the same
        # rows in one transaction); the index's triggers do not watch the kind.
        migrations.RunPython(advisory_missions, migrations.RunPython.noop),
    ]
