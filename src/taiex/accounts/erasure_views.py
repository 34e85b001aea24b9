"""Administrators answer a person's request about the data of their account (an applicant, an
NCP, a consulted service, staff): the export and the erasure. Experts erase their own profile;
participants and contact persons are erased from their event or request."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import User
from .personal_data import AccountErasureError, erase_account, erasure_refusal
from .queries import memberships_of, personal_data_of


class ErasureReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the data is erased"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: at the person's request of 3 June, by e-mail."),
    )


def _person(request, pk):
    if not request.user.has_perm("accounts.erase_account"):
        raise Http404
    return get_object_or_404(User, pk=pk)


@login_required
def account_data_export(request, pk):
    person = _person(request, pk)
    response = HttpResponse(
        json.dumps(personal_data_of(person), indent=2, ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="taiex-account-{person.pk}.json"'
    return response


@login_required
def account_erase(request, pk):
    person = _person(request, pk)
    form = ErasureReasonForm(request.POST or None)
    refusal = erasure_refusal(person)
    if request.method == "POST" and form.is_valid() and not refusal:
        try:
            erase_account(person, actor=request.user, reason=form.cleaned_data["reason"])
        except AccountErasureError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, _("The personal data of the account is erased."))
            return redirect(reverse("core:audit_log") + f"?person={person.pk}")
    return render(
        request,
        "accounts/account_erase.html",
        {
            "person": person,
            "memberships": list(memberships_of(person)),
            "form": form,
            "refusal": refusal,
        },
        status=400 if form.errors else 200,
    )
