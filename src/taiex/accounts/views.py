"""Pages of accounts: registration, profile, personal-data export, newcomers for the NCPs.

Login, logout, password reset and password change are Django's views with our templates (urls.py).
"""

import json
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from taiex.reference.templatetags.countries import collect_footnotes

from . import queries, second_factor, services
from .forms import ProfileForm, RegistrationForm
from .roles import roles_of
from .rules import is_ncp

NEWCOMER_DAYS = 90
NEWCOMERS_PER_PAGE = 25


def register(request):
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_applicant(
                **form.registration_arguments(), language=translation.get_language()
            )
        except services.RegistrationError as refusal:
            for field, field_messages in refusal.problems.items():
                for message in field_messages:
                    form.add_error(field, message)
        else:
            # The same answer whether the address was new or already had an account (whose
            # owner got an e-mail instead): the page must not tell who has an account.
            return redirect("accounts:registered")
    # The country list is a <select>, where {% country %} cannot add Kosovo*'s and Palestine**'s
    # official footnotes; collect them for the footer here.
    collect_footnotes(request, form.fields["country"].queryset.exclude(official_footnote=""))
    return render(request, "accounts/register.html", {"form": form})


def locked_out(request, response, credentials):
    """The answer to a login refused by the lockout of repeated failures (django-axes)."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "accounts/locked_out.html", context, status=429)


@require_GET
def registered(request):
    return render(request, "accounts/registered.html")


@login_required
def profile(request):
    user = request.user
    initial = {
        "full_name": user.full_name,
        "position": user.position,
        "phone": user.phone,
        "language": user.language or translation.get_language(),
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_profile(user, actor=user, **form.cleaned_data)
        if user.language:
            translation.activate(user.language)  # the message below is in the language chosen
        messages.success(request, _("Your profile is saved."))
        response = redirect("accounts:profile")
        if user.language:  # the cookie too: the pages after signing out stay in that language
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": queries.memberships_of(user),
            "second_factor_on": second_factor.has_second_factor(user),
            "second_factor_required": second_factor.second_factor_required_by_role(user),
            "recovery_codes_left": second_factor.recovery_codes_left(user),
        },
    )


@login_required
@require_GET
def personal_data_export(request):
    data = queries.personal_data_of(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="taiex-my-data-{stamp}.json"'
    return response


@login_required
@require_GET
def new_people(request):
    # 404 rather than 403: the page does not exist for somebody who is not an NCP. The predicate,
    # not has_perm(), because Django grants every permission to superusers, who have no country.
    if not is_ncp.test(request.user):
        raise Http404(_("No such page."))
    country_ids = sorted(roles_of(request.user).ncp_country_ids)
    since = timezone.now() - timedelta(days=NEWCOMER_DAYS)
    institutions = Paginator(queries.institutions_new_in(country_ids, since), NEWCOMERS_PER_PAGE)
    applicants = Paginator(queries.applicants_new_in(country_ids, since), NEWCOMERS_PER_PAGE)
    return render(
        request,
        "accounts/new_people.html",
        {
            "days": NEWCOMER_DAYS,
            "institutions_page": institutions.get_page(request.GET.get("institutions")),
            "applicants_page": applicants.get_page(request.GET.get("applicants")),
        },
    )
