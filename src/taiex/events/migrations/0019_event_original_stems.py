"""The stems of original-language summaries in the search index (issue 13).

The column is nullable so that SQLite adds it with ALTER TABLE (no rebuild of events_event,
whose triggers stay); the triggers are replaced and only the events with an original summary
are re-indexed: no search document of the other events is recomputed on either database."""

from django.db import migrations, models

from taiex.events.search.migration_support import (
    install_original_stems,
    uninstall_original_stems,
)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0018_participant_passport_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="original_stems",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(install_original_stems, uninstall_original_stems),
    ]
