"""URLs of evaluations: the personal link, the staff's page of an event, an expert's ratings."""

from django.urls import path

from . import views

app_name = "evaluations"
urlpatterns = [
    path("answer/<str:token>/", views.answer, name="answer"),
    path("events/<int:pk>/", views.event_evaluations, name="event"),
    path("events/<int:pk>/open/", views.open_now, name="open"),
    path("events/<int:pk>/close/", views.close_early, name="close"),
    path("events/<int:pk>/follow-up/", views.follow_up_delay, name="follow_up_delay"),
    path("events/<int:pk>/requests/<int:request_pk>/resend/", views.resend, name="resend"),
    path("my-ratings/", views.my_ratings, name="my_ratings"),
    path("experts/", views.expert_ratings, name="expert_ratings"),
]
