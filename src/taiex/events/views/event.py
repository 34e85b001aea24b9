"""Staff pages of events: the list with its CSV export, an event's page with its moves, and the
form of its details."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taiex.applications.queries import applications_visible_to
from taiex.core.audit import activity_of
from taiex.core.csv_export import csv_response
from taiex.core.workflow import TransitionNotAllowed
from taiex.reference.queries import beneficiary_countries
from taiex.reference.templatetags.countries import collect_footnotes

from .. import services
from ..enums import PREPARATION_STATES, EventState
from ..forms import ACTION_FORMS, StaffEventFilterForm
from ..forms.details import EventDetailsForm
from ..queries import event_for_detail, experts_of, staff_events
from ..queries.agenda import time_zone_label
from ..queries.keywords import keyword_suggestions
from ..queries.logistics import interpretation_pairs_of
from ..queries.similar import events_similar_to
from ..services.details import update_event_details, version_of
from ..services.errors import EventChangedMeanwhile
from ..workflow import event_workflow

PAGE_SIZE = 25
ACTION_OF_TARGET = {
    EventState.CONFIRMED: "confirm",
    EventState.POSTPONED: "postpone",
    EventState.IMPLEMENTED: "implement",
    EventState.CLOSED: "close",
    EventState.CANCELLED: "cancel",
}


def staff_filter_form(request):
    if not request.user.has_perm("events.list_events"):
        raise Http404
    countries = beneficiary_countries().order_by("name")
    collect_footnotes(request, countries.exclude(official_footnote=""))
    return StaffEventFilterForm(request.GET, countries=countries)


@login_required
def event_list(request):
    form = staff_filter_form(request)
    events = staff_events(request.user, form.to_filters(user=request.user))
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/event_list.html", {"form": form, "page_obj": page})


@login_required
def event_export(request):
    form = staff_filter_form(request)
    events = staff_events(request.user, form.to_filters(user=request.user))
    header = [
        "reference", "state", "type", "title", "beneficiary", "start_date", "end_date", "place",
        "window", "team", "case_handler", "participants_count",
    ]  # fmt: skip
    rows = (
        [
            event.reference,
            event.get_state_display(),
            event.get_event_type_display(),
            event.title,
            event.beneficiary,
            event.start_date or "",
            event.end_date or "",
            event.place,
            event.window.name if event.window else "",
            event.team.name if event.team else "",
            event.case_handler.full_name if event.case_handler else "",
            "" if event.participants_count is None else event.participants_count,
        ]
        for event in events
    )
    return csv_response("events.csv", header, rows)


def visible_event_or_404(request, pk):
    """The event if the user may see it; 404 otherwise, so its existence does not leak."""
    event = event_for_detail(request.user, pk)
    if event is None or not request.user.has_perm("events.see_event", event):
        raise Http404
    return event


def available_actions(event):
    return [
        ACTION_OF_TARGET[target]
        for target in event_workflow.allowed_targets(event.state)
        if target in ACTION_OF_TARGET
    ]


def render_detail(request, event, bound_forms=None, status=200):
    can_manage = request.user.has_perm("events.manage_event", event)
    forms = {}
    if can_manage:
        for action in available_actions(event):
            forms[action] = (bound_forms or {}).get(action) or ACTION_FORMS[action](prefix=action)
    # The limits section's views render this page again: imported here to avoid a cycle.
    from .hosting import host_context
    from .limits import limits_context
    from .series import series_context

    context = {
        "event": event,
        "timeline": activity_of(event),
        "can_manage": can_manage,
        "can_edit_details": can_manage and event.state in PREPARATION_STATES,
        "shows_meeting_link": request.user.has_perm("events.see_meeting_link", event),
        "time_zone": time_zone_label(event),
        "working_languages": list(event.working_languages.all()),
        "interpretation_pairs": interpretation_pairs_of(event),
        "confirmation_missing": services.confirmation_missing(event)
        if event.state in (EventState.PLANNED, EventState.POSTPONED)
        else None,
        "closing_missing": services.closing_blockers(event)
        if event.state == EventState.IMPLEMENTED
        else None,
        "action_forms": forms,
        "experts": list(experts_of(event)),
        # The staffing part of the page (calls, invitations) renders them when it failed.
        "bound_forms": bound_forms or {},
        **limits_context(request.user, event, bound_forms),
        **host_context(request.user, event, bound_forms),
        **series_context(request.user, event, bound_forms),
    }
    return render(request, "events/event_detail.html", context, status=status)


@login_required
def event_detail(request, pk):
    return render_detail(request, visible_event_or_404(request, pk))


def perform(action, event, *, actor, data):
    if action == "confirm":
        return services.confirm_event(event, actor=actor, note=data["note"])
    if action == "postpone":
        return services.postpone_event(
            event,
            actor=actor,
            start_date=data["start_date"],
            end_date=data["end_date"],
            reason=data["reason"],
        )
    if action == "implement":
        return services.mark_event_implemented(
            event,
            actor=actor,
            participants_count=data["participants_count"],
            note=data["note"],
        )
    if action == "close":
        return services.close_event(event, actor=actor, note=data["note"])
    return services.cancel_event(event, actor=actor, reason=data["reason"])


SUCCESS_MESSAGES = {
    "confirm": gettext_lazy("The event is confirmed; the people concerned are told."),
    "postpone": gettext_lazy(
        "The event is postponed to its new dates; the people concerned are told."
    ),
    "implement": gettext_lazy("The event is recorded as implemented."),
    "close": gettext_lazy("The event is closed."),
    "cancel": gettext_lazy("The event is cancelled."),
}


@login_required
@require_POST
def event_act(request, pk, action):
    """One move of the event (confirm, postpone, implement, close, cancel), from its form on the
    event's page."""
    event = visible_event_or_404(request, pk)
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404
    if not request.user.has_perm("events.manage_event", event):
        raise PermissionDenied
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            perform(action, event, actor=request.user, data=form.cleaned_data)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect("events:detail", pk=event.pk)
        except services.EventError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, SUCCESS_MESSAGES[action])
            return redirect("events:detail", pk=event.pk)
    if action not in available_actions(event):
        # The form belongs to a move the event no longer offers (another person moved it).
        messages.error(request, _("This event has moved on; the action is no longer available."))
        return redirect("events:detail", pk=event.pk)
    return render_detail(request, event, bound_forms={action: form})


