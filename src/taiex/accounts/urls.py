"""URLs of people: login and password, registration, profile, data export, newcomers for NCPs.
The home ("accounts:home") is added by the site's URLs, which may join the apps above."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import (
    erasure_views,
    gate_views,
    language,
    second_factor_views,
    sso_views,
    token_views,
    views,
)
from .forms import EmailAuthenticationForm, OutboxPasswordResetForm

app_name = "accounts"
urlpatterns = [
    path("language/", language.set_language, name="set_language"),
    path(
        "login/",
        sso_views.SignInView.as_view(
            template_name="accounts/login.html",
            authentication_form=EmailAuthenticationForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            form_class=OutboxPasswordResetForm,
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "password-change/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change_form.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password-change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("sso/", sso_views.start, name="sso_start"),
    path("sso/callback/", sso_views.callback, name="sso_callback"),
    path("two-factor/", second_factor_views.verify, name="second_factor"),
    path("two-factor/setup/", second_factor_views.setup, name="second_factor_setup"),
    path(
        "two-factor/recovery-codes/",
        second_factor_views.recovery_codes,
        name="second_factor_recovery_codes",
    ),
    path("register/", views.register, name="register"),
    path("register/sent/", views.registered, name="registered"),
    path("profile/", views.profile, name="profile"),
    path("profile/my-data.json", views.personal_data_export, name="personal_data_export"),
    path("profile/tokens/", token_views.api_tokens_page, name="api_tokens"),
    path("profile/tokens/<int:pk>/revoke/", token_views.api_token_revoke, name="api_token_revoke"),
    path("new-in-my-country/", views.new_people, name="new_people"),
    path(
        "people/<int:pk>/data.json", erasure_views.account_data_export, name="account_data_export"
    ),
    path("people/<int:pk>/erase/", erasure_views.account_erase, name="account_erase"),
    path("waiting-for-me/", gate_views.gate_page, name="gate"),
    path(
        "waiting-for-me/<slug:kind>/<int:pk>/<slug:action>/",
        gate_views.gate_act,
        name="gate_act",
    ),
]
