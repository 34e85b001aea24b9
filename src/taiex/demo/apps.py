from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "taiex.demo"
    verbose_name = "Demo data"
