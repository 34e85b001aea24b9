"""The table of the "shared" cache (settings.CACHES): Django's `createcachetable`, run by the
migration so that every database that is migrated has it (tests make it themselves too)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", "shared", database=schema_editor.connection.alias)


def drop_cache_table(apps, schema_editor):
    from django.conf import settings

    table = settings.CACHES["shared"]["LOCATION"]
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_default_retention_rules")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table, elidable=False)]
