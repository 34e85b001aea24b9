from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "taiex.evaluations"
    verbose_name = "Evaluations"

    def ready(self):
        from . import personal_data  # noqa: F401  (registers export, erasure and retention)
