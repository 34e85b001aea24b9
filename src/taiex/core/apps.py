from django.apps import AppConfig
from django.db.models.signals import post_migrate

from .text import clean_every_form_text_field


def create_shared_cache_table(sender, using, verbosity=1, **kwargs):
    """After every `migrate`: the table of the "shared" cache (settings.CACHES), which no model
    declares; `createcachetable` leaves an existing table as it is."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "taiex.core"
    verbose_name = "Core"

    def ready(self):
        clean_every_form_text_field()
        post_migrate.connect(create_shared_cache_table, sender=self, dispatch_uid="taiex_cache")
        from . import (
            inbox_personal_data,  # noqa: F401  (registers the inbox's export and erasure)
            outbox_retention,  # noqa: F401  (registers the sent mails' retention)
        )
