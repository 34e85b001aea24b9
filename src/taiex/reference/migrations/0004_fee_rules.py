"""Loads the published fee rules shipped in reference/data/fee_rules.csv."""

from django.db import migrations

from taiex.reference.loading import load_fee_rules


def load(apps, schema_editor):
    load_fee_rules(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("reference", "0003_rates")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
