"""URLs of the logistics and fees part of events: travel, fee statements, payment lists, and
an expert's own statements."""

from django.urls import path

from ..views import fees

urlpatterns = [
    path("<int:pk>/logistics/", fees.logistics, name="logistics"),
    path("<int:pk>/logistics/<str:kind>/<int:traveller_pk>/", fees.travel_edit, name="travel"),
    path("<int:pk>/fees/", fees.fees, name="fees"),
    path("<int:pk>/fees/compute/", fees.fees_compute, name="fees_compute"),
    path("<int:pk>/fees/payment-list.xlsx", fees.payment_list, name="payment_list"),
    path("<int:pk>/fees/mine/", fees.my_statement, name="my_statement"),
    path("<int:pk>/fees/<int:statement_pk>/", fees.statement_detail, name="statement"),
    path(
        "<int:pk>/fees/<int:statement_pk>/approve/",
        fees.statement_approve,
        name="statement_approve",
    ),
    path("payments/", fees.payments, name="payments"),
    path("payments/payment-list.xlsx", fees.payments_xlsx, name="payments_xlsx"),
    path("statements/mine/", fees.my_statements, name="my_statements"),
]
