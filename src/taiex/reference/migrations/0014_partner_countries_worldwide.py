"""The partner countries worldwide of the Partnership Instrument and International Partnerships
(reference/data/partner_countries.csv, from ISO 3166-1) and Russia's dated participation
(beneficiaries.csv), each with its Delegation and desk, added to databases loaded before them."""

from django.db import migrations

from taiex.reference.loading import sync_partner_countries


def sync(apps, schema_editor):
    sync_partner_countries(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("reference", "0013_fee_rule_by_approval_date")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
