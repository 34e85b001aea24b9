"""URLs of the invitations part of the expert database: the expert's home, calls for experts
and invitations."""

from django.urls import path

from ..views import home, invitations

urlpatterns = [
    path("home/", home.home, name="home"),
    path("events/<int:event_pk>/call/", invitations.call_publish, name="call_publish"),
    path("events/<int:event_pk>/invite/", invitations.invite, name="invite"),
    path("calls/<int:call_pk>/interest/", invitations.interest, name="interest"),
    path("invitations/link/<str:token>/", invitations.invitation_link, name="invitation_link"),
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
]
