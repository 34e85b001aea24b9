"""The series section of an event's page: the other events that answer the same request, and the
form by which the case handler adds a follow-up event. Anyone else posting gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.series import FollowUpForm
from ..queries.series import other_events_of_series
from ..services.errors import EventError
from ..services.series import add_follow_up_event, follow_up_refusal
from .event import render_detail, visible_event_or_404

PREFIX = "follow-up"


def series_context(user, event, bound_forms=None):
    """The other events of the request with their dates and states, and the follow-up form for
    whoever may add one (the event's case handler or team, the head of unit)."""
    form = None
    if user.has_perm("events.add_follow_up", event) and follow_up_refusal(event) is None:
        form = (bound_forms or {}).get(PREFIX) or FollowUpForm(prefix=PREFIX, event=event)
    return {"series": list(other_events_of_series(event)), "follow_up_form": form}


@login_required
@require_POST
def follow_up(request, pk):
    event = visible_event_or_404(request, pk)
    if not request.user.has_perm("events.add_follow_up", event):
        raise Http404
    form = FollowUpForm(request.POST, prefix=PREFIX, event=event)
    if form.is_valid():
        try:
            created = add_follow_up_event(form.follow_up(), actor=request.user)
        except EventError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(
                request,
                _("%(reference)s is planned to follow up %(follows)s.")
                % {"reference": created.reference, "follows": event.reference},
            )
            return redirect("events:detail", pk=created.pk)
    return render_detail(request, event, bound_forms={PREFIX: form}, status=400)
