"""URLs of staffing, under /experts/ beside the expert database's (so addresses sent in e-mails
before the move still work): the expert's home, calls, invitations, the staff search, the
ranking of experts for an event and the staffing of the events of a period."""

from django.urls import path

from .views import home, invitations, search

app_name = "staffing"
urlpatterns = [
    path("home/", home.home, name="home"),
    path("events/<int:event_pk>/call/", invitations.call_publish, name="call_publish"),
    path("events/<int:event_pk>/invite/", invitations.invite, name="invite"),
    path("calls/<int:call_pk>/interest/", invitations.interest, name="interest"),
    path("invitations/link/<str:token>/", invitations.invitation_link, name="invitation_link"),
    path("invitations/<int:pk>/event/", invitations.invitation_event, name="invitation_event"),
    path(
        "invitations/<int:pk>/withdraw/",
        invitations.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "invitations/<int:pk>/<str:answer>/",
        invitations.invitation_answer,
        name="invitation_answer",
    ),
    path("search/", search.search, name="search"),
    path("events/<int:event_pk>/ranking/", search.ranking, name="ranking"),
    path("staffing/", search.staffing, name="staffing"),
]
