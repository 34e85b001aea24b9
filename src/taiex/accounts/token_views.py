"""The profile's API tokens: the list, a form to create one (its secret shown once), revoke."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import api_tokens
from .models import ApiTokenScope


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “weekly report script”."),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=ApiTokenScope.choices)
    lifetime_days = forms.TypedChoiceField(
        label=_("Valid for"), choices=list(api_tokens.LIFETIMES.items()), coerce=int, initial=90
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the token a name."))
        return name


@login_required
def api_tokens_page(request):
    form = ApiTokenForm(request.POST or None)
    secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _, secret = api_tokens.create_api_token(
                request.user, actor=request.user, **form.cleaned_data
            )
            form = ApiTokenForm()
        else:
            status = 400
    context = {"form": form, "secret": secret, "tokens": api_tokens.tokens_of(request.user)}
    return render(request, "accounts/api_tokens.html", context, status=status)


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(api_tokens.tokens_of(request.user), pk=pk)
    try:
        api_tokens.revoke_api_token(token, actor=request.user)
    except api_tokens.TokenError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The token “%(token)s” is revoked.") % {"token": token.name})
    return redirect("accounts:api_tokens")
