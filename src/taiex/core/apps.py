from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "taiex.core"
    verbose_name = "Core"
