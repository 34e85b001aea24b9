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
