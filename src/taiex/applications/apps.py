from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "taiex.applications"
    verbose_name = "Requests for assistance"

    def ready(self):
        from . import (
            personal_data,  # noqa: F401  (registers export, erasure and retention)
            reminders,  # noqa: F401  (registers the worker's reminders of waiting requests)
        )
