"""Writes on the expert mission report: the experts save and submit it, staff accept it or ask
for changes; and what of the report is missing before the mission may close."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from taiex.core.audit import log_action
from taiex.core.mail import notify
from taiex.reference.enums import AssistanceType, MissionKind

from ..enums import REPORT_SECTION_MAX_CHARS, EventState, ReportState
from ..models import MissionReport
from ..queries.reports import accepted_expert_users
from ..report_workflow import transition

SECTIONS = {
    "findings": gettext_lazy("Findings"),
    "recommendations": gettext_lazy("Recommendations"),
    "follow_up": gettext_lazy("Follow-up"),
}
# The messages of a section name it as their sentence needs it (French: « constats »).
SECTION_TOO_LONG = {
    "findings": gettext_lazy(
        "The findings section is limited to %(maximum)s characters; it has %(length)s."
    ),
    "recommendations": gettext_lazy(
        "The recommendations section is limited to %(maximum)s characters; it has %(length)s."
    ),
    "follow_up": gettext_lazy(
        "The follow-up section is limited to %(maximum)s characters; it has %(length)s."
    ),
}
SECTION_EMPTY = {
    "findings": gettext_lazy("Write the findings section before submitting the report."),
    "recommendations": gettext_lazy(
        "Write the recommendations section before submitting the report."
    ),
    "follow_up": gettext_lazy("Write the follow-up section before submitting the report."),
}
# A peer review reviews an administration's performance against an EU standard: its report has its
# own template (docs/decisions.md, "The peer review's report"): the standard, the findings against
# it, the recommendations by priority and the follow-up the administration commits to.
PEER_REVIEW_SECTIONS = {
    "standard": gettext_lazy("The EU standard reviewed against"),
    "findings": gettext_lazy("Findings against the EU standard"),
    "recommendations_high": gettext_lazy("Recommendations of high priority"),
    "recommendations_medium": gettext_lazy("Recommendations of medium priority"),
    "recommendations_low": gettext_lazy("Recommendations of low priority"),
    "follow_up": gettext_lazy("Follow-up: the action plan and the follow-up review"),
}
PEER_REVIEW_REQUIRED = ("standard", "findings", "follow_up")
PEER_REVIEW_RECOMMENDATIONS = (
    "recommendations_high",
    "recommendations_medium",
    "recommendations_low",
)
ALL_SECTION_NAMES = (*SECTIONS, *(n for n in PEER_REVIEW_SECTIONS if n not in SECTIONS))
EDITABLE_STATES = [ReportState.DRAFT, ReportState.CHANGES_REQUESTED]
# The mission report can be written once the mission has started.
WRITING_STATES = [EventState.PLANNED, EventState.CONFIRMED, EventState.IMPLEMENTED]


class ReportError(Exception):
    """A change to a mission report that cannot be made; `errors` maps a field (a section,
    "note", or None for the whole report) to a message a person can act on."""

    def __init__(self, errors):
        self.errors = errors if isinstance(errors, dict) else {None: errors}
        super().__init__(" ".join(self.errors.values()))


def is_peer_review(event):
    return (
        event.event_type == AssistanceType.EXPERT_MISSION
        and event.mission_kind == MissionKind.PEER_REVIEW
    )


def sections_of(event):
    """{field: label} of the report of `event`: a peer review's own sections, or the three
    ordinary ones."""
    return PEER_REVIEW_SECTIONS if is_peer_review(event) else SECTIONS


def peer_review_errors(sections, *, submitting):
    """A peer review's sections: each at most the limit; to submit, the standard, findings and
    follow-up written, and at least one recommendation of any priority."""
    errors = {}
    for name, label in PEER_REVIEW_SECTIONS.items():
        text = (sections.get(name) or "").strip()
        if len(text) > REPORT_SECTION_MAX_CHARS:
            errors[name] = gettext(
                "The section “%(label)s” is limited to %(limit)s characters; it has %(count)s."
            ) % {
                "label": label,
                "limit": number_format(REPORT_SECTION_MAX_CHARS, force_grouping=True),
                "count": number_format(len(text), force_grouping=True),
            }
        elif submitting and name in PEER_REVIEW_REQUIRED and not text:
            errors[name] = gettext(
                "Write the section “%(label)s” before submitting the report."
            ) % {"label": label}
    if submitting and not any(
        (sections.get(name) or "").strip() for name in PEER_REVIEW_RECOMMENDATIONS
    ):
        errors.setdefault(
            "recommendations_high",
            gettext("Write at least one recommendation, of any priority, before submitting."),
        )
    return errors


def section_errors(sections, *, submitting, event=None):
    """The message of each section that is too long, or empty when `submitting`."""
    if event is not None and is_peer_review(event):
        return peer_review_errors(sections, submitting=submitting)
    errors = {}
    for name in SECTIONS:
        text = (sections.get(name) or "").strip()
        if len(text) > REPORT_SECTION_MAX_CHARS:
            errors[name] = SECTION_TOO_LONG[name] % {
                "maximum": number_format(REPORT_SECTION_MAX_CHARS, force_grouping=True),
                "length": number_format(len(text), force_grouping=True),
            }
        elif submitting and not text:
            errors[name] = str(SECTION_EMPTY[name])
    return errors


def writing_refusal(event, *, today=None):
    """Why the report of `event` cannot be written now, or "" when it can: from the first day
    of the mission until it closes."""
    if event.event_type != AssistanceType.EXPERT_MISSION:
        return gettext("Only an expert mission has a mission report.")
    if event.state == EventState.CANCELLED:
        return gettext("The mission was cancelled: there is no report to write.")
    if event.state == EventState.CLOSED:
        return gettext("The mission is closed: its report can no longer be changed.")
    today = today or timezone.localdate()
    if event.state == EventState.IMPLEMENTED or (
        event.state in WRITING_STATES and event.start_date and event.start_date <= today
    ):
        return ""
    return gettext("The report can be written from the first day of the mission.")


def edit_refusal(report):
    if report.state == ReportState.SUBMITTED:
        return gettext(
            "The report is submitted: it can be changed again only if staff ask for changes."
        )
    if report.state == ReportState.ACCEPTED:
        return gettext("The report is accepted: it can no longer be changed.")
    return ""


def save_mission_report(event, *, actor, sections, version, submit=False):
    """Save the sections of the mission report of `event` (created on its first save): the
    three ordinary ones, or a peer review's own (`sections_of`); with `submit` send it to staff.

    Refused (ReportError, nothing saved) when the mission is not open for writing, the report
    is submitted or accepted, a section is too long, a section is empty on submission, or the
    report changed since `version` was read (a stale edit). Raises the version, writes the audit
    log ("save_report_draft", or the "submit_report" move) and, on submission, e-mails the
    event's case handler after the commit. Returns the report.
    """
    refusal = writing_refusal(event)
    if refusal:
        raise ReportError(refusal)
    errors = section_errors(sections, submitting=submit, event=event)
    if errors:
        raise ReportError(errors)
    values = {name: (sections.get(name) or "").strip() for name in sections_of(event)}
    with transaction.atomic():
        report, _ = MissionReport.objects.get_or_create(event=event)
        report = MissionReport.objects.select_for_update().get(pk=report.pk)
        refusal = edit_refusal(report)
        if refusal:
            raise ReportError(refusal)
        if report.version != version:
            who = report.updated_by.full_name if report.updated_by else gettext("someone else")
            raise ReportError(
                gettext(
                    "The report was saved by %(name)s since you opened it (version %(version)s). "
                    "Your text is kept below: compare it with the saved text, then save again."
                )
                % {"name": who, "version": report.version}
            )
        changes = {**values, "version": report.version + 1, "updated_by": actor}
        if submit:
            changes["submitted_at"] = timezone.now()
            report = transition(
                report,
                ReportState.SUBMITTED,
                actor=actor,
                changes=changes,
                data={"version": changes["version"]},
            )
            notify_report_submitted(report)
        else:
            for name, value in changes.items():
                setattr(report, name, value)
            report.save(update_fields=[*changes, "updated_at"])
            log_action(
                report,
                actor=actor,
                action="save_report_draft",
                data={"version": report.version},
            )
    return report


def accept_mission_report(report, *, actor, note=""):
    """Accept a submitted report (the mission may then close); the experts are told by e-mail."""
    return review(report, ReportState.ACCEPTED, actor=actor, note=(note or "").strip())


def request_report_changes(report, *, actor, note):
    """Send a submitted report back to the experts with what should change (required); they
    are told by e-mail and may edit and submit it again."""
    note = (note or "").strip()
    if not note:
        raise ReportError({"note": gettext("Say what should change in the report.")})
    return review(report, ReportState.CHANGES_REQUESTED, actor=actor, note=note)


def review(report, to_state, *, actor, note):
    with transaction.atomic():
        moved = transition(
            report,
            to_state,
            actor=actor,
            note=note,
            changes={"reviewed_by": actor, "reviewed_at": timezone.now(), "review_note": note},
        )
        notify_report_reviewed(moved)
    return moved


def report_missing(event):
    """What of the mission report is missing before `event` may close: a list of sentences,
    empty when the report is accepted or the event is not an expert mission."""
    if event.event_type != AssistanceType.EXPERT_MISSION:
        return []
    state = MissionReport.objects.filter(event=event).values_list("state", flat=True).first()
    if state == ReportState.ACCEPTED:
        return []
    if state == ReportState.SUBMITTED:
        return [gettext("The expert mission report is submitted but not accepted yet.")]
    if state == ReportState.CHANGES_REQUESTED:
        return [
            gettext(
                "Changes were asked to the expert mission report; the experts have not "
                "submitted it again."
            )
        ]
    return [gettext("The expert mission report has not been submitted.")]


# Notifications: the case handler hears of a submission, the experts of a review.


def report_path(event):
    return reverse("events:report", args=[event.pk])


def notify_report_submitted(report):
    event = report.event
    handler = event.case_handler
    recipients = [handler] if handler is not None and handler.is_active else []
    return notify(
        recipients,
        subject=format_lazy(
            gettext_lazy("{reference}: the mission report is submitted"), reference=event.reference
        ),
        template="events/reports/email/submitted.txt",
        context={"event": event, "report": report, "path": report_path(event)},
    )


REVIEW_SUBJECTS = {
    ReportState.ACCEPTED: gettext_lazy("{reference}: the mission report is accepted"),
    ReportState.CHANGES_REQUESTED: gettext_lazy(
        "{reference}: changes are asked to the mission report"
    ),
}


def notify_report_reviewed(report):
    event = report.event
    return notify(
        [user for user in accepted_expert_users(event) if user.is_active],
        subject=format_lazy(REVIEW_SUBJECTS[report.state], reference=event.reference),
        template="events/reports/email/reviewed.txt",
        context={"event": event, "report": report, "path": report_path(event)},
    )
