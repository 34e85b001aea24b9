"""URLs of the core: health endpoints at the root, the operators' outbox page, the inbox."""

from django.urls import path

from . import health, inbox_views, views

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
    path("inbox/", inbox_views.inbox_list, name="inbox"),
    path("inbox/<int:pk>/", inbox_views.inbox_item, name="inbox_item"),
    path("inbox/read-all/", inbox_views.inbox_read_all, name="inbox_read_all"),
    path("inbox/settings/", inbox_views.inbox_settings, name="inbox_settings"),
]
