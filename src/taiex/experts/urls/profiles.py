"""URLs of the profiles part of the expert database: registration, e-mail confirmation, the
expert's profile and data, the CV, and the staff verification pages."""

from django.urls import path

from ..views import profiles as views

urlpatterns: list = [
    path("register/", views.register, name="register"),
    path("register/done/", views.registered, name="registered"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("profile/", views.profile, name="profile"),
    path("profile/deactivate/", views.deactivate, name="deactivate"),
    path("profile/my-data.json", views.my_data, name="my_data"),
    path("profile/erase/", views.erase, name="erase"),
    path("verification/", views.verification_queue, name="verification_queue"),
    path("<int:pk>/cv/", views.cv, name="cv"),
    path("<int:pk>/verification/", views.verification_decide, name="verification_decide"),
]
