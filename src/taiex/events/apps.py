from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "taiex.events"
    verbose_name = "Events"
