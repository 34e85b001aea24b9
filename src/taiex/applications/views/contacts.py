"""A contact person's request for their data, answered by staff: the export of what is held
under the address, and the erasure."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..personal_data import (
    ContactErasureError,
    erase_contact_person,
    export_contact_person,
    is_erased,
)
from .detail import user_application


class ErasureReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the data is erased"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: at the person's request of 3 June, by e-mail."),
    )


def _contact(request, pk, contact_pk):
    application = user_application(request.user, pk)
    if not request.user.has_perm("applications.manage_contact_data", application):
        raise Http404
    return application, get_object_or_404(application.contacts, pk=contact_pk)


@login_required
def contact_export(request, pk, contact_pk):
    _application, contact = _contact(request, pk, contact_pk)
    response = HttpResponse(
        json.dumps(export_contact_person(contact), indent=2, ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="taiex-contact-{contact.pk}.json"'
    return response


@login_required
def contact_erase(request, pk, contact_pk):
    application, contact = _contact(request, pk, contact_pk)
    form = ErasureReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erase_contact_person(contact, actor=request.user, reason=form.cleaned_data["reason"])
        except ContactErasureError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, gettext("The contact person's personal data is erased."))
            return redirect("applications:detail", pk=application.pk)
    return render(
        request,
        "applications/contact_erase.html",
        {
            "application": application,
            "contact": contact,
            "form": form,
            "erased": is_erased(contact),
        },
        status=400 if form.errors else 200,
    )
