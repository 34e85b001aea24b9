"""How long copies of sent e-mails are kept in the outbox (registered with core.retention):
the message was delivered; its copy (address, body) is only kept to look into a complaint."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import OutboxMessage, OutboxStatus, RetentionAnchor
from .retention import retention_kind


def sent_mail_due(cutoff, anchor):
    return OutboxMessage.objects.filter(
        status=OutboxStatus.SENT, sent_at__date__lt=cutoff
    ).order_by("sent_at", "pk")


@retention_kind(
    "sent_mail_copies",
    label=gettext_lazy("Copies of e-mails sent by the application"),
    audiences=("experts", "applicants", "participants"),
    anchors=(RetentionAnchor.MAIL_SENT,),
    due=sent_mail_due,
    describe=lambda message: (
        _("%(subject)s to %(address)s, sent %(date)s")
        % {
            "subject": message.subject,
            "address": message.to_address,
            "date": date_format(message.sent_at, "j F Y"),
        }
    ),
    what_happens=gettext_lazy("the copy is deleted"),
)
def delete_sent_mail(messages):
    OutboxMessage.objects.filter(pk__in=[message.pk for message in messages]).delete()
