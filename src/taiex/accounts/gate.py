"""The NCP is the gate of its country: it confirms self-registered applicants and institutions
before they can submit, merges a duplicate institution into another and blocks an account.

Each write takes the acting NCP explicitly, refuses what lies outside the NCP's countries,
and writes the audit log.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taiex.core.audit import log_action

from .enums import Role
from .models import Institution, Membership, User
from .roles import roles_of


class GateError(Exception):
    """A gate decision that cannot be made; the message says why."""


def require_text(value, message):
    value = (value or "").strip()
    if not value:
        raise GateError(message)
    return value


def require_ncp_of(actor, country):
    if country.pk not in roles_of(actor).ncp_country_ids:
        raise GateError(
            _("Only a national contact point of %(country)s may do this.")
            % {"country": country.name}
        )


def confirm_institution(institution, *, actor):
    """The NCP of the institution's country confirms a self-registered institution."""
    require_ncp_of(actor, institution.country)
    with transaction.atomic():
        locked = Institution.objects.select_for_update().get(pk=institution.pk)
        if locked.confirmed_at is not None:
            raise GateError(_("%(locked)s is already confirmed.") % {"locked": locked.name})
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["confirmed_at"])
        log_action(locked, actor=actor, action="confirm_institution")
    return locked


def confirm_applicant(membership, *, actor):
    """The NCP of the institution's country confirms a self-registered applicant."""
    require_ncp_of(actor, membership.institution.country)
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.confirmed_at is not None:
            raise GateError(_("%(user)s is already confirmed.") % {"user": membership.user})
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["confirmed_at"])
        log_action(
            membership.user,
            actor=actor,
            action="confirm_applicant",
            data={"institution": membership.institution_id},
        )
    return locked


def block_account(user, *, actor, reason):
    """The NCP blocks the account of an applicant of its country (with a reason): the person
    can no longer sign in. Refused for anybody who holds a role outside the NCP's countries."""
    reason = require_text(reason, _("Give the reason for blocking the account."))
    memberships = list(user.memberships.select_related("institution__country"))
    countries = roles_of(actor).ncp_country_ids
    if not memberships or any(
        m.role != Role.APPLICANT or m.institution.country_id not in countries for m in memberships
    ):
        raise GateError(
            _("%(person)s is not only an applicant of your country: ask an administrator.")
            % {"person": user}
        )
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if not locked.is_active:
            raise GateError(_("%(person)s is already blocked.") % {"person": locked})
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        log_action(locked, actor=actor, action="block_account", note=reason)
    return locked


def merge_institution(duplicate, *, into, actor, reason):
    """Merge `duplicate` into `into` (same country): its applicants, requests, sub-institutions
    and every other record pointing at it move to `into`, and the duplicate is deleted.
    Logged on `into` with the duplicate's name and the reason."""
    reason = require_text(reason, _("Say why the institutions are the same."))
    if duplicate.pk == into.pk:
        raise GateError(_("Choose another institution to merge into."))
    if duplicate.country_id != into.country_id:
        raise GateError(_("Only institutions of the same country can be merged."))
    require_ncp_of(actor, duplicate.country)
    with transaction.atomic():
        # Both rows locked in id order, so two merges of the same pair cannot interleave.
        locked = {
            i.pk: i
            for i in Institution.objects.select_for_update()
            .filter(pk__in=[duplicate.pk, into.pk])
            .order_by("pk")
        }
        duplicate, into = locked[duplicate.pk], locked[into.pk]
        already_members = Membership.objects.filter(institution=into).values("user_id")
        Membership.objects.filter(institution=duplicate, user__in=already_members).delete()
        move_references(duplicate, into)
        name = duplicate.name
        duplicate.delete()
        log_action(
            into,
            actor=actor,
            action="merge_institution",
            note=reason,
            data={"merged": name},
        )
        if into.confirmed_at is None:
            into.confirmed_at = timezone.now()
            into.save(update_fields=["confirmed_at"])
    return into


def move_references(duplicate, into):
    """Point every foreign key and many-to-many link at `duplicate` to `into`, whatever app
    holds it (the gate must not import the apps above accounts)."""
    for relation in Institution._meta.related_objects:
        accessor = relation.get_accessor_name()
        if relation.many_to_many:
            for owner in list(getattr(duplicate, accessor).all()):
                getattr(owner, relation.field.name).add(into)
                getattr(owner, relation.field.name).remove(duplicate)
        else:
            relation.related_model._base_manager.filter(**{relation.field.name: duplicate}).update(
                **{relation.field.name: into}
            )


def submission_waits_for(user, institution):
    """Why `user` cannot yet submit for `institution`: its NCP has not confirmed the
    institution or the applicant's account. Empty when nothing waits."""
    if institution is None:
        return []
    waits = []
    country = institution.country.name
    if institution.confirmed_at is None:
        waits.append(
            _("%(institution)s waits for the national contact point of %(country)s to confirm it.")
            % {"institution": institution.name, "country": country}
        )
    unconfirmed = Membership.objects.filter(
        user=user, role=Role.APPLICANT, institution=institution, confirmed_at__isnull=True
    )
    if unconfirmed.exists():
        waits.append(
            _("Your account waits for the national contact point of %(country)s to confirm it.")
            % {"country": country}
        )
    return waits
