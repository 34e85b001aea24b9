from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "taiex.accounts"
    verbose_name = "People and roles"
