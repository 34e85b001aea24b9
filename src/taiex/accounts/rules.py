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


@rules.predicate
def is_administrator(user):
    return roles_of(user).has(Role.ADMINISTRATOR)


# Operators' pages of the core (core sits below accounts and names only the permission).
rules.add_perm("core.manage_outbox", is_administrator)
