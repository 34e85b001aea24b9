"""The participant's documents as PDF (WeasyPrint): the confirmation letter, the certificate of
attendance, and all certificates of an event in one file. Each carries the event's reference and
the participant's check code, which the public verification page confirms. Each is written in
the language kept with the registration (Participant.language), not the language of whoever
downloads it: a French participant's certificate is in French for an English case handler too."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML

from taiex.core.languages import override_for

from .enums import PUBLIC_STATES, ParticipantState
from .queries.participants import certificate_holders, days_attended, meeting_link_of


class DocumentNotAvailable(Exception):
    """The document does not exist for this participant (yet), with the reason."""


def render_pdf(template, context):
    html = render_to_string(template, {**context, "issued_on": timezone.localdate()})
    stylesheet = CSS(string=render_to_string("events/participants/pdf/document.css"))
    return HTML(string=html, url_fetcher=refuse_fetch).write_pdf(stylesheets=[stylesheet])


def refuse_fetch(url, *args, **kwargs):
    """The documents are self-contained: text typed by people never makes the renderer fetch
    a file or an address."""
    raise ValueError(f"The participant documents load no resources ({url}).")


def verification_url(participant):
    return settings.TAIEX_SITE_URL + reverse("events:verify", args=[participant.check_code])


def confirmation_letter_pdf(participant):
    """The letter that confirms an approved participant's seat (and, online, the link)."""
    if participant.state != ParticipantState.APPROVED:
        raise DocumentNotAvailable(_("Only approved participants get a confirmation letter."))
    event = participant.event
    with override_for(participant):
        return render_pdf(
            "events/participants/pdf/letter.html",
            {
                "participant": participant,
                "event": event,
                "meeting_link": meeting_link_of(event),
                "verification_url": verification_url(participant),
            },
        )


def certificate_context(participant, days):
    return {
        "participant": participant,
        "event": participant.event,
        "days": days,
        "verification_url": verification_url(participant),
    }


def certificate_section(participant, days):
    """One certificate's page, in the participant's language."""
    with override_for(participant):
        return render_to_string(
            "events/participants/pdf/_certificate.html",
            {
                "certificate": certificate_context(participant, days),
                "event": participant.event,
                "issued_on": timezone.localdate(),
            },
        )


def certificate_pdf(participant):
    """The certificate of attendance: after the event, for someone present at least one day."""
    if participant.event.state not in PUBLIC_STATES:
        raise DocumentNotAvailable(_("Certificates are issued once the event is implemented."))
    days = days_attended(participant)
    if not days:
        raise DocumentNotAvailable(
            _("%(name)s attended no day of the event.") % {"name": participant.full_name}
        )
    with override_for(participant):
        return render_pdf(
            "events/participants/pdf/certificates.html",
            {"sections": [certificate_section(participant, days)], "event": participant.event},
        )


def certificates_pdf(event):
    """Every certificate of attendance of the event, one page each, in one file."""
    if event.state not in PUBLIC_STATES:
        raise DocumentNotAvailable(_("Certificates are issued once the event is implemented."))
    holders = list(certificate_holders(event))
    if not holders:
        raise DocumentNotAvailable(_("No participant is recorded as present."))
    sections = []
    for participant in holders:
        participant.event = event
        days = sorted(row.day for row in participant.attendance.all() if row.present)
        sections.append(certificate_section(participant, days))
    # Each page in its participant's language; the file's title in the reader's.
    return render_pdf(
        "events/participants/pdf/certificates.html", {"sections": sections, "event": event}
    )
