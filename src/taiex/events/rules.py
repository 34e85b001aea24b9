"""Who may see and move an event (django-rules predicates).

Whether a move exists is the workflow's table; these rules only say who may ask for it.
"""

import rules

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of


@rules.predicate
def is_staff_member(user):
    return roles_of(user).is_staff_member


@rules.predicate
def is_case_handler_of(user, event):
    """The event's own case handler, or a case handler of the team that runs it."""
    roles = roles_of(user)
    return Role.CASE_HANDLER in roles.roles and (
        event.case_handler_id == user.pk
        or (event.team_id is not None and event.team_id in roles.team_ids)
    )


@rules.predicate
def is_head_of_unit(user):
    return roles_of(user).has(Role.HEAD_OF_UNIT)


@rules.predicate
def is_administrator(user):
    return roles_of(user).has(Role.ADMINISTRATOR)


@rules.predicate
def is_ncp_of(user, event):
    countries = roles_of(user).ncp_country_ids
    if not countries:
        return False
    if event.beneficiary_id in countries:
        return True
    return any(country.pk in countries for country in event.other_beneficiaries.all())


@rules.predicate
def is_applicant_of(user, event):
    application = event.application
    if application is None or not user.is_authenticated:
        return False
    return application.created_by_id == user.pk or (
        application.lead_institution_id is not None
        and application.lead_institution_id in roles_of(user).institution_ids
    )


@rules.predicate
def is_accepted_expert_of(user, event):
    """One of the experts of the event (they accepted its invitation)."""
    if not user.is_authenticated or not roles_of(user).has(Role.EXPERT):
        return False
    return event.event_experts.current().filter(expert__user=user).exists()


may_manage = is_case_handler_of | is_head_of_unit | is_administrator

rules.add_perm("events.list_events", is_staff_member)
rules.add_perm("events.see_event", is_staff_member | is_ncp_of | is_applicant_of)
rules.add_perm("events.manage_event", may_manage)
# Exceptions to the dated limits: the event's case handler asks, the head of unit decides.
rules.add_perm("events.request_limit_exception", is_case_handler_of)
rules.add_perm("events.decide_limit_exception", is_head_of_unit)
# The meeting link of an online or hybrid event: only people registered for it (and the staff
# who manage it); participants receive it by e-mail. Never on a public page.
rules.add_perm("events.see_meeting_link", may_manage | is_accepted_expert_of)
# Participants: staff who manage the event, the request's applicant (the beneficiary's focal
# point) or the NCP of a beneficiary country register and cancel them.
rules.add_perm("events.register_participant", may_manage | is_applicant_of | is_ncp_of)


@rules.predicate
def is_finance(user):
    return roles_of(user).has(Role.FINANCE)


# Money (fee statements, payment lists, bank details): the case handlers of the event's team
# (or its own case handler), the head of unit, the administrator and finance; other case
# handlers get 404 like for a hidden event (`queries.fees.events_with_money_visible_to` is the
# same rule as a queryset).
may_see_money = is_case_handler_of | is_head_of_unit | is_administrator | is_finance
# Who pays: sends approved statements for payment, marks them paid or rejected, imports the
# bank's answer and reads bank details unmasked. Approving a statement stays with those who
# manage the event (the one who checks the computation is not the one who pays).
may_pay = is_head_of_unit | is_finance

rules.add_perm("events.see_money", may_see_money)
rules.add_perm("events.see_payments", is_staff_member | is_finance)
rules.add_perm("events.pay_statements", may_pay)
rules.add_perm("events.see_bank_details", may_pay)


@rules.predicate
def is_contractor_of(user, event):
    """A person of the logistics contractor assigned to the event."""
    contractors = roles_of(user).contractor_ids
    if not contractors or not roles_of(user).has(Role.LOGISTICS):
        return False
    assignment = getattr(event, "contractor_assignment", None)
    return assignment is not None and assignment.contractor_id in contractors


# Logistics (docs/decisions.md, "The logistics contractor and its bookings"): the contractor
# assigned to the event reads its logistics page (travellers' names, phones and dates only) and
# books; staff read it; those who manage the event also book and assign the contractor.
rules.add_perm("events.see_logistics", is_contractor_of | is_staff_member)
rules.add_perm("events.book_logistics", is_contractor_of | may_manage)
rules.add_perm("events.assign_contractor", may_manage)

# The host of a study visit: the event's case handler (or its team's) asks a Member State
# administration and records its answer; the head of unit may stand in.
rules.add_perm("events.arrange_host", is_case_handler_of | is_head_of_unit)
# The address the host administration is written to (given by the case handler when asking):
# those who arrange the host read it on the event's page; the applicant, the NCP, other teams
# and the public do not (docs/decisions.md, "The host's contact address on the event page").
rules.add_perm("events.see_host_contact", is_case_handler_of | is_head_of_unit)

# A request answered by a series of events: the event's case handler (or its team's) adds a
# follow-up event; the head of unit may stand in.
rules.add_perm("events.add_follow_up", is_case_handler_of | is_head_of_unit)
