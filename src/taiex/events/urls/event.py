"""URLs of the event itself: the staff list and its export, the event's page, its details form
and its moves."""

from django.urls import path

from ..views import decisions, event

urlpatterns = [
    path("", event.event_list, name="list"),
    path("decide-request/<int:pk>/", decisions.decide, name="decide_application"),
    path("export.csv", event.event_export, name="export"),
    path("<int:pk>/", event.event_detail, name="detail"),
    path("<int:pk>/details/", event.event_edit, name="edit"),
    path("<int:pk>/<slug:action>/", event.event_act, name="act"),
]
