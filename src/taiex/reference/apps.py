from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "taiex.reference"
    verbose_name = "Reference data"
