"""Pages and actions of calls for experts and invitations: staff publish a call, invite and
withdraw from the event's page; experts express interest and answer, on their home or by the
signed e-mail link. The staff part of the event page's experts section is the template tag
`event_staffing_section` (templatetags/staffing.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taiex.core.workflow import TransitionNotAllowed
from taiex.events.queries.agenda import agenda_days, time_zone_label
from taiex.events.services.hosting import NO_EXPERTS_ON_STUDY_VISIT, is_study_visit
from taiex.events.views.event import render_detail, visible_event_or_404
from taiex.experts.models import Expert

from ..enums import ACTIVE_INVITATION_STATES
from ..forms.invitations import (
    CallForm,
    DeclineForm,
    InterestForm,
    InviteForm,
    LinkAnswerForm,
    WithdrawForm,
)
from ..models import ExpertCall, Invitation
from ..services import calls as call_services
from ..services import invitations as invitation_services
from .home import expert_of_user_or_404, render_home


def staff_event_or_denied(request, event_pk, permission):
    event = visible_event_or_404(request, event_pk)
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return event


def refused_for_study_visit(request, event):
    """The event's page with the refusal, for a call or an invitation posted for a study visit
    (its page has no staffing forms to show the error beside); None for other events."""
    if not is_study_visit(event):
        return None
    messages.error(request, NO_EXPERTS_ON_STUDY_VISIT)
    return redirect("events:detail", pk=event.pk)


# -- staff -------------------------------------------------------------------------------------


@login_required
@require_POST
def call_publish(request, event_pk):
    event = staff_event_or_denied(request, event_pk, "staffing.publish_call")
    if refused := refused_for_study_visit(request, event):
        return refused
    form = CallForm(request.POST, prefix="call")
    if form.is_valid():
        try:
            call_services.publish_call(
                event, actor=request.user, description=form.cleaned_data["description"]
            )
        except call_services.CallError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("The call for experts is published."))
            return redirect("events:detail", pk=event.pk)
    return render_detail(request, event, bound_forms={"call": form}, status=400)


@login_required
@require_POST
def invite(request, event_pk):
    event = staff_event_or_denied(request, event_pk, "staffing.invite_experts")
    if refused := refused_for_study_visit(request, event):
        return refused
    form = InviteForm(request.POST, prefix="invite")
    if form.is_valid():
        expert = (
            Expert.objects.select_related("user").filter(pk=form.cleaned_data["expert"]).first()
        )
        if expert is None:
            form.add_error("expert", _("No expert has this number."))
        else:
            try:
                invitation_services.invite_expert(
                    event, expert, actor=request.user, role=form.cleaned_data["role"]
                )
            except invitation_services.InvitationError as error:
                field = form.error_field if error.field == "expert" else error.field
                form.add_error(field if field in form.fields else None, str(error))
            else:
                messages.success(
                    request,
                    _("%(expert)s is invited; the e-mail is on its way.") % {"expert": expert},
                )
                return redirect("events:detail", pk=event.pk)
    return render_detail(request, event, bound_forms={"invite": form}, status=400)


@login_required
@require_POST
def invitation_withdraw(request, pk):
    invitation = get_object_or_404(Invitation.objects.select_related("expert__user"), pk=pk)
    event = staff_event_or_denied(request, invitation.event_id, "staffing.invite_experts")
    form = WithdrawForm(request.POST, prefix="withdraw")
    if form.is_valid():
        try:
            invitation_services.withdraw_invitation(
                invitation, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except invitation_services.InvitationError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect("events:detail", pk=event.pk)
        else:
            messages.success(request, _("The invitation is withdrawn; the expert is told."))
            return redirect("events:detail", pk=event.pk)
    bound = {"withdraw": form, "withdraw_invitation": invitation.pk}
    return render_detail(request, event, bound_forms=bound, status=400)


# -- the expert --------------------------------------------------------------------------------


@login_required
@require_POST
def interest(request, call_pk):
    expert = expert_of_user_or_404(request.user)
    call = get_object_or_404(ExpertCall.objects.select_related("event"), pk=call_pk)
    if not request.user.has_perm("staffing.express_interest"):
        raise PermissionDenied
    form = InterestForm(request.POST, prefix=f"interest-{call.pk}")
    if form.is_valid():
        try:
            call_services.express_interest(
                call, expert=expert, motivation=form.cleaned_data["motivation"]
            )
        except call_services.CallError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("Your interest is recorded; the case handler will see it."))
            return redirect("staffing:home")
    return render_home(request, expert, bound_forms={("interest", call.pk): form}, status=400)


@login_required
def invitation_event(request, pk):
    """The event of an invitation as the invited expert sees it before (or after) accepting:
    the public fields, dates, place and agenda, with the answer buttons while it waits. Not
    found for anybody else and once the invitation is no longer invited or accepted."""
    invitation = get_object_or_404(
        Invitation.objects.select_related(
            "expert__user", "event__beneficiary", "event__window", "event__original_language"
        ),
        pk=pk,
        state__in=ACTIVE_INVITATION_STATES,
    )
    if not request.user.has_perm("staffing.view_invitation_event", invitation):
        raise Http404
    event = invitation.event
    context = {
        "invitation": invitation,
        "event": event,
        "days": agenda_days(event),
        "time_zone": time_zone_label(event),
        "decline_form": DeclineForm(prefix=f"decline-{invitation.pk}"),
    }
    return render(request, "staffing/invitations/event.html", context)


ANSWERS = {"accept", "decline"}


@login_required
@require_POST
def invitation_answer(request, pk, answer):
    """The invited expert accepts or declines from their home."""
    if answer not in ANSWERS:
        raise Http404
    invitation = get_object_or_404(
        Invitation.objects.select_related("expert__user", "event__case_handler"), pk=pk
    )
    # Someone else's invitation is "not found": its existence is nobody else's business.
    if not request.user.has_perm("staffing.answer_invitation", invitation):
        raise Http404
    form = DeclineForm(request.POST, prefix=f"decline-{invitation.pk}")
    form.is_valid()
    try:
        if answer == "accept":
            invitation_services.accept_invitation(invitation, actor=request.user)
        else:
            invitation_services.decline_invitation(
                invitation, actor=request.user, reason=form.cleaned_data.get("reason", "")
            )
    except (invitation_services.InvitationError, TransitionNotAllowed) as error:
        messages.error(request, str(error))
        return redirect("staffing:home")
    messages.success(request, DONE[answer])
    return redirect("staffing:home")


DONE = {
    "accept": gettext_lazy(
        "You accepted the invitation. Thank you; the case handler will contact you."
    ),
    "decline": gettext_lazy("You declined the invitation. Thank you for telling us."),
}


def invitation_link(request, token):
    """The signed e-mail link: shows the invitation with accept and decline (GET) and records
    the answer (POST). Works without logging in; the link is single use and expires."""
    try:
        invitation = invitation_services.invitation_from_link(token)
    except invitation_services.InvitationLinkError as error:
        return render(
            request,
            "staffing/invitations/link.html",
            {"error": str(error)},
            status=410 if isinstance(error, invitation_services.InvitationExpired) else 400,
        )
    form = LinkAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor = invitation.expert.user
        try:
            if form.cleaned_data["answer"] == "accept":
                invitation_services.accept_invitation(invitation, actor=actor, via_link=True)
            else:
                invitation_services.decline_invitation(
                    invitation, actor=actor, reason=form.cleaned_data["reason"], via_link=True
                )
        except (invitation_services.InvitationError, TransitionNotAllowed) as error:
            return render(request, "staffing/invitations/link.html", {"error": str(error)}, 400)
        return render(
            request,
            "staffing/invitations/link.html",
            {"invitation": invitation, "done": DONE[form.cleaned_data["answer"]]},
        )
    return render(
        request, "staffing/invitations/link.html", {"invitation": invitation, "form": form}
    )
