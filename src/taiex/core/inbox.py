"""The in-app inbox beside the e-mails: every notification `mail.notify` writes for a person with
an account is also an inbox item, and the person's choice per kind of notification decides
whether it is e-mailed at once, gathered into the daily digest, or stays in the inbox only.

The unread count lives on the user row (`inbox_unread`): new items add to it with F(), reading
recounts it, so the header shows it without a query of its own."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import outbox
from .languages import override_for
from .models import Delivery, InboxItem, NotificationPreference

# The kinds a person may choose a delivery for, by template (without ".txt"), with the words the
# preferences page uses. A template not listed here is e-mailed at once and kept in the inbox.
KINDS = {
    "applications/email/move": gettext_lazy(
        "Your requests: submitted, returned, forwarded, decided..."
    ),
    "applications/email/reminder": gettext_lazy("Reminders of requests waiting too long"),
    "events/email/move": gettext_lazy("Events: confirmed, postponed, cancelled, closed"),
    "events/email/host": gettext_lazy("Study visits: hosts asked, agreed or declined"),
    "events/reports/email/submitted": gettext_lazy("Mission reports submitted"),
    "events/reports/email/reviewed": gettext_lazy("Mission reports reviewed"),
    "staffing/invitations/email/invited": gettext_lazy(
        "Invitations to take part in an event as an expert"
    ),
    "staffing/invitations/email/reminder": gettext_lazy(
        "Reminders of invitations without an answer"
    ),
    "staffing/invitations/email/answer": gettext_lazy("Experts' answers to invitations"),
    "staffing/invitations/email/withdrawn": gettext_lazy("Invitations withdrawn"),
    "evaluations/email/request": gettext_lazy("Requests to evaluate an event"),
    "accounts/email/new_applicant": gettext_lazy("New applicants in your country"),
    "accounts/email/applicant_welcome": gettext_lazy("Welcome to a new applicant"),
    "experts/profiles/email/verified": gettext_lazy("Your expert profile verified"),
    "experts/profiles/email/rejected": gettext_lazy("Your expert profile not accepted"),
    "events/participants/email/approved": gettext_lazy("Participants: registration approved"),
    "events/participants/email/waitlisted": gettext_lazy("Participants: on the waiting list"),
    "events/participants/email/moved_up": gettext_lazy(
        "Participants: moved up from the waiting list"
    ),
    "events/participants/email/rejected": gettext_lazy("Participants: registration not accepted"),
    "events/participants/email/cancelled": gettext_lazy("Participants: registration cancelled"),
}
# Proofs of an address (a confirmation link, a warning that somebody registered with it) go to
# the address at once and only there: they must reach the mailbox, not an account.
EMAIL_ONLY_KINDS = {
    "accounts/email/registration_of_taken_address",
    "experts/profiles/email/confirm_email",
}


def kind_of(template):
    return template.removesuffix(".txt")


def accounts_of(recipients):
    """{address (lower case): active user} for the recipients: users as given, addresses looked
    up in one query."""
    user_model = get_user_model()
    found = {}
    addresses = set()
    for recipient in recipients:
        if isinstance(recipient, user_model):
            if recipient.is_active and recipient.email:
                found[recipient.email.lower()] = recipient
        else:
            address = getattr(recipient, "email", recipient)
            if address:
                addresses.add(address.lower())
    addresses -= set(found)
    if addresses:
        for user in user_model.objects.annotate(address=Lower("email")).filter(
            address__in=addresses, is_active=True
        ):
            found[user.address] = user
    return found


def deliveries_for(users, kind):
    """{user id: Delivery} of these users for `kind` (e-mail at once when they did not choose)."""
    users = list(users)
    if kind in EMAIL_ONLY_KINDS or not users:
        return {}
    chosen = NotificationPreference.objects.filter(
        user__in=[user.pk for user in users], kind=kind
    ).values_list("user_id", "delivery")
    return dict(chosen)


def add_items(rows):
    """Write the inbox items (user, kind, subject, body, delivery) and add them to the counts."""
    items = [
        InboxItem(
            user=user,
            kind=kind,
            subject=subject,
            body=body,
            digest_due=delivery == Delivery.DAILY_DIGEST,
        )
        for user, kind, subject, body, delivery in rows
    ]
    InboxItem.objects.bulk_create(items)
    user_model = get_user_model()
    for user_id in {item.user_id for item in items}:
        added = sum(1 for item in items if item.user_id == user_id)
        user_model.objects.filter(pk=user_id).update(inbox_unread=F("inbox_unread") + added)
    return items


# Reads and the person's own moves.


def items_of(user):
    return InboxItem.objects.filter(user=user)


def recount(user):
    """Set the user's unread count from their items (after reading, so it can never drift)."""
    unread = (
        InboxItem.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    get_user_model().objects.filter(pk=user.pk).update(
        inbox_unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))
    )
    user.refresh_from_db(fields=["inbox_unread"])


