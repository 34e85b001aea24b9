"""The role homes (`accounts:home`) and the head of unit's decision on several proposals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of
from taiex.applications.queries import applications_for_planning_meeting
from taiex.applications.views import queue_sections
from taiex.events.services.decisions import DecisionsNotTaken, decide_applications

from .forms import ProposalDecisionForm
from .waiting import waiting_for

# The decision page lists at most this many proposals, the oldest first; a planning meeting
# rarely has more, and the rest follow once these are decided.
PROPOSALS_AT_ONCE = 50


@login_required
def home(request):
    """What waits for the user, one group of sections per role they hold, then the queues."""
    roles = roles_of(request.user)
    waiting = waiting_for(request.user)
    role_labels = [label for value, label in Role.choices if value in roles.roles]
    return render(
        request,
        "portal/homes/home.html",
        {
            "waiting": waiting,
            "waiting_total": sum(section.count for section in waiting),
            "sections": queue_sections(request.user),
            "roles": roles,
            "role_labels": role_labels,
            "now": timezone.now(),
        },
    )


def proposal_forms(user, data=None):
    proposals = (
        applications_for_planning_meeting(user)
        .select_related("country", "lead_institution", "case_handler")
        .order_by("submitted_at", "pk")[:PROPOSALS_AT_ONCE]
    )
    return [
        ProposalDecisionForm(data, prefix=f"p{application.pk}", application=application)
        for application in proposals
    ]


@login_required
def decide_proposals(request):
    """Select proposals, approve or reject each with its reason, confirm, and all are recorded
    through `decide_applications` (all or nothing). 404 for anybody but the head of unit."""
    if not roles_of(request.user).has(Role.HEAD_OF_UNIT):
        raise Http404(_("No such page."))
    if request.method != "POST":
        return render_choices(request, proposal_forms(request.user))
    forms = proposal_forms(request.user, request.POST)
    checked = [form.is_valid() for form in forms]  # every form, so each shows its errors
    valid = all(checked)
    chosen = [form for form in forms if valid and form.cleaned_data["selected"]]
    problems = []
    if valid and not chosen:
        problems.append(_("Choose at least one proposal to decide."))
    if not valid or problems or request.POST.get("step") == "change":
        return render_choices(request, forms, problems=problems, status=400)
    if request.POST.get("step") != "decide":
        return render(request, "portal/homes/decide_confirm.html", {"chosen": chosen})
    try:
        decided = decide_applications(
            [
                (form.application, form.cleaned_data["decision"], form.cleaned_data["reason"])
                for form in chosen
            ],
            actor=request.user,
        )
    except DecisionsNotTaken as error:
        for form in chosen:
            if form.application.pk in error.problems:
                form.add_error(None, error.problems[form.application.pk])
        problems = [_("No decision was recorded, because of the problems below. Nothing changed.")]
        return render_choices(request, forms, problems=problems, status=400)
    approved = sum(1 for application in decided if application.state == "approved")
    messages.success(
        request,
        ngettext(
            "%(count)s decision recorded: %(approved)s approved, %(rejected)s rejected. "
            "The applicants and the NCPs are told.",
            "%(count)s decisions recorded: %(approved)s approved, %(rejected)s rejected. "
            "The applicants and the NCPs are told.",
            len(decided),
        )
        % {"count": len(decided), "approved": approved, "rejected": len(decided) - approved},
    )
    return redirect("accounts:home")


def render_choices(request, forms, *, problems=(), status=200):
    return render(
        request,
        "portal/homes/decide.html",
        {
            "forms": forms,
            "problems": problems,
            "has_errors": bool(problems) or any(f.errors for f in forms),
        },
        status=status,
    )
