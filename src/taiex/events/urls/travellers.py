"""URLs of travelling participants: the marking of who travels, a participant's receipts and
statement for staff, the personal link, and the participant's own page through that link."""

from django.urls import path

from ..views import travellers

urlpatterns = [
    path(
        "<int:pk>/travellers/<int:participant_pk>/marking/",
        travellers.travel_marking,
        name="travel_marking",
    ),
    path("<int:pk>/travellers/<int:participant_pk>/", travellers.traveller, name="traveller"),
    path(
        "<int:pk>/travellers/<int:participant_pk>/link/",
        travellers.traveller_link,
        name="traveller_link",
    ),
    path(
        "<int:pk>/travellers/<int:participant_pk>/receipts/<int:receipt_pk>/file/",
        travellers.receipt_file,
        name="receipt_file",
    ),
    path(
        "<int:pk>/travellers/<int:participant_pk>/receipts/<int:receipt_pk>/<slug:decision>/",
        travellers.receipt_decide,
        name="receipt_decide",
    ),
    path("travel-costs/<str:token>/", travellers.own_travel_costs, name="own_travel_costs"),
    path(
        "travel-costs/<str:token>/receipts/<int:receipt_pk>/",
        travellers.own_receipt_file,
        name="own_receipt_file",
    ),
]
