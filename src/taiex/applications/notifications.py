"""Who hears about what happens to a request, and the e-mail they get."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.core.mail import notify

# move -> (subject, sentence, audiences)
MESSAGES = {
    "submitted": (
        "submitted for your check",
        "was submitted to the national contact point.",
        ["applicants", "ncps"],
    ),
    "resubmitted": (
        "corrected and resubmitted for your check",
        "was corrected and resubmitted to the national contact point.",
        ["applicants", "ncps"],
    ),
    "returned": (
        "returned for correction",
        "was returned to the applicant for correction.",
        ["applicants"],
    ),
    "forwarded": (
        "forwarded: consultation started",
        "was forwarded by the national contact point; the consultation of the services "
        "has started.",
        ["applicants", "consultees", "team"],
    ),
    "vetoed": (
        "rejected after an objection",
        "was rejected: a consulted service objected.",
        ["applicants", "ncps", "team"],
    ),
    "consultation_closed": (
        "ready for assessment",
        "finished its consultation and waits for assessment.",
        ["team"],
    ),
    "proposed": (
        "proposed for the planning meeting",
        "has a proposal for the planning meeting.",
        ["heads_of_unit"],
    ),
    "approved": ("approved", "was approved.", ["applicants", "ncps", "case_handler"]),
    "rejected": ("rejected", "was rejected.", ["applicants", "ncps", "case_handler"]),
    "sent_back": (
        "new assessment asked",
        "was sent back for a new assessment.",
        ["case_handler", "team"],
    ),
    "withdrawn": ("withdrawn", "was withdrawn by the applicant.", ["ncps", "team"]),
    "on_hold": ("put on hold", "was put on hold.", ["applicants", "ncps"]),
    "resumed": ("taken off hold", "was taken off hold.", ["applicants", "ncps"]),
    "comment": (
        "new message",
        "has a new message in its thread.",
        ["applicants", "ncps", "case_handler", "team"],
    ),
}


def audience(application, name):
    User = get_user_model()
    active = User.objects.filter(is_active=True)
    if name == "applicants":
        condition = Q(pk=application.created_by_id)
        if application.lead_institution_id:
            condition |= Q(
                memberships__role=Role.APPLICANT,
                memberships__institution_id=application.lead_institution_id,
            )
        return active.filter(condition)
    if name == "ncps":
        # A draft withdrawn before submission was never the NCPs' business.
        never_submitted = application.state == "draft" or (
            application.state == "withdrawn" and application.submitted_at is None
        )
        if not application.country_id or never_submitted:
            return active.none()
        # The lead country's NCPs and, in a multi-country request, the partner countries'.
        countries = {application.country_id} | set(
            application.partner_institutions.values_list("country_id", flat=True)
        )
        return active.filter(
            memberships__role=Role.NCP, memberships__country_id__in=countries
        ).distinct()
    if name == "consultees":
        # Only the accounts of the services consulted on this request (its scope).
        return active.filter(
            memberships__role=Role.CONSULTEE,
            memberships__consulted_service__consultations__application=application,
        ).distinct()
    if name == "team":
        if not application.team_id:
            return active.none()
        return active.filter(
            memberships__role=Role.CASE_HANDLER, memberships__team_id=application.team_id
        )
    if name == "case_handler":
        return active.filter(pk=application.case_handler_id)
    if name == "heads_of_unit":
        return active.filter(memberships__role=Role.HEAD_OF_UNIT)
    raise ValueError(name)


def recipients(application, names, *, exclude=None):
    people = {}
    for name in names:
        for user in audience(application, name):
            people[user.pk] = user
    if exclude is not None:
        people.pop(exclude.pk, None)
    return sorted(people.values(), key=lambda user: user.email)


def notify_move(application, move, *, actor, note="", changes=None):
    subject, sentence, names = MESSAGES[move]
    people = recipients(application, names, exclude=actor)
    return notify(
        people,
        subject=f"{application.label}: {subject}",
        template="applications/email/move.txt",
        context={
            "application": application,
            "sentence": sentence,
            "note": note,
            "actor": actor,
            "changes": changes,
            "path": reverse("applications:detail", args=[application.pk]),
        },
    )


def notify_comment(application, comment):
    subject, sentence, names = MESSAGES["comment"]
    people = recipients(application, names, exclude=comment.author)
    return notify(
        people,
        subject=f"{application.label}: {subject}",
        template="applications/email/move.txt",
        context={
            "application": application,
            "sentence": sentence,
            "note": comment.body,
            "actor": comment.author,
            "path": reverse("applications:detail", args=[application.pk]),
        },
    )
