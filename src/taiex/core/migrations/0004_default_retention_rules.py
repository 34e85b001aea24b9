"""The default retention periods (editable by administrators afterwards)."""

from django.db import migrations

from taiex.core.retention_defaults import load_default_rules


def load(apps, schema_editor):
    load_default_rules(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_retention_rules")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
