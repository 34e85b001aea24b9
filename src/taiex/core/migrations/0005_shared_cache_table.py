"""Kept for the history of the migrations: it meant to make the table of the "shared" cache
(settings.CACHES) but named the cache where `createcachetable` wants a table name. The table is
made after every `migrate` by `core.apps.create_shared_cache_table` (post_migrate), and by the
test runner."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0004_default_retention_rules")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
