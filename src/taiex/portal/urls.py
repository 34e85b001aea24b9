"""The public portal: front page, the search of implemented events, their pages, open data."""

from django.urls import include, path

from . import views
from .figures import views as figures
from .participants import views as participants

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
    path("my-registration/", participants.request_link, name="own_registration_link"),
    path("my-registration/<str:token>/", participants.own_registration, name="own_registration"),
    path(
        "my-registration/<str:token>/cancel/",
        participants.cancel_registration,
        name="own_registration_cancel",
    ),
    path(
        "my-registration/<str:token>/letter.pdf",
        participants.own_letter,
        name="own_registration_letter",
    ),
    path(
        "my-registration/<str:token>/certificate.pdf",
        participants.own_certificate,
        name="own_registration_certificate",
    ),
    path("public/data/catalog.jsonld", views.catalog, name="catalog"),
    path("public/statistics/", include("taiex.portal.statistics.urls")),
    path("staff/request-figures/", figures.request_figures_page, name="request_figures"),
    path("staff/request-figures.csv", figures.request_figures_csv, name="request_figures_csv"),
    path("staff/request-figures.xlsx", figures.request_figures_xlsx, name="request_figures_xlsx"),
    path("staff/request-workload.csv", figures.workload_csv, name="request_workload_csv"),
]
