"""URLs of a study visit's host: ask, answer, withdraw."""

from django.urls import path

from ..views import hosting

urlpatterns = [
    path("<int:pk>/host/ask/", hosting.host_ask, name="host_ask"),
    path("<int:pk>/host/<int:agreement_pk>/answer/", hosting.host_answer, name="host_answer"),
    path("<int:pk>/host/<int:agreement_pk>/withdraw/", hosting.host_withdraw, name="host_withdraw"),
]
