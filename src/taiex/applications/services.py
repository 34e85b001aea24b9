"""Every write on a request for assistance: drafts, submission, NCP check, consultation,
assessment, decision, withdrawal, hold, comments. Pages, the API, commands and tasks call these.
"""

from datetime import datetime, time

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from taiex.accounts.gate import submission_waits_for
from taiex.core.audit import log_action
from taiex.core.sequences import next_sequence_value
from taiex.core.workflow import TransitionNotAllowed
from taiex.reference.queries import working_days_after

from . import notifications, versions
from .eligibility import evaluate_eligibility, submission_problems
from .enums import (
    CONSULTATION_WORKING_DAYS,
    Criterion,
    Decision,
    Opinion,
    Recommendation,
)
from .enums import (
    ApplicationState as S,
)
from .models import (
    Application,
    Assessment,
    Comment,
    Consultation,
    ContactPerson,
    CountryConfirmation,
    InterpretationPair,
)
from .partner_countries import require_every_partner_country_confirmed
from .routing import services_to_consult
from .workflow import transition


class ApplicationError(Exception):
    """A change that cannot be made; `problems` maps form fields to messages."""

    def __init__(self, message, problems=None):
        super().__init__(message)
        self.problems = problems or {}


class StaleEdit(ApplicationError):
    """The draft changed since the editor loaded it; saving would overwrite somebody's edit."""


def require_text(value, field, message):
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message, {field: [message]})
    return value


def create_draft(*, actor, lead_institution=None):
    """Start a new draft for `actor`, optionally already naming the lead institution."""
    with transaction.atomic():
        application = Application.objects.create(
            created_by=actor,
            lead_institution=lead_institution,
            country=lead_institution.country if lead_institution else None,
        )
        log_action(application, actor=actor, action="create", to_state=S.DRAFT)
    return application


EDITABLE_STATES = {S.DRAFT, S.RETURNED}


def save_draft(application, *, actor, fields, relations, contacts, expected_version, pairs=None):
    """Store the applicant's edit of a draft (or a returned request), with any partial data.

    `fields` are plain model fields, `relations` many-to-many sets, `contacts` a list of dicts,
    `pairs` the interpretation pairs as dicts (source, target, mode; None leaves them as they
    are).
    Refuses with StaleEdit when somebody saved since `expected_version` was loaded, so no
    edit is silently overwritten. Writes one audit row naming the changed fields.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.state not in EDITABLE_STATES:
            state = locked.get_state_display()
            # Lower only the first letter: "submitted to the NCP", not "submitted to the ncp".
            raise ApplicationError(
                f"{locked} is {state[:1].lower()}{state[1:]} and can no longer be edited."
            )
        if locked.version != expected_version:
            raise StaleEdit(
                _(
                    "Somebody saved this request after you opened it. Your changes are still in "
                    "the form below; reload the page in another tab to see theirs, then save "
                    "again."
                )
            )
        changed = [name for name, value in fields.items() if getattr(locked, name) != value]
        for name, value in fields.items():
            setattr(locked, name, value)
        lead = fields.get("lead_institution", locked.lead_institution)
        locked.country = lead.country if lead else None
        locked.version = F("version") + 1
        locked.save()
        for name, values in relations.items():
            manager = getattr(locked, name)
            if set(manager.values_list("pk", flat=True)) != {v.pk for v in values}:
                changed.append(name)
                manager.set(values)
        existing = list(locked.contacts.values("name", "position", "email", "phone"))
        if existing != contacts:
            changed.append("contacts")
            locked.contacts.all().delete()
            ContactPerson.objects.bulk_create(
                ContactPerson(application=locked, **contact) for contact in contacts
            )
        if pairs is not None:
            wanted = [(p["source"].pk, p["target"].pk, p["mode"]) for p in pairs]
            stored = list(locked.interpretation_pairs.values_list("source", "target", "mode"))
            if stored != wanted:
                changed.append("interpretation_pairs")
                locked.interpretation_pairs.all().delete()
                InterpretationPair.objects.bulk_create(
                    InterpretationPair(
                        application=locked, source_id=source, target_id=target, mode=mode
                    )
                    for source, target, mode in wanted
                )
        log_action(locked, actor=actor, action="edit", data={"fields": changed})
    locked.refresh_from_db()
    return locked


def delete_draft(application, *, actor):
    """The applicant who started a draft deletes it, with its contacts and documents.

    Only a draft that was never submitted (no reference, never seen by the NCP) can be deleted;
    a request that was submitted once is withdrawn instead, so its history stays. The audit
    row about the deletion stays, naming the draft and who deleted it.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.created_by_id != actor.pk:
            raise ApplicationError(f"Only the person who started {locked} can delete it.")
        if locked.state != S.DRAFT or locked.submitted_at is not None or locked.reference:
            raise ApplicationError(
                f"{locked} was submitted and cannot be deleted; withdraw it instead."
            )
        files = [(a.file.storage, a.file.name) for a in locked.attachments.all()]
        log_action(
            locked,
            actor=actor,
            action="delete_draft",
            from_state=S.DRAFT,
            note=locked.title,
            data={"contacts": locked.contacts.count(), "documents": len(files)},
        )
        locked.delete()
        for storage, name in files:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def submission_problems_for(application, *, actor, today):
    """Every reason `actor` cannot submit the request on `today`, by form field: completeness
    and eligibility, and the NCP gate (a self-registered institution or applicant that its
    country's NCP has not confirmed yet)."""
    problems = submission_problems(application, today)
    waits = submission_waits_for(actor, application.lead_institution)
    if waits:
        problems = {**problems, "lead_institution": [*problems.get("lead_institution", []), *waits]}
    return problems


