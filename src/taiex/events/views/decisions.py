"""The planning meeting's decision, posted from the request's page: here because an approval
creates the event (`services.decisions`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from taiex.applications.forms import DecisionForm
from taiex.applications.services import ApplicationError
from taiex.applications.views.detail import (
    DONE_MESSAGES,
    add_problems,
    detail_with_errors,
    user_application,
)
from taiex.core.workflow import TransitionNotAllowed

from ..services.decisions import decide_application


@login_required
@require_POST
def decide(request, pk):
    application = user_application(request.user, pk)
    if not request.user.has_perm("applications.decide_application", application):
        raise PermissionDenied
    form = DecisionForm(request.POST, prefix="decide")
    if not form.is_valid():
        return detail_with_errors(request, application, "decide", form)
    try:
        decide_application(
            application,
            actor=request.user,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as error:
        add_problems(form, error)
        return detail_with_errors(request, application, "decide", form)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
        return redirect("applications:detail", application.pk)
    messages.success(request, DONE_MESSAGES["decide"])
    return redirect("applications:detail", application.pk)
