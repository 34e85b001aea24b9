"""URLs of the core: health endpoints at the root, the operators' outbox page."""

from django.urls import path

from . import health, views

app_name = "core"
urlpatterns = [
    path("healthz", health.liveness, name="healthz"),
    path("readyz", health.readiness, name="readyz"),
    path("operations/outbox/", views.outbox_problems, name="outbox"),
    path("operations/outbox/<int:pk>/resend/", views.outbox_resend, name="outbox_resend"),
    path("privacy/", views.privacy_notices, name="privacy"),
    path("privacy/<slug:audience>/", views.privacy_notice, name="privacy_notice"),
    path("operations/audit-log/", views.audit_log, name="audit_log"),
    path("operations/retention/", views.retention_dry_run, name="retention_report"),
]
