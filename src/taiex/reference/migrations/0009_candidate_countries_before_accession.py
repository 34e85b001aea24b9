"""The candidate countries of the 2004 and 2007 enlargements as beneficiaries until their
accession (reference/data/beneficiaries.csv), added to databases loaded before them."""

from django.db import migrations

from taiex.reference.loading import sync_beneficiary_periods


def sync(apps, schema_editor):
    sync_beneficiary_periods(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("reference", "0008_fee_rule_eu_body_officials")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
