"""Who may read and change the rate tables: staff read them; the head of unit and
administrators change them."""

import rules

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of


@rules.predicate
def is_staff_member(user):
    return roles_of(user).is_staff_member


@rules.predicate
def may_change_rates(user):
    roles = roles_of(user)
    return roles.has(Role.HEAD_OF_UNIT) or roles.has(Role.ADMINISTRATOR)


rules.add_perm("reference.see_rates", is_staff_member)
rules.add_perm("reference.change_rates", may_change_rates)
