"""The public portal: front page, the search of implemented events, their pages, open data."""

from django.urls import include, path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("public/events/", views.event_list, name="events"),
    path("public/events/export.csv", views.event_export, name="events_export"),
    path("public/events/export.xlsx", views.event_export_xlsx, name="events_xlsx"),
    path("public/events/export.json", views.event_export_json, name="events_json"),
    path("public/events/upcoming.ics", views.upcoming_ics, name="events_upcoming"),
    path("public/events/<str:reference>/", views.event_detail, name="event"),
    path("public/data/", views.open_data, name="open_data"),
    path("public/data/catalog.jsonld", views.catalog, name="catalog"),
    path("public/statistics/", include("taiex.portal.statistics.urls")),
]
