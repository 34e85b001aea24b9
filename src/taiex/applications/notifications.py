"""Who hears about what happens to a request, and the e-mail they get."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from taiex.accounts.enums import Role
from taiex.core.lazy_text import lazy_format
from taiex.core.mail import notify

# move -> (subject, sentence, audiences); `%(request)s` is the request's reference (or "Draft 12")
# and, in the sentence, its title in quotes. Made in each recipient's language (core.mail).
MESSAGES = {
    "submitted": (
        _("%(request)s: submitted for your check"),
        _("The request for assistance %(request)s was submitted to the national contact point."),
        ["applicants", "ncps"],
    ),
    "resubmitted": (
        _("%(request)s: corrected and resubmitted for your check"),
        _(
            "The request for assistance %(request)s was corrected and resubmitted "
            "to the national contact point."
        ),
        ["applicants", "ncps"],
    ),
    "returned": (
        _("%(request)s: returned for correction"),
        _("The request for assistance %(request)s was returned to the applicant for correction."),
        ["applicants"],
    ),
    "forwarded": (
        _("%(request)s: forwarded: consultation started"),
        _(
            "The request for assistance %(request)s was forwarded by the national "
            "contact point; the consultation of the services has started."
        ),
        ["applicants", "consultees", "team"],
    ),
    "vetoed": (
        _("%(request)s: rejected after an objection"),
        _("The request for assistance %(request)s was rejected: a consulted service objected."),
        ["applicants", "ncps", "team"],
    ),
    "consultation_closed": (
        _("%(request)s: ready for assessment"),
        _(
            "The request for assistance %(request)s finished its consultation and "
            "waits for assessment."
        ),
        ["team"],
    ),
    "proposed": (
        _("%(request)s: proposed for the planning meeting"),
        _("The request for assistance %(request)s has a proposal for the planning meeting."),
        ["heads_of_unit"],
    ),
    "approved": (
        _("%(request)s: approved"),
        _("The request for assistance %(request)s was approved."),
        ["applicants", "ncps", "case_handler"],
    ),
    "rejected": (
        _("%(request)s: rejected"),
        _("The request for assistance %(request)s was rejected."),
        ["applicants", "ncps", "case_handler"],
    ),
    "sent_back": (
        _("%(request)s: new assessment asked"),
        _("The request for assistance %(request)s was sent back for a new assessment."),
        ["case_handler", "team"],
    ),
    "withdrawn": (
        _("%(request)s: withdrawn"),
        _("The request for assistance %(request)s was withdrawn by the applicant."),
        ["ncps", "team"],
    ),
    "on_hold": (
        _("%(request)s: put on hold"),
        _("The request for assistance %(request)s was put on hold."),
        ["applicants", "ncps"],
    ),
    "resumed": (
        _("%(request)s: taken off hold"),
        _("The request for assistance %(request)s was taken off hold."),
        ["applicants", "ncps"],
    ),
    "comment": (
        _("%(request)s: new message"),
        _("The request for assistance %(request)s has a new message in its thread."),
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


def _label(application):
    return application.label


def _named(application):
    return f'{application.reference or _("(draft)")} "{application.title}"'


# Made when read, in the recipient's language: "Draft 12" and "(draft)" are translated.
lazy_label = lazy(_label, str)
lazy_named = lazy(_named, str)


def subject_and_sentence(application, move):
    """The subject and the sentence of `move`, made in the language of whoever reads them."""
    subject, sentence, _names = MESSAGES[move]
    return (
        lazy_format(subject, request=lazy_label(application)),
        lazy_format(sentence, request=lazy_named(application)),
    )


def notify_move(application, move, *, actor, note="", changes=None):
    subject, sentence = subject_and_sentence(application, move)
    people = recipients(application, MESSAGES[move][2], exclude=actor)
    return notify(
        people,
        subject=subject,
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
    subject, sentence = subject_and_sentence(application, "comment")
    people = recipients(application, MESSAGES["comment"][2], exclude=comment.author)
    return notify(
        people,
        subject=subject,
        template="applications/email/move.txt",
        context={
            "application": application,
            "sentence": sentence,
            "note": comment.body,
            "actor": comment.author,
            "path": reverse("applications:detail", args=[application.pk]),
        },
    )
