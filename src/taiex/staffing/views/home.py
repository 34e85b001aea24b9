"""The expert's home: invitations waiting for an answer, calls that fit the profile, and the
events they take part in."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from taiex.experts.models import Expert

from ..forms.invitations import DeclineForm, InterestForm
from ..queries.calls import calls_fitting
from ..queries.invitations import (
    accepted_invitations_of,
    invitations_waiting_for,
    split_by_date,
)


def expert_of_user_or_404(user):
    """The expert profile of `user`; 404 for anybody without one."""
    expert = Expert.objects.select_related("member_state").filter(user_id=user.pk).first()
    if expert is None:
        raise Http404
    return expert


def render_home(request, expert, bound_forms=None, status=200):
    bound_forms = bound_forms or {}
    waiting = list(invitations_waiting_for(expert))
    for invitation in waiting:
        invitation.decline_form = DeclineForm(prefix=f"decline-{invitation.pk}")
    calls = list(calls_fitting(expert))
    for call in calls:
        call.interest_form = bound_forms.get(("interest", call.pk)) or InterestForm(
            prefix=f"interest-{call.pk}"
        )
    future, past = split_by_date(accepted_invitations_of(expert))
    for invitation in future:
        invitation.decline_form = DeclineForm(prefix=f"decline-{invitation.pk}")
    context = {
        "expert": expert,
        "waiting": waiting,
        "calls": calls,
        "future": future,
        "past": past,
        "failed_call": next((key[1] for key in bound_forms if key[0] == "interest"), None),
        "failed_forms": list(bound_forms.values()),
    }
    return render(request, "staffing/home.html", context, status=status)


@login_required
def home(request):
    return render_home(request, expert_of_user_or_404(request.user))
