from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "taiex.accounts"
    verbose_name = "People and roles"

    def ready(self):
        from . import (
            personal_data,  # noqa: F401  (registers the retention of unconfirmed accounts)
            second_factor,  # noqa: F401  (registers the erasure of second factors)
        )
