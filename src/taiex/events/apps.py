from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "taiex.events"
    verbose_name = "Events"

    def ready(self):
        from . import personal_data  # noqa: F401  (registers the expert erasure step)
