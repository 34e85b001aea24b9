"""URLs of the search part of the expert database: the staff search, the ranking of experts for
an event, and the staffing of the events of a period."""

from django.urls import path

from ..views import search as views

urlpatterns: list = [
    path("search/", views.search, name="search"),
    path("events/<int:event_pk>/ranking/", views.ranking, name="ranking"),
    path("staffing/", views.staffing, name="staffing"),
]
