"""The operators' pages: the mail outbox (what failed, a resend), the audit log, and the
retention sweep's dry run."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import outbox
from .audit_log import audit_rows
from .csv_export import csv_response
from .forms import AuditLogFilterForm
from .models import ActivityLog, OutboxMessage, OutboxStatus
from .privacy import NOTICES
from .retention import SHOWN_PER_KIND, retention_report, rules_for_audience

SHOWN = 200


def check_may_manage(request):
    # The permission is granted by accounts (administrators): core sits below it.
    if not request.user.has_perm("core.manage_outbox"):
        raise Http404


@login_required
def outbox_problems(request):
    check_may_manage(request)
    failed = OutboxMessage.objects.filter(status=OutboxStatus.FAILED).order_by("-created_at", "-pk")
    retrying = OutboxMessage.objects.filter(status=OutboxStatus.PENDING).exclude(last_error="")
    context = {
        "failed": list(failed[:SHOWN]),
        "failed_count": failed.count(),
        "retrying": list(retrying.order_by("next_attempt_at", "pk")[:SHOWN]),
        "shown": SHOWN,
    }
    return render(request, "core/outbox.html", context)


@login_required
@require_POST
def outbox_resend(request, pk):
    check_may_manage(request)
    message = get_object_or_404(OutboxMessage, pk=pk)
    try:
        outbox.resend(message, actor=request.user)
    except outbox.OutboxError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The e-mail to %(address)s is queued again.") % {"address": message.to_address},
        )
    return redirect("core:outbox")


AUDIT_PAGE_SIZE = 50
AUDIT_CSV_LIMIT = 100_000


def _require(request, permission):
    # Granted by accounts (head of unit, administrators): core sits below it.
    if not request.user.has_perm(permission):
        raise Http404


@login_required
def audit_log(request):
    """The audit log for the head of unit and administrators, outside the Django admin:
    filtered by object, person, action and days, 50 rows a page, or all as CSV."""
    _require(request, "core.view_audit_log")
    form = AuditLogFilterForm(request.GET or None)
    rows = ActivityLog.objects.none()
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        rows = audit_rows(
            object_type=data.get("object_type"),
            object_text=data.get("object") or "",
            person=data.get("person") or "",
            action=data.get("action") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
    if request.GET.get("format") == "csv":
        return csv_response(
            "audit-log.csv",
            [
                "when",
                "person",
                "person e-mail",
                "action",
                "type",
                "object id",
                "object",
                "from",
                "to",
                "note",
            ],
            (
                [
                    timezone.localtime(row.created_at).isoformat(timespec="seconds"),
                    row.actor.full_name if row.actor else "system",
                    row.actor.email if row.actor else "",
                    row.action,
                    f"{row.content_type.app_label}.{row.content_type.model}",
                    row.object_id,
                    row.object_repr,
                    row.from_state,
                    row.to_state,
                    row.note,
                ]
                for row in rows[:AUDIT_CSV_LIMIT].iterator(chunk_size=2000)
            ),
        )
    page = Paginator(rows, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(
        request,
        "core/audit_log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "csv_limit": AUDIT_CSV_LIMIT,
            "person": _person_filtered(request, form),
        },
    )


def _person_filtered(request, form):
    """The account the log is filtered by (a number), for the links to its data and erasure;
    only for who may erase accounts (the permission is granted by accounts)."""
    if not (form.is_bound and form.is_valid()):
        return None
    person = form.cleaned_data.get("person", "").strip()
    if not person.isdigit() or not request.user.has_perm("accounts.erase_account"):
        return None
    return get_user_model().objects.filter(pk=int(person)).first()


@login_required
def retention_dry_run(request):
    """What the retention sweep would anonymise today, per kind, changing nothing."""
    _require(request, "core.view_retention_report")
    outcomes = retention_report()
    return render(
        request,
        "core/retention_report.html",
        {
            "outcomes": outcomes,
            "today": timezone.localdate(),
            "total": sum(outcome.count for outcome in outcomes),
            "shown": SHOWN_PER_KIND,
        },
    )


def privacy_notices(request):
    return render(request, "core/privacy_index.html", {"notices": NOTICES.values()})


def privacy_notice(request, audience):
    notice = NOTICES.get(audience)
    if notice is None:
        raise Http404
    return render(
        request,
        "core/privacy_notice.html",
        {
            "notice": notice,
            "retention": rules_for_audience(audience),
            "controller": settings.TAIEX_PRIVACY_CONTROLLER,
            "contact": settings.TAIEX_PRIVACY_CONTACT,
            "others": [other for other in NOTICES.values() if other.audience != audience],
        },
    )
