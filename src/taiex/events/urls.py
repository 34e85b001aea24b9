"""Staff pages of events, mounted at /events/."""

from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("export.csv", views.event_export, name="export"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.event_act, name="act"),
]