def submit_application(application, *, actor, today=None):
    """Submit a draft (or resubmit a returned request) to the NCP of its country.

    Validates completeness and eligibility; on any problem raises ApplicationError with the
    problems by field and changes nothing. Otherwise assigns the reference (APP-year-number)
    on the first submission, stores the eligibility checks with their reasons, moves the state
    and notifies the NCPs of the country and the applicant.
    """
    today = today or timezone.localdate()
    problems = submission_problems_for(application, actor=actor, today=today)
    if problems:
        raise ApplicationError(_("The request cannot be submitted yet."), problems)
    with transaction.atomic():
        target = S.SUBMITTED
        changes = {
            "eligibility": [check.as_dict() for check in evaluate_eligibility(application, today)],
            "submitted_at": timezone.now(),
        }
        # The stored reference, not the caller's copy: a stale copy must not renumber a request.
        stored_reference, stored_state = (
            Application.objects.select_for_update()
            .values_list("reference", "state")
            .get(pk=application.pk)
        )
        # What the NCP gets to see, and on a resubmission what changed since the last time: kept
        # in English, the record's language, whoever submits (the labels are translated when
        # shown, by field: templatetags.applications.change_label).
        with translation.override(settings.LANGUAGE_CODE):
            snapshot = versions.snapshot_of(application)
            data = {"snapshot": snapshot}
            if stored_state == S.RETURNED:
                previous = versions.last_submission(application)
                data["changes"] = versions.changes_since(previous, application, snapshot)
        if not stored_reference:
            year = today.year
            changes["reference"] = f"APP-{year}-{next_sequence_value(f'APP-{year}'):05d}"
        # A resubmission may name other partner institutions: their NCPs confirm again.
        CountryConfirmation.objects.filter(application=application).delete()
        application = transition(
            application,
            target,
            actor=actor,
            changes=changes,
            data=data,
        )
        if stored_state == S.RETURNED:
            notifications.notify_move(
                application, "resubmitted", actor=actor, changes=data["changes"]
            )
        else:
            notifications.notify_move(application, "submitted", actor=actor)
    return application


def return_application(application, *, actor, reason):
    """The NCP sends the request back to the applicant for correction; a reason is required."""
    reason = require_text(reason, "reason", _("Say what the applicant should correct."))
    with transaction.atomic():
        application = transition(application, S.RETURNED, actor=actor, note=reason)
        notifications.notify_move(application, "returned", actor=actor, note=reason)
    return application


def consultation_deadline_from(moment):
    """The end (23:59 local time) of the 5th working day after `moment`."""
    local = timezone.localtime(moment)
    last_day = working_days_after(local.date(), CONSULTATION_WORKING_DAYS)
    return timezone.make_aware(datetime.combine(last_day, time(23, 59, 59)))


