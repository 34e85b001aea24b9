"""URLs of the public statistics, mounted at /public/statistics/ in the portal's namespace."""

from django.urls import path

from . import evaluation_views, views

urlpatterns = [
    path("", views.statistics_page, name="statistics"),
    path("<slug:slug>.csv", views.statistics_csv, name="statistics_csv"),
    path("evaluations/", evaluation_views.evaluation_statistics_page, name="evaluation_statistics"),
    path(
        "evaluations/<slug:slug>.csv",
        evaluation_views.evaluation_statistics_csv,
        name="evaluation_statistics_csv",
    ),
    path("annual-report/", views.annual_report_page, name="annual_report"),
    path("annual-report/<int:year>.pdf", views.annual_report_pdf, name="annual_report_pdf"),
    path("annual-report/<int:year>.xlsx", views.annual_report_xlsx, name="annual_report_xlsx"),
]
