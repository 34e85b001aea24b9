"""Erasure of an account that is not an expert's (applicants, NCPs, consulted services, staff)
and the retention of accounts never confirmed. The export of any account is
`queries.personal_data_of`; an expert's account is erased with the profile
(`experts.services.personal_data.erase_expert`)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taiex.core.audit import log_action
from taiex.core.models import ActivityLog, RetentionAnchor
from taiex.core.personal_data import run_erasure_steps
from taiex.core.retention import retention_kind

from .enums import Role
from .models import ApiToken, Membership, User
from .roles import forget_roles

ERASED_DOMAIN = "erased.invalid"


class AccountErasureError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def is_erased(user):
    return user.email.endswith("@" + ERASED_DOMAIN)


def erasure_refusal(user):
    """Why the account `user` cannot be erased here, or ""."""
    if is_erased(user):
        return "The personal data of this account is already erased."
    if user.memberships.filter(role=Role.EXPERT).exists() or hasattr(user, "expert"):
        return "This is an expert's account: erase it from the expert's profile page."
    return ""


def _anonymise_account(user):
    """Name, address, position and phone replaced, password unusable, account inactive, roles
    and API tokens ended; what the apps above hold under the person (erasure steps) and the
    audit rows about the account lose the name. Decisions and other acts of the person stay,
    attributed to the placeholder (the instrument must keep who decided)."""
    placeholder = f"Erased person {user.pk}"
    name, email = user.full_name, user.email
    user.full_name = placeholder
    user.email = f"user-{user.pk}@{ERASED_DOMAIN}"
    user.position = ""
    user.phone = ""
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["full_name", "email", "position", "phone", "is_active", "password"])
    Membership.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    forget_roles(user)
    run_erasure_steps(user, name=name, placeholder=placeholder, email=email)
    ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=placeholder)
    return name


def erase_account(user, *, actor, reason):
    """Erase the personal data of an account on request (an applicant, an NCP, a consulted
    service, a case handler...): see `_anonymise_account`. Refused without a reason, for an
    account already erased and for an expert's account. One audit row on the account."""
    reason = (reason or "").strip()
    if not reason:
        raise AccountErasureError(
            "Say why the personal data is erased (for example: at the person's request).",
            "reason",
        )
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        refusal = erasure_refusal(locked)
        if refusal:
            raise AccountErasureError(refusal)
        _anonymise_account(locked)
        log_action(
            locked, actor=actor, action="erase_account", note=f"Personal data erased: {reason}"
        )
    user.refresh_from_db()
    return locked


def unconfirmed_accounts_due(cutoff, anchor):
    """Applicants' accounts made before `cutoff` that their NCP never confirmed, that hold no
    other role and never created a request."""
    confirmed = Membership.objects.filter(user=OuterRef("pk"), confirmed_at__isnull=False)
    waiting = Membership.objects.filter(
        user=OuterRef("pk"), role=Role.APPLICANT, confirmed_at__isnull=True
    )
    return (
        User.objects.filter(Exists(waiting), ~Exists(confirmed), date_joined__date__lt=cutoff)
        .filter(created_applications__isnull=True)
        .exclude(email__endswith="@" + ERASED_DOMAIN)
        .order_by("date_joined", "pk")
    )


@retention_kind(
    "unconfirmed_applicant_accounts",
    label=gettext_lazy("Applicants' accounts never confirmed by their national contact point"),
    audiences=("applicants",),
    anchors=(RetentionAnchor.ACCOUNT_CREATED,),
    due=unconfirmed_accounts_due,
    describe=lambda user: (
        _("%(name)s <%(email)s>, registered %(date)s")
        % {
            "name": user.full_name,
            "email": user.email,
            "date": date_format(user.date_joined, "j F Y"),
        }
    ),
    what_happens=gettext_lazy(
        "the account is erased: name, address, position and phone go, it is closed"
    ),
)
def anonymise_unconfirmed_accounts(users):
    for user in users:
        _anonymise_account(user)
        log_action(
            user, actor=None, action="erase_account", note="Never confirmed: retention rule."
        )
