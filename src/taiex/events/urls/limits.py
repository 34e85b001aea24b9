"""URLs of the exceptions to an event's limits."""

from django.urls import path

from ..views import limits

urlpatterns = [
    path(
        "<int:pk>/limits/exceptions/",
        limits.limit_exception_request,
        name="limit_exception_request",
    ),
    path(
        "<int:pk>/limits/exceptions/<int:exception_pk>/<slug:decision>/",
        limits.limit_exception_decide,
        name="limit_exception_decide",
    ),
]
