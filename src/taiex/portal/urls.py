"""The public portal: front page, the catalogue of implemented events and their pages."""

from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("public/events/", views.event_list, name="events"),
    path("public/events/export.csv", views.event_export, name="events_export"),
    path("public/events/<str:reference>/", views.event_detail, name="event"),
]
