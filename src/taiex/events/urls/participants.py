"""URLs of the participants part of events: the list and a registration's actions, the private
link and capacity, attendance, the PDFs, and the public registration and verification pages."""

from django.urls import path

from ..views import participants

urlpatterns = [
    path("<int:pk>/participants/", participants.participants, name="participants"),
    path("<int:pk>/participants/capacity/", participants.capacity, name="participants_capacity"),
    path("<int:pk>/participants/link/", participants.registration_link, name="registration_link"),
    path(
        "<int:pk>/participants/list.pdf",
        participants.participants_list,
        name="participants_list",
    ),
    path(
        "<int:pk>/participants/list.xlsx",
        participants.participants_list_xlsx,
        name="participants_list_xlsx",
    ),
    path(
        "<int:pk>/participants/attendance-sheets.pdf",
        participants.attendance_sheets,
        name="attendance_sheets",
    ),
    path(
        "<int:pk>/participants/certificates.pdf",
        participants.certificates,
        name="certificates",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/letter.pdf",
        participants.letter,
        name="participant_letter",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/certificate.pdf",
        participants.certificate,
        name="participant_certificate",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/my-data.json",
        participants.participant_data,
        name="participant_data",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/<slug:action>/",
        participants.participant_action,
        name="participant_action",
    ),
    path("<int:pk>/attendance/", participants.attendance, name="attendance"),
    path("register/<str:token>/", participants.register, name="register"),
    path("verify/", participants.verify_lookup, name="verify_lookup"),
    path("verify/<str:code>/", participants.verify, name="verify"),
]
