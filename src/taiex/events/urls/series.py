"""URLs of a request's series of events: add a follow-up event."""

from django.urls import path

from ..views import series

urlpatterns = [
    path("<int:pk>/follow-up/", series.follow_up, name="follow_up"),
]
