from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "taiex.staffing"
    verbose_name = "Staffing of events"

    def ready(self):
        from . import personal_data, rules  # noqa: F401  (registers permissions and data)
