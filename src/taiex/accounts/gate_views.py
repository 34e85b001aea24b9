"""The NCP's gate page: newcomers of its countries waiting for confirmation, and the actions
on them (confirm, merge a duplicate institution, block an account)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import gate
from .enums import Role
from .models import Institution, Membership, User
from .roles import roles_of
from .rules import is_ncp


def ncp_countries(user):
    # 404 rather than 403, as on the newcomers page: no such page for somebody who is not an NCP.
    if not is_ncp.test(user):
        raise Http404(_("No such page."))
    return roles_of(user).ncp_country_ids


def institutions_waiting_in(country_ids):
    return (
        Institution.objects.filter(country__in=country_ids, confirmed_at__isnull=True)
        .select_related("country", "kind", "created_by")
        .order_by("created_at", "pk")
    )


def applicants_waiting_in(country_ids):
    return (
        Membership.objects.filter(
            role=Role.APPLICANT,
            institution__country__in=country_ids,
            confirmed_at__isnull=True,
            user__is_active=True,
        )
        .select_related("user", "institution__country")
        .order_by("created_at", "pk")
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"), queryset=Institution.objects.none(), empty_label=_("Choose")
    )
    reason = forms.CharField(label=_("Why they are the same"), max_length=1000)

    def __init__(self, *args, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Institution.objects.filter(
            country=duplicate.country_id
        ).exclude(pk=duplicate.pk)


@login_required
def gate_page(request):
    country_ids = ncp_countries(request.user)
    return render(
        request,
        "accounts/gate.html",
        {
            "institutions": [
                (institution, MergeForm(duplicate=institution, prefix=f"merge-{institution.pk}"))
                for institution in institutions_waiting_in(country_ids)
            ],
            "applicants": applicants_waiting_in(country_ids),
        },
    )


@login_required
@require_POST
def gate_act(request, kind, pk, action):
    """One gate decision; the object must lie in the NCP's countries (404 otherwise)."""
    country_ids = ncp_countries(request.user)
    actor = request.user
    try:
        if (kind, action) == ("institution", "confirm"):
            institution = get_object_or_404(Institution, pk=pk, country__in=country_ids)
            gate.confirm_institution(institution, actor=actor)
            done = _("%(institution)s is confirmed.") % {"institution": institution.name}
        elif (kind, action) == ("institution", "merge"):
            institution = get_object_or_404(Institution, pk=pk, country__in=country_ids)
            form = MergeForm(request.POST, duplicate=institution, prefix=f"merge-{pk}")
            if not form.is_valid():
                raise gate.GateError(_("Choose the institution to merge into and give the reason."))
            into = gate.merge_institution(
                institution,
                into=form.cleaned_data["into"],
                actor=actor,
                reason=form.cleaned_data["reason"],
            )
            done = _("%(institution)s was merged into %(into)s.") % {
                "institution": institution.name,
                "into": into.name,
            }
        elif (kind, action) == ("applicant", "confirm"):
            membership = get_object_or_404(
                Membership, pk=pk, role=Role.APPLICANT, institution__country__in=country_ids
            )
            gate.confirm_applicant(membership, actor=actor)
            done = _("%(person)s is confirmed.") % {"person": membership.user}
        elif (kind, action) == ("account", "block"):
            in_my_countries = User.objects.filter(
                pk__in=Membership.objects.filter(institution__country__in=country_ids).values(
                    "user"
                )
            )
            user = get_object_or_404(in_my_countries, pk=pk)
            gate.block_account(user, actor=actor, reason=request.POST.get("reason", ""))
            done = _("The account of %(person)s is blocked.") % {"person": user}
        else:
            raise Http404
    except gate.GateError as error:
        messages.error(request, str(error))
        return redirect("accounts:gate")
    messages.success(request, done)
    return redirect("accounts:gate")
