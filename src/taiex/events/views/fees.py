"""Pages of the logistics and fees part of events: travellers and their travel, fee statements
(computed, shown line by line, approved), payment lists (XLSX), and an expert's own statements.

Staff read the logistics; those who may manage the event change them. The money (statements,
payment lists) is read by the case handlers of the event's team, the head of unit, the
administrator and finance, and is not found (404) for anyone else, other case handlers included.
NCPs and applicants, who see the event, do not see its travel (403); an expert sees only their
own statement. The moves after approval are in `views.payments`.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from taiex.core.audit import activity_of

from ..enums import UNPAID_STATEMENT_STATES, ParticipantState, TravelMarking
from ..forms.fees import (
    BankDetailsLinkForm,
    MarkPaidForm,
    PaymentPeriodForm,
    RejectStatementForm,
)
from ..forms.travel import TravelForm
from ..models import EventExpert, Participant, Travel
from ..queries import with_staff_columns
from ..queries.fees import (
    approved_statements_between,
    bank_account_of,
    current_experts_of,
    events_with_money_visible_to,
    is_travelling,
    statements_of,
    statements_of_expert,
    travelling_participants,
)
from ..services.errors import EventError
from ..services.fees import approve_statement, refresh_statements, travel_of
from ..services.payment_list import payment_list_workbook
from ..services.travel import save_travel
from .event import visible_event_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def staff_event(request, pk, *, manage=False):
    """The event for a staff page: 404 when not visible, 403 for people who see the event but
    not its logistics (NCP, applicant), or may not change it (`manage`)."""
    event = visible_event_or_404(request, pk)
    if not request.user.has_perm("events.list_events"):
        raise PermissionDenied
    if manage and not request.user.has_perm("events.manage_event", event):
        raise PermissionDenied
    return event


def money_event_or_404(request, pk, *, manage=False):
    """The event for a page of its money: 404 unless the user sees its money
    (`events_with_money_visible_to`, the rule `events.see_money`); 403 for a change by someone
    who may read but not manage it."""
    event = with_staff_columns(events_with_money_visible_to(request.user)).filter(pk=pk).first()
    if event is None or not request.user.has_perm("events.see_money", event):
        raise Http404
    if manage and not request.user.has_perm("events.manage_event", event):
        raise PermissionDenied
    return event


def xlsx_response(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def participant_travel(participant):
    try:
        return participant.travel
    except Travel.DoesNotExist:
        return None


@login_required
def logistics(request, pk):
    event = staff_event(request, pk)
    experts = [
        {"kind": "expert", "traveller": event_expert, "travel": travel_of(event_expert)}
        for event_expert in current_experts_of(event)
    ]
    participants = [
        {"kind": "participant", "traveller": participant, "travel": participant_travel(participant)}
        for participant in travelling_participants(event)
    ]
    travelling = {row["traveller"].pk for row in participants}
    approved = [
        {"participant": participant, "travelling": participant.pk in travelling}
        for participant in Participant.objects.filter(event=event, state=ParticipantState.APPROVED)
        .select_related("country")
        .order_by("full_name", "pk")
    ]
    context = {
        "event": event,
        "experts": experts,
        "participants": participants,
        "approved_participants": approved,
        "marking_choices": TravelMarking.choices,
        "is_study_visit": event.event_type == "study_visit",
        "can_manage": request.user.has_perm("events.manage_event", event),
        "sees_money": request.user.has_perm("events.see_money", event),
    }
    return render(request, "events/fees/logistics.html", context)


def traveller_or_404(event, kind, traveller_pk):
    if kind == "expert":
        return get_object_or_404(
            EventExpert.objects.current().select_related("expert__user"),
            pk=traveller_pk,
            event=event,
        )
    if kind == "participant":
        participant = get_object_or_404(
            Participant, pk=traveller_pk, event=event, state=ParticipantState.APPROVED
        )
        if is_travelling(event, participant):
            return participant
    raise Http404


@login_required
def travel_edit(request, pk, kind, traveller_pk):
    event = staff_event(request, pk, manage=True)
    traveller = traveller_or_404(event, kind, traveller_pk)
    lookup = {"event_expert": traveller} if kind == "expert" else {"participant": traveller}
    travel = Travel.objects.filter(**lookup).first() or Travel(event=event, **lookup)
    form = TravelForm(request.POST or None, instance=travel, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            save_travel(event, traveller, actor=request.user, values=form.cleaned_data)
        except EventError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, gettext("The travel is saved."))
            return redirect("events:logistics", event.pk)
    name = traveller.expert.user.full_name if kind == "expert" else traveller.full_name
    context = {"event": event, "form": form, "traveller_name": name, "is_new": travel.pk is None}
    status = 400 if form.errors else 200
    return render(request, "events/fees/travel_form.html", context, status=status)


@login_required
def fees(request, pk):
    event = money_event_or_404(request, pk)
    statements = list(statements_of(event))
    with_statement = {statement.event_expert_id for statement in statements}
    without = [
        event_expert.expert.user.full_name
        for event_expert in current_experts_of(event)
        if event_expert.pk not in with_statement
    ]
    participants_with = {statement.participant_id for statement in statements}
    without += [
        participant.full_name
        for participant in travelling_participants(event)
        if participant.pk not in participants_with
    ]
    approved = [s for s in statements if s.state in UNPAID_STATEMENT_STATES]
    context = {
        "event": event,
        "statements": statements,
        "without_statement": without,
        "approved_total": sum((s.total for s in approved), Decimal("0.00")),
        "approved_count": len(approved),
        "can_manage": request.user.has_perm("events.manage_event", event),
    }
    return render(request, "events/fees/statements.html", context)


@login_required
@require_POST
def fees_compute(request, pk):
    event = money_event_or_404(request, pk, manage=True)
    result = refresh_statements(event, actor=request.user)
    if result.computed or not result.problems:
        messages.success(
            request,
            ngettext(
                "%(count)d statement computed.", "%(count)d statements computed.", result.computed
            )
            % {"count": result.computed},
        )
    for problem in result.problems:
        messages.error(request, problem)
    return redirect("events:fees", event.pk)


def statement_or_404(event, statement_pk):
    return get_object_or_404(statements_of(event), pk=statement_pk)


def render_statement(request, event, statement, *, bound_forms=None, status=200):
    """The statement page, with a move's bound form (and its errors) when one was refused."""
    forms = {
        "paid_form": MarkPaidForm(),
        "reject_form": RejectStatementForm(),
        "link_form": BankDetailsLinkForm(),
        **(bound_forms or {}),
    }
    context = {
        "event": event,
        "statement": statement,
        "timeline": activity_of(statement),
        "can_manage": request.user.has_perm("events.manage_event", event),
        "can_pay": request.user.has_perm("events.pay_statements", event),
        "bank_account": bank_account_of(statement),
        "shows_bank_details": request.user.has_perm("events.see_bank_details", event),
        **forms,
    }
    return render(request, "events/fees/statement_detail.html", context, status=status)


