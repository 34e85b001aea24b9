"""URLs of the logistics and fees part of events: travel, fee statements, payment lists, their
payment (moves, the bank's answer), an expert's own statements and the payees' bank details."""

from django.urls import path

from ..views import costs, fees, payments

urlpatterns = [
    path("<int:pk>/logistics/", fees.logistics, name="logistics"),
    path("<int:pk>/logistics/<str:kind>/<int:traveller_pk>/", fees.travel_edit, name="travel"),
    path("<int:pk>/fees/", fees.fees, name="fees"),
    path("<int:pk>/cost/", costs.event_cost, name="event_cost"),
    path("costs/", costs.costs, name="costs"),
    path("costs/costs.csv", costs.costs_csv, name="costs_csv"),
    path("costs/costs.xlsx", costs.costs_xlsx, name="costs_xlsx"),
    path("<int:pk>/fees/compute/", fees.fees_compute, name="fees_compute"),
    path("<int:pk>/fees/payment-list.xlsx", fees.payment_list, name="payment_list"),
    path("<int:pk>/fees/mine/", fees.my_statement, name="my_statement"),
    path("<int:pk>/fees/<int:statement_pk>/", fees.statement_detail, name="statement"),
    path(
        "<int:pk>/fees/<int:statement_pk>/approve/",
        fees.statement_approve,
        name="statement_approve",
    ),
    *(
        path(f"<int:pk>/fees/<int:statement_pk>/{move}/", view, name=f"statement_{move}")
        for move, view in [
            ("send", payments.statement_send),
            ("paid", payments.statement_paid),
            ("reject", payments.statement_reject),
            ("reopen", payments.statement_reopen),
            ("bank_link", payments.statement_bank_link),
        ]
    ),
    path("payments/", fees.payments, name="payments"),
    path("payments/bank-answer/", payments.bank_answer, name="bank_answer"),
    path("payments/send/", payments.send_all_for_payment, name="send_all_for_payment"),
    path("bank-details/", payments.my_bank_details, name="my_bank_details"),
    path("passport-name/", payments.my_passport_name, name="my_passport_name"),
    path("bank-details/<str:token>/", payments.bank_details_by_link, name="bank_details_by_link"),
    path("payments/payment-list.xlsx", fees.payments_xlsx, name="payments_xlsx"),
    path("statements/mine/", fees.my_statements, name="my_statements"),
]
