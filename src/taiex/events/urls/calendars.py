"""URLs of the calendars part of events."""

from django.urls import path

from ..views import calendars

urlpatterns = [
    path("<int:pk>/event.ics", calendars.ics, name="ics"),
    path("calendar/", calendars.calendar_settings, name="calendar_settings"),
    path("calendar/month/", calendars.calendar_page, name="calendar_page"),
    path("calendar/<str:token>.ics", calendars.calendar_feed, name="calendar_feed"),
]
