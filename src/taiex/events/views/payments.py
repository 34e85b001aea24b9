"""Pages of paying fee statements: the moves after approval (sent for payment, paid, rejected,
back to draft), the import of the bank's answer, and bank details entered by the payee (an
expert on their account, a study-visit host through the signed link its case handler sends)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from taiex.accounts.enums import Role
from taiex.accounts.models import Institution
from taiex.accounts.roles import roles_of

from ..forms.fees import (
    BankAnswerForm,
    BankDetailsForm,
    BankDetailsLinkForm,
    MarkPaidForm,
    RejectStatementForm,
)
from ..forms.travellers import PassportNameForm
from ..models import BankAccount
from ..queries.fees import (
    approved_statements_between,
    statements_of_expert,
    statements_of_host,
)
from ..services.bank_details import (
    BankDetailsInvalid,
    institution_pk_from_token,
    save_bank_details,
    send_bank_details_link,
)
from ..services.errors import EventError
from ..services.passport_names import save_passport_name
from ..services.payments import (
    BankAnswerRejected,
    import_bank_answer,
    mark_paid,
    reject_statement,
    reopen_statement,
    send_approved_for_payment,
    send_for_payment,
)
from .fees import money_event_or_404, render_statement, statement_or_404


def paying_statement(request, pk, statement_pk, *, permission="events.pay_statements"):
    """The statement for a move: 404 unless its money is visible, 403 without `permission`."""
    event = money_event_or_404(request, pk)
    statement = statement_or_404(event, statement_pk)
    if not request.user.has_perm(permission, event):
        raise PermissionDenied
    return event, statement


def done(request, event, statement, message):
    messages.success(request, message)
    return redirect("events:statement", event.pk, statement.pk)


def refused(request, event, statement, error):
    messages.error(request, str(error))
    return redirect("events:statement", event.pk, statement.pk)


@login_required
@require_POST
def statement_send(request, pk, statement_pk):
    event, statement = paying_statement(request, pk, statement_pk)
    try:
        send_for_payment(statement, actor=request.user)
    except EventError as error:
        return refused(request, event, statement, error)
    return done(request, event, statement, gettext("The statement is sent for payment."))


@login_required
@require_POST
def statement_paid(request, pk, statement_pk):
    event, statement = paying_statement(request, pk, statement_pk)
    form = MarkPaidForm(request.POST)
    if form.is_valid():
        try:
            mark_paid(statement, actor=request.user, **form.cleaned_data)
        except EventError as error:
            form.add_error(error.field, str(error))
        else:
            return done(request, event, statement, gettext("The statement is marked paid."))
    return render_statement(request, event, statement, bound_forms={"paid_form": form}, status=400)


@login_required
@require_POST
def statement_reject(request, pk, statement_pk):
    event, statement = paying_statement(request, pk, statement_pk)
    form = RejectStatementForm(request.POST)
    if form.is_valid():
        try:
            reject_statement(statement, actor=request.user, reason=form.cleaned_data["reason"])
        except EventError as error:
            form.add_error(error.field, str(error))
        else:
            return done(request, event, statement, gettext("The statement is rejected."))
    return render_statement(
        request, event, statement, bound_forms={"reject_form": form}, status=400
    )


@login_required
@require_POST
def statement_reopen(request, pk, statement_pk):
    event, statement = paying_statement(request, pk, statement_pk, permission="events.manage_event")
    try:
        reopen_statement(statement, actor=request.user)
    except EventError as error:
        return refused(request, event, statement, error)
    return done(request, event, statement, gettext("The statement is a draft again."))


@login_required
@require_POST
def statement_bank_link(request, pk, statement_pk):
    event, statement = paying_statement(request, pk, statement_pk, permission="events.manage_event")
    form = BankDetailsLinkForm(request.POST)
    if form.is_valid():
        try:
            send_bank_details_link(statement, actor=request.user, email=form.cleaned_data["email"])
        except BankDetailsInvalid as error:
            for field, problem in error.problems.items():
                form.add_error(field, problem)
        else:
            return done(request, event, statement, gettext("The link is sent."))
    return render_statement(request, event, statement, bound_forms={"link_form": form}, status=400)


@login_required
@require_POST
def send_all_for_payment(request):
    """Send every approved statement of the payment list for payment (those whose payee has no
    bank details yet stay approved, each named)."""
    if not request.user.has_perm("events.pay_statements"):
        raise Http404
    sent, refused = send_approved_for_payment(
        approved_statements_between(request.user, None, None), actor=request.user
    )
    messages.success(
        request,
        ngettext(
            "%(count)d statement sent for payment.",
            "%(count)d statements sent for payment.",
            len(sent),
        )
        % {"count": len(sent)},
    )
    for sentence in refused:
        messages.error(request, sentence)
    return redirect("events:payments")


@login_required
def bank_answer(request):
    if not request.user.has_perm("events.pay_statements"):
        raise Http404
    form = BankAnswerForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            paid = import_bank_answer(form.cleaned_data["file"].read(), actor=request.user)
        except BankAnswerRejected as error:
            problems = error.problems
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d statement marked paid.",
                    "%(count)d statements marked paid.",
                    len(paid),
                )
                % {"count": len(paid)},
            )
            return redirect("events:payments")
    status = 400 if problems or form.errors else 200
    return render(
        request,
        "events/fees/bank_answer.html",
        {"form": form, "problems": problems},
        status=status,
    )


def bank_details_page(request, owner, *, actor, template_context):
    account = BankAccount.objects.filter(**{owner[0]: owner[1]}).first()
    # Only the signed-in payee gets their holder and BIC back; a link shows the masked IBAN.
    initial = (
        {"account_holder": account.account_holder, "bic": account.bic}
        if account and actor is not None
        else None
    )
    form = BankDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_bank_details(owner[1], actor=actor, **form.cleaned_data)
        except BankDetailsInvalid as error:
            for field, problem in error.problems.items():
                form.add_error(field, problem)
        else:
            messages.success(request, gettext("Your bank details are saved."))
            return redirect(request.path)
    context = {"form": form, "account": account, **template_context}
    status = 400 if form.errors else 200
    return render(request, "events/fees/bank_details.html", context, status=status)


@login_required
def my_passport_name(request):
    """An expert's name as in their passport, for the logistics contractor's bookings."""
    if not roles_of(request.user).has(Role.EXPERT) or not hasattr(request.user, "expert"):
        raise Http404
    expert = request.user.expert
    form = PassportNameForm(request.POST or None, initial={"passport_name": expert.passport_name})
    if request.method == "POST" and form.is_valid():
        try:
            save_passport_name(expert, form.cleaned_data["passport_name"], actor=request.user)
        except EventError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, gettext("Your name as in your passport is saved."))
            return redirect(request.path)
    return render(
        request,
        "events/fees/passport_name.html",
        {"form": form, "expert": expert},
        status=400 if form.errors else 200,
    )


@login_required
def my_bank_details(request):
    """An expert's own bank details (shown masked once saved; typed again to change them)."""
    if not roles_of(request.user).has(Role.EXPERT):
        raise Http404
    return bank_details_page(
        request,
        ("user", request.user),
        actor=request.user,
        template_context={"payee": None, "statements": statements_of_expert(request.user)},
    )


def bank_details_by_link(request, token):
    """A study-visit host's bank details, through the signed link (no account needed)."""
    institution_pk = institution_pk_from_token(token)
    institution = Institution.objects.filter(pk=institution_pk).first() if institution_pk else None
    if institution is None:
        raise Http404
    statements = statements_of_host(institution)
    return bank_details_page(
        request,
        ("institution", institution),
        actor=None,
        template_context={"payee": institution, "statements": statements},
    )
