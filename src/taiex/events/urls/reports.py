"""URLs of the reports part of events: the expert mission report and its review."""

from django.urls import path

from ..views import reports

urlpatterns = [
    path("<int:pk>/report/", reports.report, name="report"),
    path("<int:pk>/report/report.pdf", reports.report_pdf, name="report_pdf"),
    path("<int:pk>/report/review/", reports.report_review, name="report_review"),
]
