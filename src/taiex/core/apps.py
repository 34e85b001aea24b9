from django.apps import AppConfig

from .text import clean_every_form_text_field


class CoreConfig(AppConfig):
    name = "taiex.core"
    verbose_name = "Core"

    def ready(self):
        clean_every_form_text_field()
        from . import (
            inbox_personal_data,  # noqa: F401  (registers the inbox's export and erasure)
            outbox_retention,  # noqa: F401  (registers the sent mails' retention)
        )