@login_required
def statement_detail(request, pk, statement_pk):
    event = money_event_or_404(request, pk)
    return render_statement(request, event, statement_or_404(event, statement_pk))


@login_required
@require_POST
def statement_approve(request, pk, statement_pk):
    event = money_event_or_404(request, pk, manage=True)
    statement = statement_or_404(event, statement_pk)
    try:
        approve_statement(statement, actor=request.user)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("The fee statement is approved."))
    return redirect("events:statement", event.pk, statement.pk)


@login_required
def payment_list(request, pk):
    event = money_event_or_404(request, pk)
    statements = statements_of(event).filter(state__in=UNPAID_STATEMENT_STATES)
    content = payment_list_workbook(
        statements,
        title=gettext("Payment list of %(reference)s") % {"reference": event.reference},
        with_bank_details=request.user.has_perm("events.see_bank_details", event),
    )
    return xlsx_response(content, f"payment-list-{event.reference}.xlsx")


def payments_form(request):
    if not request.user.has_perm("events.see_payments"):
        raise Http404
    return PaymentPeriodForm(request.GET or None)


@login_required
def payments(request):
    form = payments_form(request)
    first, last = form.period() if form.is_bound else (None, None)
    statements = list(approved_statements_between(request.user, first, last))
    context = {
        "form": form,
        "can_pay": request.user.has_perm("events.pay_statements"),
        "statements": statements,
        "total": sum((statement.total for statement in statements), Decimal("0.00")),
        "query": request.GET.urlencode(),
    }
    return render(request, "events/fees/payments.html", context)


@login_required
def payments_xlsx(request):
    form = payments_form(request)
    first, last = form.period() if form.is_bound else (None, None)
    period = {  # the dates in the downloader's language; up to today when no end is given
        "first": date_format(first) if first else "",
        "last": date_format(last or timezone.localdate()),
    }
    if first:
        title = gettext("Payment list, approved from %(first)s to %(last)s") % period
    else:
        title = gettext("Payment list, approved until %(last)s") % period
    content = payment_list_workbook(
        approved_statements_between(request.user, first, last),
        title=title,
        with_bank_details=request.user.has_perm("events.see_bank_details"),
    )
    return xlsx_response(content, "payment-list.xlsx")


@login_required
def my_statements(request):
    statements = statements_of_expert(request.user)
    context = {
        "statements": statements,
        "bank_account": getattr(request.user, "bank_account", None),
    }
    return render(request, "events/fees/my_statements.html", context)


@login_required
def my_statement(request, pk):
    statement = statements_of_expert(request.user).filter(event_id=pk).first()
    if statement is None:
        raise Http404
    return render(request, "events/fees/my_statement.html", {"statement": statement})