@login_required
def event_edit(request, pk):
    """The details of an event, for the staff who manage it, while it is being prepared."""
    event = visible_event_or_404(request, pk)
    if not request.user.has_perm("events.manage_event", event):
        raise PermissionDenied
    if event.state not in PREPARATION_STATES:
        messages.error(
            request,
            _("The details of an event that is %(state)s can no longer change.")
            % {"state": event.get_state_display().lower()},
        )
        return redirect("events:detail", pk=event.pk)
    context = {"event": event, "suggestions": keyword_suggestions(event)}
    if request.method != "POST":
        form = EventDetailsForm(event=event)
        return render(request, "events/event_edit.html", {**context, "form": form})
    form = EventDetailsForm(request.POST, event=event)
    if form.is_valid():
        try:
            changed = update_event_details(
                event,
                actor=request.user,
                version=form.cleaned_data["version"],
                values=form.values(),
            )
        except services.EventError as error:
            if isinstance(error, EventChangedMeanwhile):
                form = stale_form(request, event)
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(
                request, _("The details are saved.") if changed else _("Nothing was changed.")
            )
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/event_edit.html", {**context, "form": form}, status=200)


def stale_form(request, event):
    """The person's entries again, carrying the version of the event as it is now, so that a
    second save (after checking) overwrites knowingly."""
    event.refresh_from_db()
    data = request.POST.copy()
    data["version"] = version_of(event)
    form = EventDetailsForm(data, event=event)
    form.is_valid()
    return form


def assessable_application(user, pk):
    """The request if `user` may assess it; 404 when they may not see it, 403 otherwise."""
    application = get_object_or_404(applications_visible_to(user), pk=pk)
    if not user.has_perm("applications.assess_application", application):
        raise PermissionDenied
    return application


@login_required
def events_similar_to_request(request, application_pk):
    """For those who assess a request: the events of the same institution and subject."""
    application = assessable_application(request.user, application_pk)
    return render(
        request,
        "events/similar_to_request.html",
        {"application": application, "events": events_similar_to(application)},
    )
