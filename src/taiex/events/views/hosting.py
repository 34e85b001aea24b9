"""The host section of a study visit's page: the case handler asks a Member State administration
to host, records its answer or withdraws the ask. Anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taiex.core.workflow import TransitionNotAllowed

from ..enums import HostAgreementState
from ..forms.hosting import AskHostForm, HostAnswerForm, HostWithdrawForm, host_wish_of
from ..models import HostAgreement
from ..services.errors import EventError
from ..services.hosting import (
    ask_host,
    is_study_visit,
    may_arrange_host,
    record_host_answer,
    withdraw_host_request,
)
from .event import render_detail, visible_event_or_404

ASK_PREFIX = "host-ask"


def host_context(user, event, bound_forms=None):
    """The event page's host section: every ask with its answer, and the forms of whoever may
    arrange the host (the event's case handler or team, the head of unit)."""
    if not is_study_visit(event):
        return {"shows_host": False}
    bound_forms = bound_forms or {}
    may_arrange = user.has_perm("events.arrange_host", event) and may_arrange_host(event)
    agreements = list(
        HostAgreement.objects.filter(event=event).select_related("institution__country", "asked_by")
    )
    open_ask = next(
        (a for a in agreements if a.state in (HostAgreementState.ASKED, HostAgreementState.AGREED)),
        None,
    )
    rows = []
    for agreement in agreements:
        answer_form = withdraw_form = None
        if may_arrange and agreement is open_ask:
            answer_form = bound_forms.get(f"host-answer-{agreement.pk}") or HostAnswerForm(
                prefix=f"host-answer-{agreement.pk}"
            )
            if agreement.state == HostAgreementState.ASKED:
                withdraw_form = bound_forms.get(
                    f"host-withdraw-{agreement.pk}"
                ) or HostWithdrawForm(prefix=f"host-withdraw-{agreement.pk}")
        rows.append((agreement, answer_form, withdraw_form))
    ask_form = None
    if may_arrange and open_ask is None:
        ask_form = bound_forms.get(ASK_PREFIX) or AskHostForm(prefix=ASK_PREFIX, event=event)
    return {
        "shows_host": True,
        "host_wish": host_wish_of(event),
        "host_agreements": rows,
        "shows_host_contact": user.has_perm("events.see_host_contact", event),
        "host_ask_form": ask_form,
    }


def arrangeable_event(request, pk):
    """The study visit if the user may arrange its host; 404 otherwise (also for a user who sees
    the event but does not handle it)."""
    event = visible_event_or_404(request, pk)
    if not is_study_visit(event) or not request.user.has_perm("events.arrange_host", event):
        raise Http404
    return event


@login_required
@require_POST
def host_ask(request, pk):
    event = arrangeable_event(request, pk)
    form = AskHostForm(request.POST, prefix=ASK_PREFIX, event=event)
    if form.is_valid():
        try:
            agreement = ask_host(
                event,
                form.cleaned_data["institution"],
                actor=request.user,
                note=form.cleaned_data["note"],
                contact_email=form.cleaned_data["contact_email"],
                contact_language=form.cleaned_data["contact_language"],
            )
        except EventError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is asked to host; record its answer when it comes.")
                % {"name": agreement.institution.name},
            )
            return redirect("events:detail", pk=event.pk)
    return render_detail(request, event, bound_forms={ASK_PREFIX: form}, status=400)


@login_required
@require_POST
def host_answer(request, pk, agreement_pk):
    event = arrangeable_event(request, pk)
    agreement = get_object_or_404(HostAgreement, pk=agreement_pk, event=event)
    prefix = f"host-answer-{agreement.pk}"
    form = HostAnswerForm(request.POST, prefix=prefix)
    if form.is_valid():
        agreed = form.cleaned_data["answer"] == "agreed"
        try:
            record_host_answer(
                agreement, actor=request.user, agreed=agreed, reason=form.cleaned_data["reason"]
            )
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect("events:detail", pk=event.pk)
        except EventError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            name = agreement.institution.name
            messages.success(
                request,
                (
                    _("%(name)s agreed to host the study visit.")
                    if agreed
                    else _("%(name)s declined; ask another host.")
                )
                % {"name": name},
            )
            return redirect("events:detail", pk=event.pk)
    return render_detail(request, event, bound_forms={prefix: form}, status=400)


@login_required
@require_POST
def host_withdraw(request, pk, agreement_pk):
    event = arrangeable_event(request, pk)
    agreement = get_object_or_404(HostAgreement, pk=agreement_pk, event=event)
    prefix = f"host-withdraw-{agreement.pk}"
    form = HostWithdrawForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            withdraw_host_request(agreement, actor=request.user, reason=form.cleaned_data["reason"])
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect("events:detail", pk=event.pk)
        except EventError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("The ask is withdrawn; ask another host."))
            return redirect("events:detail", pk=event.pk)
    return render_detail(request, event, bound_forms={prefix: form}, status=400)
