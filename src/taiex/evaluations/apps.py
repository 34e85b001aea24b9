from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "taiex.evaluations"
    verbose_name = "Evaluations"
