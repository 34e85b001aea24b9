"""Who may see what about people and institutions (django-rules predicates)."""

import rules

from .enums import Role
from .roles import roles_of


@rules.predicate
def is_ncp(user):
    """A national contact point of at least one country."""
    return bool(roles_of(user).ncp_country_ids)


@rules.predicate
def is_applicant(user):
    return roles_of(user).has(Role.APPLICANT)


rules.add_perm("accounts.view_new_people", is_ncp)


# The rate tables of `reference` (below accounts, so the rules about them live here): staff read
# them; the head of unit and administrators change them.
@rules.predicate
def is_staff_member(user):
    return roles_of(user).is_staff_member


@rules.predicate
def may_change_rates(user):
    roles = roles_of(user)
    return roles.has(Role.HEAD_OF_UNIT) or roles.has(Role.ADMINISTRATOR)


rules.add_perm("reference.see_rates", is_staff_member)
rules.add_perm("reference.change_rates", may_change_rates)


@rules.predicate
def is_administrator(user):
    return roles_of(user).has(Role.ADMINISTRATOR)


# Operators' pages of the core (core sits below accounts and names only the permission).
rules.add_perm("core.manage_outbox", is_administrator)


# The audit log and the retention sweep's dry run (core pages): who answers for the whole
# programme's records, the head of unit, and the administrators. Case handlers see the history
# of their own requests and events on those pages; the whole log names every person.
@rules.predicate
def is_head_of_unit_or_administrator(user):
    roles = roles_of(user)
    return roles.has(Role.HEAD_OF_UNIT) or roles.has(Role.ADMINISTRATOR)


rules.add_perm("core.view_audit_log", is_head_of_unit_or_administrator)
rules.add_perm("core.view_retention_report", is_head_of_unit_or_administrator)
rules.add_perm("core.change_retentionrule", is_administrator)
rules.add_perm("core.view_retentionrule", is_administrator)
# Erasing an account on the person's request (an applicant, an NCP, staff).
rules.add_perm("accounts.erase_account", is_administrator)
