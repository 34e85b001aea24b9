from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "taiex.portal"
    verbose_name = "Public portal"

    def ready(self):
        from .figures import queries  # noqa: F401  (registers the worker's warm-up)
