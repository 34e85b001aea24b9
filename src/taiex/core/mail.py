"""Notifications: rendered now, written in the caller's transaction to the outbox (sent by the
worker after the commit) and to the recipients' inboxes; each person's choice per kind decides
whether the e-mail goes at once, in the daily digest or not at all (`inbox`)."""

import contextlib
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from . import inbox, outbox
from .languages import TypedAddress, override_for
from .models import Delivery

# Set while the demo replays its past: nothing of it is rendered, written or sent.
_muted = ContextVar("taiex_mail_muted", default=False)


@contextlib.contextmanager
def muted():
    """Within this block notify() writes nothing (no outbox row, no inbox item)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def language_holder(recipient, user):
    """Who says the language of an e-mail to `recipient` (whose address is `user`'s account, or
    None): the person's own choice first, then a guess.

    - a registration (a participant) keeps the language its person chose for it: it wins for the
      e-mails about it, even when the address is also an account's;
    - a typed address (TypedAddress: a host's contact) has the language the case handler picked
      for it: the account's own choice wins when the address is an account's;
    - a user, or an address of an account: the account's; a bare address: the default."""
    if isinstance(recipient, TypedAddress):
        return user if user is not None and user.language else recipient
    if getattr(recipient, "language", "") or user is None:
        return recipient
    return user


def notify(recipients, *, subject, template, context):
    """Write one e-mail per recipient (users or addresses) to the outbox, in this transaction,
    and an inbox item for each recipient with an account (also for an address of one).

    The body is rendered from `template` with `context` plus `recipient` and `site_url`, and the
    subject (a string, or a lazy translation) is made, in each recipient's language. The rows
    commit or roll back with the change they tell about; after the commit a task sends them, so a
    slow mail server never holds a request, and the worker retries what failed. A person who
    chose the digest or the inbox only for this kind (the template) gets no e-mail now. Returns
    how many e-mails were written.
    """
    if _muted.get():
        return 0
    recipients = list(recipients)
    kind = inbox.kind_of(template)
    accounts = inbox.accounts_of(recipients)
    deliveries = inbox.deliveries_for(accounts.values(), kind)
    messages, items = [], []
    seen = set()
    for recipient in recipients:
        address = getattr(recipient, "email", recipient)
        if not address or address.lower() in seen:
            continue  # one e-mail per address, even when a person holds several roles
        seen.add(address.lower())
        user = accounts.get(address.lower())
        # In the recipient's language, not the sender's: the subject may be lazy (gettext_lazy,
        # format_lazy) for that. See language_holder for whose language that is.
        with override_for(language_holder(recipient, user)):
            body = render_to_string(
                template, {**context, "recipient": recipient, "site_url": settings.TAIEX_SITE_URL}
            )
            subject_text = str(subject)
            # The tag that mail filters sort on, around the subject in the recipient's language.
            tagged_subject = _("[taiex] %(subject)s") % {"subject": subject_text}
        delivery = deliveries.get(user.pk, Delivery.EMAIL_NOW) if user else Delivery.EMAIL_NOW
        if user is not None and kind not in inbox.EMAIL_ONLY_KINDS:
            items.append((user, kind, subject_text, body, delivery))
        if delivery == Delivery.EMAIL_NOW:
            messages.append((address, tagged_subject, body))

    if items:
        inbox.add_items(items)
    if messages:
        pks = outbox.queue_messages(messages)
        transaction.on_commit(lambda: outbox.enqueue_delivery(pks))
    return len(messages)
