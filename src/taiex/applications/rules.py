"""Who may do what to a request for assistance (django-rules predicates)."""

import rules

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of

from .enums import ApplicationState as S
from .enums import Opinion


@rules.predicate
def is_applicant_of(user, application):
    roles = roles_of(user)
    return application.created_by_id == user.pk or (
        application.lead_institution_id is not None
        and application.lead_institution_id in roles.institution_ids
    )


@rules.predicate
def is_ncp_of(user, application):
    return (
        application.country_id is not None
        and application.country_id in roles_of(user).ncp_country_ids
    )


@rules.predicate
def is_partner_ncp_of(user, application):
    """The NCP of a partner institution's country in a multi-country request."""
    ncp_country_ids = roles_of(user).ncp_country_ids
    return (
        bool(ncp_country_ids)
        and application.partner_institutions.filter(country__in=ncp_country_ids)
        .exclude(country=application.country_id)
        .exists()
    )


@rules.predicate
def is_case_handler_of(user, application):
    roles = roles_of(user)
    return Role.CASE_HANDLER in roles.roles and (
        application.team_id in roles.team_ids or application.case_handler_id == user.pk
    )


@rules.predicate
def is_head_of_unit(user):
    return roles_of(user).has(Role.HEAD_OF_UNIT)


@rules.predicate
def is_administrator(user):
    return roles_of(user).has(Role.ADMINISTRATOR)


@rules.predicate
def is_staff_member(user):
    return roles_of(user).is_staff_member


@rules.predicate
def is_consulted_on(user, application):
    """One of the user's services was consulted on the request (it is in their scope)."""
    service_ids = roles_of(user).consulted_service_ids
    return bool(service_ids) and application.consultations.filter(service__in=service_ids).exists()


@rules.predicate
def is_consultee_for(user, consultation):
    return consultation.service_id in roles_of(user).consulted_service_ids


@rules.predicate
def is_editable(user, application):
    return application.state in (S.DRAFT, S.RETURNED)


@rules.predicate
def is_pending(user, consultation):
    return consultation.opinion == Opinion.PENDING


@rules.predicate
def is_starter_of(user, application):
    return application.created_by_id == user.pk


@rules.predicate
def is_never_submitted_draft(user, application):
    return (
        application.state == S.DRAFT
        and application.submitted_at is None
        and not application.reference
    )


rules.add_perm("applications.edit_application", is_applicant_of & is_editable)
rules.add_perm("applications.delete_application", is_starter_of & is_never_submitted_draft)
rules.add_perm("applications.submit_application", is_applicant_of & is_editable)
rules.add_perm("applications.withdraw_application", is_applicant_of)
rules.add_perm("applications.check_application", is_ncp_of)
rules.add_perm("applications.confirm_application", is_partner_ncp_of)
rules.add_perm("applications.give_opinion", is_consultee_for & is_pending)
rules.add_perm("applications.assess_application", is_case_handler_of | is_head_of_unit)
rules.add_perm("applications.decide_application", is_head_of_unit)
rules.add_perm("applications.hold_application", is_case_handler_of | is_head_of_unit)
rules.add_perm(
    "applications.comment_application",
    is_applicant_of | is_ncp_of | is_partner_ncp_of | is_staff_member | is_consulted_on,
)
# Answering a contact person's request for their data (export, erasure): the staff who handle
# the request, the head of unit and administrators.
rules.add_perm(
    "applications.manage_contact_data", is_case_handler_of | is_head_of_unit | is_administrator
)
