from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "taiex.portal"
    verbose_name = "Public portal"
