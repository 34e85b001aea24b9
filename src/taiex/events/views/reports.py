"""The expert mission report: the experts write and submit it, staff accept it or ask for
changes, the beneficiary side reads it once accepted.

The experts do not see the staff pages of the event, so this page checks its own rules
(mission_rules.py): the event's accepted experts, or whoever may see the event.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taiex.core.audit import activity_of
from taiex.core.workflow import TransitionNotAllowed

from .. import mission_rules  # noqa: F401 (registers the report's permissions)
from ..enums import ReportState
from ..forms.reports import MissionReportForm, ReportReviewForm
from ..queries.reports import mission_with_report, report_of
from ..report_document import mission_report_pdf
from ..services.reports import (
    ReportError,
    accept_mission_report,
    edit_refusal,
    is_peer_review,
    request_report_changes,
    save_mission_report,
    sections_of,
    writing_refusal,
)

ACTION_LABELS = {
    "save_report_draft": gettext_lazy("Draft saved"),
    "submit_report": gettext_lazy("Submitted"),
    "accept_report": gettext_lazy("Accepted"),
    "request_report_changes": gettext_lazy("Changes asked"),
}


def mission_or_404(request, pk):
    """The expert mission if the user may open its report page; 404 otherwise, so the
    existence of the mission does not leak."""
    event = mission_with_report(pk)
    if event is None or not request.user.has_perm("events.open_report_page", event):
        raise Http404
    return event


def render_report(request, event, *, form=None, review_form=None, saved=None):
    user = request.user
    report = report_of(event)
    can_write = user.has_perm("events.write_report", event)
    refusal = writing_refusal(event) or (edit_refusal(report) if report else "")
    can_edit = can_write and not refusal
    can_read = user.has_perm("events.read_report", event)
    can_review = (
        report is not None
        and report.state == ReportState.SUBMITTED
        and user.has_perm("events.review_report", event)
    )
    labels = sections_of(event)
    if can_edit and form is None:
        form = MissionReportForm(
            sections=labels,
            initial={
                **{name: getattr(report, name) if report else "" for name in labels},
                "version": report.version if report else 1,
            },
        )
    timeline = [
        (entry, ACTION_LABELS.get(entry.action, entry.action))
        for entry in (activity_of(report) if report and can_read else [])
    ]
    context = {
        "event": event,
        "report": report,
        "can_write": can_write,
        "can_edit": can_edit,
        "can_read": can_read,
        "can_review": can_review,
        "writing_refusal": refusal if can_write else "",
        # A refused POST keeps the typed text on the page even when the report is closed to
        # edits (another expert submitted it meanwhile).
        "form": form if can_edit or (form is not None and form.is_bound) else None,
        "review_form": (review_form or ReportReviewForm()) if can_review else None,
        "sections": [(label, getattr(report, name)) for name, label in labels.items()]
        if report and can_read
        else [],
        "is_peer_review": is_peer_review(event),
        "saved": saved,
        "saved_sections": [(label, getattr(saved, name)) for name, label in labels.items()]
        if saved
        else [],
        "timeline": timeline,
        "show_event_nav": user.has_perm("events.see_event", event)
        and user.has_perm("events.list_events"),
    }
    return render(request, "events/reports/report.html", context)


@login_required
def report(request, pk):
    """GET: the report (read, or written by the experts); POST: the experts save a draft or,
    with action=submit, submit it."""
    event = mission_or_404(request, pk)
    if request.method != "POST":
        return render_report(request, event)
    if not request.user.has_perm("events.write_report", event):
        raise PermissionDenied
    form = MissionReportForm(request.POST, sections=sections_of(event))
    submit = request.POST.get("action") == "submit"
    if not form.is_valid():
        # Only the hidden version can be wrong: the page was not loaded from this site.
        form.add_error(None, _("The form is out of date: reload the page and try again."))
        return render_report(request, event, form=form)
    try:
        save_mission_report(
            event,
            actor=request.user,
            sections=form.sections(),
            version=form.cleaned_data["version"],
            submit=submit,
        )
    except ReportError as error:
        for field, message in error.errors.items():
            form.add_error(field if field in form.fields else None, message)
        event = mission_with_report(event.pk)
        saved = report_of(event)
        if saved is not None and saved.version != form.cleaned_data["version"]:
            # A stale edit: the typed text stays in the form, the saved text is shown beside it,
            # and the next save (now knowing both) goes through.
            form.data = form.data.copy()
            form.data["version"] = saved.version
            return render_report(request, event, form=form, saved=saved)
        return render_report(request, event, form=form)
    messages.success(
        request, _("The report is submitted to staff.") if submit else _("The draft is saved.")
    )
    return redirect("events:report", pk=event.pk)


@login_required
@require_POST
def report_review(request, pk):
    """Staff who manage the mission accept the submitted report or ask for changes."""
    event = mission_or_404(request, pk)
    if not request.user.has_perm("events.review_report", event):
        raise PermissionDenied
    report = report_of(event)
    action = request.POST.get("action")
    if action not in ("accept", "request_changes"):
        raise Http404
    if report is None:
        messages.error(request, _("The report has not been submitted yet."))
        return redirect("events:report", pk=event.pk)
    form = ReportReviewForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    try:
        if action == "accept":
            accept_mission_report(report, actor=request.user, note=note)
        else:
            request_report_changes(report, actor=request.user, note=note)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
        return redirect("events:report", pk=event.pk)
    except ReportError as error:
        for field, message in error.errors.items():
            form.add_error(field if field in form.fields else None, message)
        return render_report(request, event, review_form=form)
    messages.success(
        request,
        _("The report is accepted.")
        if action == "accept"
        else _("The experts are asked to change the report."),
    )
    return redirect("events:report", pk=event.pk)


@login_required
def report_pdf(request, pk):
    """The report as a PDF, for whoever may read it (404 before the experts started it)."""
    event = mission_or_404(request, pk)
    report = report_of(event)
    if report is None or not request.user.has_perm("events.read_report", event):
        raise Http404
    response = HttpResponse(mission_report_pdf(event, report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{event.reference}-mission-report.pdf"'
    return response
