"""French names of the languages (data/names_fr.csv): the languages of experts, sessions and
events read in the reader's language, like the other reference data."""

from django.db import migrations, models

from taiex.reference.loading import load_name_translations


def load(apps, schema_editor):
    load_name_translations(apps.get_model, "fr")


class Migration(migrations.Migration):
    dependencies = [("reference", "0019_french_names")]

    operations = [
        migrations.AddField(
            model_name="language",
            name="name_translations",
            field=models.JSONField(
                blank=True, help_text='The name in other languages: {"fr": "..."}.', null=True
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
