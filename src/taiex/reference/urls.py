"""URLs of the rate tables, mounted at /rates/."""

from django.urls import path

from . import views

app_name = "rates"
urlpatterns = [
    path("", views.rate_list, name="list"),
    path("fees/new/", views.fee_rule_add, name="fee_rule_add"),
    path("fees/<int:pk>/", views.fee_rule_edit, name="fee_rule_edit"),
    path("allowances/new/", views.subsistence_add, name="subsistence_add"),
    path("allowances/import/", views.subsistence_import, name="subsistence_import"),
    path("allowances/<int:pk>/", views.subsistence_edit, name="subsistence_edit"),
]