def mark_read(item, *, user):
    """The user read `item` (their own; the view finds it among theirs, 404 otherwise)."""
    with transaction.atomic():
        changed = InboxItem.objects.filter(pk=item.pk, user=user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if changed:
            recount(user)
    return bool(changed)


def mark_all_read(user):
    """Every unread item of `user` becomes read; returns how many."""
    with transaction.atomic():
        changed = InboxItem.objects.filter(user=user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        recount(user)
    return changed


def preferences_of(user):
    """{kind: Delivery} for every choosable kind (e-mail at once unless the user chose)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, Delivery.EMAIL_NOW) for kind in KINDS}


def set_preferences(user, choices):
    """Save the user's choices {kind: Delivery}; only known kinds and deliveries are accepted
    (the form checks them). E-mail at once is the default and needs no row."""
    with transaction.atomic():
        for kind, delivery in choices.items():
            if kind not in KINDS or delivery not in Delivery.values:
                raise ValueError(f"Unknown kind or delivery: {kind}, {delivery}")
            if delivery == Delivery.EMAIL_NOW:
                NotificationPreference.objects.filter(user=user, kind=kind).delete()
            else:
                NotificationPreference.objects.update_or_create(
                    user=user, kind=kind, defaults={"delivery": delivery}
                )


# The daily digest.


def digest_moment(now=None):
    """The latest digest time (TAIEX_DIGEST_HOUR, local time) at or before `now`: items
    created before it go into the digest sent at it."""
    now = timezone.localtime(now or timezone.now())
    moment = timezone.make_aware(
        datetime.combine(now.date(), time(settings.TAIEX_DIGEST_HOUR)), now.tzinfo
    )
    return moment if moment <= now else moment - timedelta(days=1)


def next_digest_moment(now=None):
    return digest_moment(now) + timedelta(days=1)


def send_due_digests(now=None):
    """Send each person one e-mail with their digest items created before the latest digest
    time; returns how many digests were written to the outbox. Each item is claimed under a
    row lock inside the transaction that writes the e-mail, so a second run (a retried task, a
    second worker) finds nothing left and sends nothing twice."""
    now = now or timezone.now()
    waiting = InboxItem.objects.filter(
        digest_due=True, digest_sent_at__isnull=True, created_at__lt=digest_moment(now)
    )
    sent = 0
    for user_id in waiting.values_list("user_id", flat=True).distinct().order_by("user_id"):
        with transaction.atomic():
            items = list(
                waiting.filter(user_id=user_id)
                .select_for_update()
                .select_related("user")
                .order_by("created_at", "pk")
            )
            if not items:
                continue
            InboxItem.objects.filter(pk__in=[item.pk for item in items]).update(digest_sent_at=now)
            user = items[0].user
            pks = outbox.queue_messages([(user.email, *digest_message(user, items))])
            transaction.on_commit(lambda pks=pks: outbox.enqueue_delivery(pks))
            sent += 1
    return sent


def digest_message(user, items):
    """The digest's subject and body, in the person's language (core.languages)."""
    with override_for(user):
        return _digest_message(user, items)


def _digest_message(user, items):
    site = settings.TAIEX_SITE_URL
    count = len(items)
    digest = ngettext(
        "Your daily digest: %(count)s notification",
        "Your daily digest: %(count)s notifications",
        count,
    ) % {"count": count}
    subject = _("[taiex] %(subject)s") % {"subject": digest}
    parts = [
        _("Hello %(name)s,") % {"name": user.full_name or user.email},
        "",
        ngettext(
            "%(count)s notification since your last digest. All of them are in your inbox: %(url)s",
            "%(count)s notifications since your last digest. All of them are in your inbox: "
            "%(url)s",
            count,
        )
        % {"count": count, "url": f"{site}{reverse('core:inbox')}"},
        _("You choose how each kind reaches you: %(url)s")
        % {"url": f"{site}{reverse('core:inbox_settings')}"},
    ]
    for item in items:
        stamp = date_format(timezone.localtime(item.created_at), "d M Y H:i")
        parts += ["", "=" * 70, f"{item.subject.removeprefix('[taiex] ')} ({stamp})", "", item.body]
    return subject, "\n".join(parts)
