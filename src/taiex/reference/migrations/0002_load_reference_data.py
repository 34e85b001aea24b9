"""Loads the countries and windows, institution kinds, chapters and clusters, thematic teams,
languages and assistance limits shipped in reference/data/."""

from django.db import migrations

from taiex.reference.loading import load_reference_data


def load(apps, schema_editor):
    load_reference_data(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
