"""How long the expert database keeps what it holds (registered with `core.retention`): a
registration whose address was never confirmed, and the CV of an expert inactive for years."""

from django.db.models import F
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy

from taiex.core.models import RetentionAnchor
from taiex.core.retention import retention_kind

from .models import Expert
from .services.personal_data import erase_expert
from .services.profiles import _delete_file_after_commit


def unconfirmed_registrations_due(cutoff, anchor):
    return (
        Expert.objects.filter(
            email_confirmed_at__isnull=True, erased_at__isnull=True, created_at__date__lt=cutoff
        )
        .select_related("user")
        .order_by("created_at", "pk")
    )


@retention_kind(
    "unconfirmed_expert_registrations",
    label=gettext_lazy("Expert registrations whose e-mail address was never confirmed"),
    audiences=("experts",),
    anchors=(RetentionAnchor.ACCOUNT_CREATED,),
    due=unconfirmed_registrations_due,
    describe=lambda expert: (
        f"{expert.user.full_name} <{expert.user.email}>, registered {expert.created_at:%d %B %Y}"
    ),
    what_happens=gettext_lazy(
        "the registration is erased as on the expert's request (profile, CV, name)"
    ),
)
def erase_unconfirmed_registrations(experts):
    for expert in experts:
        erase_expert(expert, actor=None)


def last_activity():
    """The later of the last login and the last change of the profile."""
    return Greatest(Coalesce(F("user__last_login"), F("updated_at")), F("updated_at"))


def cvs_due(cutoff, anchor):
    return (
        Expert.objects.exclude(cv="")
        .filter(erased_at__isnull=True)
        .alias(last_active_at=last_activity())
        .filter(last_active_at__date__lt=cutoff)
        .select_related("user")
        .order_by("pk")
    )


@retention_kind(
    "expert_cvs",
    label=gettext_lazy("CVs of experts"),
    audiences=("experts",),
    anchors=(RetentionAnchor.LAST_ACTIVITY,),
    due=cvs_due,
    describe=lambda expert: f"{expert.user.full_name}: {expert.cv.name}",
    what_happens=gettext_lazy(
        "the CV file is deleted; the profile stays (the expert can upload a CV again when they "
        "come back)"
    ),
)
def delete_cvs(experts):
    for expert in experts:
        _delete_file_after_commit(expert.cv.storage, expert.cv.name)
        Expert.objects.filter(pk=expert.pk).update(cv="")