def forward_application(application, *, actor, note="", now=None):
    """The NCP forwards the request: it is registered, assigned to the thematic team of its
    first chapter, and the consultation of the services in its scope starts (routing.py: the
    Delegations, desks and line Directorates-General, or a strand's partner DG; 5 working
    days; silence is no objection). Queues the task that closes a silent consultation at the
    deadline and notifies applicant, the consulted services and team.
    """
    now = now or timezone.now()
    deadline = consultation_deadline_from(now)
    chapter = application.chapters.select_related("team").order_by("number").first()
    with transaction.atomic():
        # Locked so a confirmation and the forward are seen in one order.
        Application.objects.select_for_update().values_list("pk", flat=True).get(pk=application.pk)
        require_every_partner_country_confirmed(application)
        application = transition(
            application,
            S.CONSULTATION,
            actor=actor,
            note=note,
            changes={
                "forwarded_at": now,
                "consultation_deadline": deadline,
                "team": chapter.team if chapter else None,
            },
        )
        round_number = (
            application.consultations.order_by("-round").values_list("round", flat=True).first()
            or 0
        ) + 1
        Consultation.objects.bulk_create(
            Consultation(
                application=application,
                service=service,
                group=service.group,
                deadline=deadline,
                round=round_number,
            )
            for service in services_to_consult(application)
        )
        notifications.notify_move(application, "forwarded", actor=actor, note=note)
        transaction.on_commit(lambda: schedule_consultation_close(application.pk, deadline))
    return application


def schedule_consultation_close(application_id, deadline):
    """Queue the closing task for the deadline when the tasks backend can run tasks later.

    Backends that cannot defer (the immediate one) rely on `manage.py close_silent_consultations`
    run by cron or by `make run`'s worker loop.
    """
    from .tasks import close_silent_consultation_task

    if close_silent_consultation_task.get_backend().supports_defer:
        close_silent_consultation_task.using(run_after=deadline).enqueue(application_id)


def record_opinion(consultation, *, actor, opinion, comment=""):
    """A consulted service gives its opinion. An objection is a veto: the request is rejected
    with the objection as the reason. When all services said no objection, the consultation
    closes at once and the request goes to assessment.
    """
    comment = (comment or "").strip()
    if opinion not in (Opinion.NO_OBJECTION, Opinion.OBJECTION):
        raise ApplicationError(
            _("Choose no objection or objection."), {"opinion": [_("Choose one.")]}
        )
    if opinion == Opinion.OBJECTION and not comment:
        raise ApplicationError(
            _("An objection needs its reason."),
            {"comment": [_("Give the reason for the objection.")]},
        )
    with transaction.atomic():
        # Lock the request first: two services answering at once must not both see the other
        # still pending, or nobody closes the consultation.
        application = Application.objects.select_for_update().get(pk=consultation.application_id)
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if application.state != S.CONSULTATION or locked.opinion != Opinion.PENDING:
            raise TransitionNotAllowed(
                f"The consultation of {application} is closed for {locked.service_name}."
            )
        locked.opinion = opinion
        locked.comment = comment
        locked.responded_by = actor
        locked.responded_at = timezone.now()
        locked.save(update_fields=["opinion", "comment", "responded_by", "responded_at"])
        log_action(
            application,
            actor=actor,
            action="consultation_opinion",
            note=comment,
            data={"group": locked.group, "service": locked.service_id, "opinion": opinion},
        )
        if opinion == Opinion.OBJECTION:
            reason = f"Objection by the {locked.service_name}: {comment}"
            application = transition(
                application,
                S.REJECTED,
                actor=actor,
                note=reason,
                changes={"decided_at": timezone.now(), "decision_reason": reason},
            )
            notifications.notify_move(application, "vetoed", actor=actor, note=reason)
        elif not application.consultations.filter(
            round=locked.round, opinion=Opinion.PENDING
        ).exists():
            close_consultation(
                application, actor=actor, note="All services answered: no objection."
            )
    return locked


def close_consultation(application, *, actor, note):
    """Close the consultation: unanswered services count as no objection (silence)."""
    with transaction.atomic():
        application = transition(application, S.ASSESSMENT, actor=actor, note=note)
        application.consultations.filter(opinion=Opinion.PENDING).update(opinion=Opinion.SILENT)
        notifications.notify_move(application, "consultation_closed", actor=actor, note=note)
    return application


def close_silent_consultations(*, now=None):
    """Close every consultation whose deadline has passed; returns the requests moved on."""
    now = now or timezone.now()
    closed = []
    due = Application.objects.filter(state=S.CONSULTATION, consultation_deadline__lte=now)
    for application in due.order_by("consultation_deadline"):
        try:
            closed.append(
                close_consultation(
                    application,
                    actor=None,
                    note="Deadline passed: services that did not answer have no objection.",
                )
            )
        except TransitionNotAllowed:
            continue  # moved by somebody else meanwhile (a veto or a withdrawal)
    return closed


