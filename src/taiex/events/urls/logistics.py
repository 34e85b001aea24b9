"""URLs of an event's logistics: the contractor's events, the bookings page, booking forms
and moves, the contractor's travel form and the assignment of the contractor."""

from django.urls import path

from ..views import logistics

urlpatterns = [
    path("contracted/", logistics.contracted, name="contracted"),
    path("<int:pk>/bookings/", logistics.bookings, name="bookings"),
    path("<int:pk>/bookings/contractor/", logistics.assign, name="assign_contractor"),
    path("<int:pk>/bookings/new/<str:kind>/", logistics.booking_new, name="booking_new"),
    path("<int:pk>/bookings/<int:booking_pk>/", logistics.booking_edit, name="booking_edit"),
    path(
        "<int:pk>/bookings/<int:booking_pk>/confirm/",
        logistics.booking_confirm,
        name="booking_confirm",
    ),
    path(
        "<int:pk>/bookings/<int:booking_pk>/cancel/",
        logistics.booking_cancel,
        name="booking_cancel",
    ),
    path(
        "<int:pk>/bookings/<int:booking_pk>/payment/",
        logistics.booking_payment,
        name="booking_payment",
    ),
    path(
        "<int:pk>/bookings/travel/<str:kind>/<int:traveller_pk>/",
        logistics.travel,
        name="booking_travel",
    ),
]
