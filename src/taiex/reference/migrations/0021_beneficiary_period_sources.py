"""Every beneficiary period cites its source (reference/data/beneficiaries.csv): the periods
loaded without a note get the file's; a note written in the admin is kept."""

from django.db import migrations

from taiex.reference.loading import sync_beneficiary_periods


def sync(apps, schema_editor):
    sync_beneficiary_periods(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("reference", "0020_language_names")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