def propose_decision(application, *, actor, recommendation, criteria, reason):
    """The case handler assesses the request against the criteria and proposes a decision
    for the planning meeting; becomes the request's case handler; notifies heads of unit."""
    reason = require_text(reason, "reason", _("Give the reason for the proposal."))
    if recommendation not in Recommendation.values:
        raise ApplicationError(
            _("Choose a recommendation."), {"recommendation": [_("Choose approve or reject.")]}
        )
    unknown = set(criteria) - set(Criterion.values)
    if unknown:
        raise ApplicationError(_("Unknown criteria."), {"criteria": [", ".join(sorted(unknown))]})
    checklist = {code: bool(criteria.get(code)) for code in Criterion.values}
    if recommendation == Recommendation.APPROVE and not all(checklist.values()):
        unmet = [str(Criterion(code).label) for code, met in checklist.items() if not met]
        message = _("A proposal to approve needs every criterion met; not met: %(unmet)s") % {
            "unmet": "; ".join(unmet)
        }
        raise ApplicationError(message, {"criteria": [message]})
    with transaction.atomic():
        application = transition(
            application,
            S.PROPOSED,
            actor=actor,
            note=reason,
            changes={"case_handler": actor},
            data={"recommendation": recommendation, "criteria": checklist},
        )
        Assessment.objects.create(
            application=application,
            case_handler=actor,
            recommendation=recommendation,
            criteria=checklist,
            reason=reason,
        )
        notifications.notify_move(application, "proposed", actor=actor, note=reason)
    return application


def record_decision(application, *, actor, decision, reason):
    """The head of unit approves or rejects at the planning meeting; the reason is required
    and sent to the applicant and the NCP. Call it through
    `events.services.decisions.decide_application`, which also creates the event of an approved
    request in the same transaction (events sit above requests)."""
    reason = require_text(reason, "reason", _("Give the reason for the decision."))
    if decision not in Decision.values:
        raise ApplicationError(_("Choose approve or reject."), {"decision": [_("Choose one.")]})
    target = S.APPROVED if decision == Decision.APPROVE else S.REJECTED
    with transaction.atomic():
        application = transition(
            application,
            target,
            actor=actor,
            note=reason,
            changes={"decided_at": timezone.now(), "decision_reason": reason},
        )
        notifications.notify_move(application, target, actor=actor, note=reason)
    return application


def send_back_for_assessment(application, *, actor, reason):
    """The head of unit asks the case handler for a new assessment."""
    reason = require_text(reason, "reason", _("Say what the new assessment should look at."))
    with transaction.atomic():
        application = transition(application, S.ASSESSMENT, actor=actor, note=reason)
        notifications.notify_move(application, "sent_back", actor=actor, note=reason)
    return application


def withdraw_application(application, *, actor, reason=""):
    """The applicant withdraws the request before the decision."""
    with transaction.atomic():
        application = transition(application, S.WITHDRAWN, actor=actor, note=(reason or "").strip())
        notifications.notify_move(application, "withdrawn", actor=actor, note=reason)
    return application


def put_on_hold(application, *, actor, reason):
    reason = require_text(reason, "reason", _("Say why the request is put on hold."))
    with transaction.atomic():
        # The stored state, locked: a stale copy would make resume go back to the wrong state.
        from_state = (
            Application.objects.select_for_update()
            .values_list("state", flat=True)
            .get(pk=application.pk)
        )
        application = transition(
            application,
            S.ON_HOLD,
            actor=actor,
            note=reason,
            changes={"held_from_state": from_state},
        )
        notifications.notify_move(application, "on_hold", actor=actor, note=reason)
    return application


def resume_application(application, *, actor, note=""):
    """Take a request off hold, back to the state it was in."""
    with transaction.atomic():
        target = (
            Application.objects.select_for_update()
            .values_list("held_from_state", flat=True)
            .get(pk=application.pk)
        )
        if not target:
            raise TransitionNotAllowed(f"{application} is not on hold.")
        application = transition(
            application, target, actor=actor, note=note, changes={"held_from_state": ""}
        )
        notifications.notify_move(application, "resumed", actor=actor, note=note)
    return application


def add_comment(application, *, actor, body):
    """Add a message to the request's thread and tell the other participants."""
    body = require_text(body, "body", _("Write a message."))
    with transaction.atomic():
        comment = Comment.objects.create(application=application, author=actor, body=body)
        log_action(application, actor=actor, action="comment", data={"comment": comment.pk})
        notifications.notify_comment(application, comment)
    return comment
