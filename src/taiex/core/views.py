"""The operators' page of the mail outbox: what failed or waits for a retry, and a resend."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import outbox
from .models import OutboxMessage, OutboxStatus

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
        messages.success(request, f"The e-mail to {message.to_address} is queued again.")
    return redirect("core:outbox")
