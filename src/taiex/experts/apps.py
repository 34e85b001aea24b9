from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "taiex.experts"
    verbose_name = "Expert database"
