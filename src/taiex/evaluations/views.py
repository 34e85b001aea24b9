"""Pages of evaluations: the personal link where a person answers (no account), the staff's
evaluation page of an event with its actions, and an expert's own ratings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from taiex.events.views.event import visible_event_or_404
from taiex.experts.models import Expert

from . import queries
from .enums import Audience
from .forms import FollowUpDelayForm, QuestionnaireForm, slots_for
from .models import EvaluationRequest, EventEvaluation
from .services import sending
from .services.answers import submit_answers
from .services.errors import EvaluationError, EvaluationLinkError
from .services.links import request_from_link

# -- the personal link ---------------------------------------------------------------------------


def questionnaire_form(request_, data=None):
    experts = queries.confirmed_experts_of(request_.event)
    recommendations = queries.recommendations_of(request_.event)
    slots = slots_for(
        queries.questions_of(request_.questionnaire),
        experts=experts,
        recommendations=recommendations,
    )
    return QuestionnaireForm(data, slots=slots)


def answer(request, token):
    try:
        evaluation_request = request_from_link(token)
    except EvaluationLinkError as error:
        return render(request, "evaluations/answer.html", {"error": str(error)}, status=400)
    form = questionnaire_form(
        evaluation_request, request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            submit_answers(evaluation_request, answers=form.answers())
        except EvaluationLinkError as error:
            return render(request, "evaluations/answer.html", {"error": str(error)}, status=400)
        return render(
            request,
            "evaluations/answer.html",
            {"done": _("Thank you: your answers are recorded."), "event": evaluation_request.event},
        )
    status = 400 if request.method == "POST" else 200
    context = {"evaluation_request": evaluation_request, "event": evaluation_request.event}
    return render(request, "evaluations/answer.html", {**context, "form": form}, status=status)


# -- staff ---------------------------------------------------------------------------------------


def staff_event_or_404(request, pk, permission="evaluations.see_event_results"):
    event = visible_event_or_404(request, pk)
    if not request.user.has_perm("evaluations.see_event_results"):
        raise Http404
    if permission != "evaluations.see_event_results" and not request.user.has_perm(
        permission, event
    ):
        raise PermissionDenied
    return event


def audience_section(event, audience, minimum):
    answered = queries.answered_count(event, audience)
    shown = audience != Audience.PARTICIPANTS or answered >= minimum
    return {
        "audience": audience,
        "label": Audience(audience).label,
        "answered": answered,
        "shown": shown,
        "results": queries.event_results(event, audience, with_texts=True) if shown else [],
    }


@login_required
def event_evaluations(request, pk, delay_form=None, status=200):
    event = staff_event_or_404(request, pk)
    policy = queries.policy_for(event.end_date or timezone.localdate())
    participants = audience_section(event, Audience.PARTICIPANTS, policy.minimum_answers_shown)
    round_ = EventEvaluation.objects.filter(event=event).first()
    context = {
        "event": event,
        "round": round_,
        "minimum": policy.minimum_answers_shown,
        "rates": queries.response_rates(event),
        "requests": queries.requests_of(event),
        "sections": [
            participants,
            audience_section(event, Audience.EXPERTS, policy.minimum_answers_shown),
            audience_section(event, Audience.FOLLOW_UP, policy.minimum_answers_shown),
        ],
        "expert_ratings": queries.expert_ratings_of(event) if participants["shown"] else [],
        "can_manage": request.user.has_perm("evaluations.manage_event_evaluation", event),
        "can_open": round_ is None and event.state in queries.EVALUATED_STATES,
        "delay_form": delay_form
        or FollowUpDelayForm(initial={"months": policy.follow_up_after_months}),
    }
    return render(request, "evaluations/event.html", context, status=status)


@login_required
@require_POST
def open_now(request, pk):
    event = staff_event_or_404(request, pk, "evaluations.manage_event_evaluation")
    try:
        created = sending.open_event_evaluation(event, actor=request.user)
    except EvaluationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "Evaluation links sent to %(count)s person.",
                "Evaluation links sent to %(count)s people.",
                len(created),
            )
            % {"count": len(created)},
        )
    return redirect("evaluations:event", pk=event.pk)


@login_required
@require_POST
def resend(request, pk, request_pk):
    event = staff_event_or_404(request, pk, "evaluations.manage_event_evaluation")
    evaluation_request = get_object_or_404(EvaluationRequest, pk=request_pk, event=event)
    try:
        sending.resend_link(evaluation_request, actor=request.user)
    except EvaluationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The link is sent again to %(name)s.") % {"name": evaluation_request.name}
        )
    return redirect("evaluations:event", pk=event.pk)


@login_required
@require_POST
def close_early(request, pk):
    event = staff_event_or_404(request, pk, "evaluations.manage_event_evaluation")
    closed = sending.close_event_evaluation(event, actor=request.user)
    messages.success(
        request,
        ngettext(
            "The evaluation is closed: %(count)s open link closed.",
            "The evaluation is closed: %(count)s open links closed.",
            len(closed),
        )
        % {"count": len(closed)},
    )
    return redirect("evaluations:event", pk=event.pk)


@login_required
@require_POST
def follow_up_delay(request, pk):
    event = staff_event_or_404(request, pk, "evaluations.manage_event_evaluation")
    form = FollowUpDelayForm(request.POST)
    if form.is_valid():
        try:
            sending.set_follow_up_delay(
                event, months=form.cleaned_data["months"], actor=request.user
            )
        except EvaluationError as error:
            form.add_error("months", str(error))
        else:
            messages.success(request, _("The follow-up date is changed."))
            return redirect("evaluations:event", pk=event.pk)
    return event_evaluations(request, pk, delay_form=form, status=400)


@login_required
def expert_ratings(request):
    """The expert database's ratings: each expert's average and number of ratings (staff)."""
    if not request.user.has_perm("evaluations.see_event_results"):
        raise Http404
    page = Paginator(queries.rated_experts(), 50).get_page(request.GET.get("page"))
    experts = Expert.objects.select_related("user").in_bulk(
        [row["expert"] for row in page.object_list]
    )
    rows = [
        (experts[row["expert"]], round(row["average"], 2), row["count"]) for row in page.object_list
    ]
    return render(request, "evaluations/expert_ratings.html", {"page": page, "rows": rows})


# -- an expert's own ratings ---------------------------------------------------------------------


@login_required
def my_ratings(request):
    if not request.user.has_perm("evaluations.see_own_ratings"):
        raise Http404
    expert = Expert.objects.filter(user=request.user).first()
    if expert is None:
        raise Http404
    summary = queries.expert_rating_summary([expert.pk]).get(expert.pk)
    return render(
        request,
        "evaluations/my_ratings.html",
        {"expert": expert, "summary": summary, "by_event": queries.own_ratings_by_event(expert)},
    )
