"""Loads the first evaluation policy and the default questionnaires of the three audiences."""

from django.db import migrations

from taiex.evaluations.defaults import load_defaults


def load(apps, schema_editor):
    load_defaults(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_questionnaires_and_requests")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
