"""French names of the reference data people read (data/names_fr.csv, and the standard ISO 3166
names of the other countries): the official titles of the 35 acquis chapters, the windows,
clusters, thematic teams, institution kinds, and the official footnotes of Kosovo* and
Palestine**."""

from django.db import migrations

from taiex.reference.loading import load_name_translations


def load(apps, schema_editor):
    load_name_translations(apps.get_model, "fr")


class Migration(migrations.Migration):
    dependencies = [("reference", "0018_name_translations")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
