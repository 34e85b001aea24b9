"""Pages of expert profiles: registration and e-mail confirmation, the expert's own profile
(editing, deactivation, data download and erasure), the CV, and the staff verification pages."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taiex.accounts.roles import roles_of

from ..enums import VerificationState
from ..forms.profiles import (
    ErasureForm,
    LanguageFormSet,
    ProfileForm,
    RegistrationForm,
    RejectionForm,
    UnavailabilityFormSet,
    languages_from,
    profile_initial,
    unavailabilities_from,
)
from ..models import Expert
from ..queries.profiles import expert_for_review, expert_of, experts_waiting_for_verification
from ..services import personal_data
from ..services import profiles as services
from ..workflow import verification_workflow

EXPERTS_PER_PAGE = 25


def _show_problems(problems, form, languages, unavailabilities):
    """Put the service's refusals next to their fields; the rows' problems above the rows."""
    row_problems = {"languages": [], "unavailabilities": []}
    for field, field_messages in problems.items():
        for message in field_messages:
            if field in row_problems:
                row_problems[field].append(message)
            elif field in form.fields:
                form.add_error(field, message)
            else:
                form.add_error(None, message)
    return row_problems


def register(request):
    if request.user.is_authenticated:
        return redirect("accounts:home")
    row_problems = {}
    if request.method == "POST":
        form = RegistrationForm(request.POST, request.FILES)
        languages = LanguageFormSet(request.POST, prefix="languages")
        unavailabilities = UnavailabilityFormSet(request.POST, prefix="unavailabilities")
        if form.is_valid() and languages.is_valid() and unavailabilities.is_valid():
            try:
                services.register_expert(
                    **form.registration_arguments(),
                    languages=languages_from(languages),
                    unavailabilities=unavailabilities_from(unavailabilities),
                    interface_language=translation.get_language(),
                )
            except services.ExpertError as refusal:
                row_problems = _show_problems(refusal.problems, form, languages, unavailabilities)
            else:
                return redirect("experts:registered")
    else:
        form = RegistrationForm()
        languages = LanguageFormSet(prefix="languages")
        unavailabilities = UnavailabilityFormSet(prefix="unavailabilities")
    return render(
        request,
        "experts/profiles/register.html",
        {
            "form": form,
            "languages": languages,
            "unavailabilities": unavailabilities,
            "row_problems": row_problems,
        },
    )


@require_GET
def registered(request):
    return render(request, "experts/profiles/registered.html")


@require_http_methods(["GET", "POST"])
def confirm_email(request, token):
    """GET shows a button; only the POST confirms, so a mail scanner opening the link does not."""
    if request.method == "GET":
        return render(request, "experts/profiles/confirm_email.html", {"ask": True})
    try:
        expert = services.confirm_expert_email(token)
    except services.ExpertError as refusal:
        return render(
            request,
            "experts/profiles/confirm_email.html",
            {"problem": refusal.problems["token"][0]},
            status=400,
        )
    return render(request, "experts/profiles/confirm_email.html", {"expert": expert})


def _own_expert(request):
    expert = expert_of(request.user)
    if expert is None:
        raise Http404("No such page.")
    return expert


@login_required
def profile(request):
    expert = _own_expert(request)
    row_problems = {}
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, expert=expert)
        languages = LanguageFormSet(request.POST, prefix="languages")
        unavailabilities = UnavailabilityFormSet(request.POST, prefix="unavailabilities")
        if form.is_valid() and languages.is_valid() and unavailabilities.is_valid():
            try:
                services.update_profile(
                    expert,
                    actor=request.user,
                    **form.profile_arguments(),
                    languages=languages_from(languages),
                    unavailabilities=unavailabilities_from(unavailabilities),
                )
            except services.ExpertError as refusal:
                row_problems = _show_problems(refusal.problems, form, languages, unavailabilities)
            else:
                messages.success(request, _("Your expert profile is saved."))
                return redirect("experts:profile")
    else:
        form = ProfileForm(initial=profile_initial(expert), expert=expert)
        languages = LanguageFormSet(
            prefix="languages",
            initial=[
                {"language": row.language_id, "level": row.level} for row in expert.languages.all()
            ],
        )
        unavailabilities = UnavailabilityFormSet(
            prefix="unavailabilities",
            initial=[
                {"start": row.start, "end": row.end, "note": row.note}
                for row in expert.unavailabilities.filter(end__gte=timezone.localdate())
            ],
        )
    return render(
        request,
        "experts/profiles/profile.html",
        {
            "expert": expert,
            "form": form,
            "languages": languages,
            "unavailabilities": unavailabilities,
            "row_problems": row_problems,
        },
    )


@login_required
@require_POST
def deactivate(request):
    expert = _own_expert(request)
    services.deactivate_expert(expert, actor=request.user)
    messages.success(
        request,
        _(
            "Your expert profile is deactivated: staff no longer find or invite you. Write to "
            "the programme team to reactivate it."
        ),
    )
    return redirect("experts:profile")


@login_required
@require_GET
def my_data(request):
    expert = _own_expert(request)
    data = personal_data.export_expert_data(expert)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="taiex-expert-data-{stamp}.json"'
    return response


@login_required
def erase(request):
    expert = _own_expert(request)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        personal_data.erase_expert(expert, actor=request.user)
        logout(request)
        messages.success(request, _("Your personal data is erased. Thank you for your work."))
        return redirect("portal:index")
    return render(request, "experts/profiles/erase.html", {"expert": expert, "form": form})


@login_required
@require_GET
def cv(request, pk):
    # 404 for everybody who may not read it, so the page does not tell whether the expert exists.
    expert = Expert.objects.filter(pk=pk, erased_at__isnull=True).first()
    allowed = expert is not None and (
        roles_of(request.user).is_staff_member or expert.user_id == request.user.pk
    )
    if not allowed or not expert.cv:
        raise Http404("No such CV.")
    return FileResponse(
        expert.cv.open("rb"),
        content_type="application/pdf",
        filename=f"cv-expert-{expert.pk}.pdf",
    )


def _require_staff(request):
    # The predicate, not has_perm(): Django grants every permission to superusers.
    if not roles_of(request.user).is_staff_member:
        raise Http404("No such page.")


@login_required
@require_GET
def verification_queue(request):
    _require_staff(request)
    page = Paginator(experts_waiting_for_verification(), EXPERTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "experts/profiles/verification_queue.html", {"page": page})


@login_required
def verification_decide(request, pk):
    _require_staff(request)
    try:
        expert = expert_for_review(pk)
    except Expert.DoesNotExist as missing:
        raise Http404("No such expert.") from missing
    rejection = RejectionForm(request.POST if "reject" in request.POST else None)
    problem = ""
    if request.method == "POST":
        try:
            if "verify" in request.POST:
                services.verify_expert(expert, actor=request.user)
                messages.success(
                    request,
                    _("%(expert)s is verified and was told by e-mail.") % {"expert": expert},
                )
                return redirect("experts:verification_queue")
            if "reject" in request.POST and rejection.is_valid():
                services.reject_expert(
                    expert, actor=request.user, reason=rejection.cleaned_data["reason"]
                )
                messages.success(
                    request,
                    _("%(expert)s is rejected and was told why by e-mail.") % {"expert": expert},
                )
                return redirect("experts:verification_queue")
        except services.TransitionNotAllowed as error:
            problem = str(error)
        except services.ExpertError as refusal:
            for field, field_messages in refusal.problems.items():
                for message in field_messages:
                    rejection.add_error(field if field in rejection.fields else None, message)
    return render(
        request,
        "experts/profiles/verification_decide.html",
        {
            "expert": expert,
            "rejection": rejection,
            "problem": problem,
            "can_verify": verification_workflow.can_move(
                expert.verification_state, VerificationState.VERIFIED
            ),
            "can_reject": verification_workflow.can_move(
                expert.verification_state, VerificationState.REJECTED
            ),
        },
        status=400 if problem else 200,
    )
