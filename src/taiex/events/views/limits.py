"""The exceptions to an event's limits on its page: the case handler asks, the head of unit
grants or refuses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taiex.core.workflow import TransitionNotAllowed

from ..enums import PREPARATION_STATES, LimitExceptionState
from ..forms.limits import LimitDecisionForm, LimitExceptionForm
from ..models import LimitException
from ..services.errors import EventError
from ..services.limits import decide_limit_exception, limits_summary, request_limit_exception
from .event import render_detail, visible_event_or_404

REQUEST_PREFIX = "limit-exception"


def limits_context(user, event, bound_forms=None):
    """The event page's limits section, for staff: the limits of the day, the exceptions and
    their forms."""
    if not user.has_perm("events.list_events"):
        return {"shows_limits": False}
    bound_forms = bound_forms or {}
    exceptions = list(
        LimitException.objects.filter(event=event).select_related("requested_by", "decided_by")
    )
    may_decide = user.has_perm("events.decide_limit_exception", event)
    may_request = (
        user.has_perm("events.request_limit_exception", event) and event.state in PREPARATION_STATES
    )
    return {
        "shows_limits": True,
        "limits": limits_summary(event, exceptions),
        "limit_exceptions": [
            (
                exception,
                bound_forms.get(f"decide-{exception.pk}")
                or LimitDecisionForm(prefix=f"decide-{exception.pk}")
                if may_decide and exception.state == LimitExceptionState.REQUESTED
                else None,
            )
            for exception in exceptions
        ],
        "limit_exception_form": bound_forms.get(REQUEST_PREFIX)
        or LimitExceptionForm(prefix=REQUEST_PREFIX)
        if may_request
        else None,
    }


@login_required
@require_POST
def limit_exception_request(request, pk):
    event = visible_event_or_404(request, pk)
    if not request.user.has_perm("events.request_limit_exception", event):
        raise PermissionDenied
    form = LimitExceptionForm(request.POST, prefix=REQUEST_PREFIX)
    if form.is_valid():
        try:
            request_limit_exception(
                event,
                actor=request.user,
                limit=form.cleaned_data["limit"],
                allowed_value=form.cleaned_data["allowed_value"],
                reason=form.cleaned_data["reason"],
            )
        except EventError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("The exception is asked; the head of unit decides."))
            return redirect("events:detail", pk=event.pk)
    return render_detail(request, event, bound_forms={REQUEST_PREFIX: form}, status=400)


@login_required
@require_POST
def limit_exception_decide(request, pk, exception_pk, decision):
    event = visible_event_or_404(request, pk)
    if decision not in ("grant", "refuse"):
        raise Http404
    exception = get_object_or_404(LimitException, pk=exception_pk, event=event)
    if not request.user.has_perm("events.decide_limit_exception", event):
        raise PermissionDenied
    prefix = f"decide-{exception.pk}"
    form = LimitDecisionForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            decide_limit_exception(
                exception,
                actor=request.user,
                grant=decision == "grant",
                note=form.cleaned_data["note"],
            )
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect("events:detail", pk=event.pk)
        except EventError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(
                request,
                _("The exception is granted.")
                if decision == "grant"
                else _("The exception is refused."),
            )
            return redirect("events:detail", pk=event.pk)
    return render_detail(request, event, bound_forms={prefix: form}, status=400)
