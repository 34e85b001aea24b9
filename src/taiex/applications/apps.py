from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "taiex.applications"
    verbose_name = "Requests for assistance"
