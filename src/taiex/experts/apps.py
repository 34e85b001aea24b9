from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "taiex.experts"
    verbose_name = "Expert database"

    def ready(self):
        from . import retention  # noqa: F401  (registers its kinds of data with core.retention)
