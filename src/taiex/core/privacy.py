"""The privacy notices, one per audience, in the form of an EU institution's data-protection
notice (Regulation (EU) 2018/1725). The retention periods are not written here: the notice
reads them from the retention rules, so a changed rule changes the notice."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Notice:
    audience: str
    title: str
    short: str
    purposes: tuple[str, ...]
    legal_basis: tuple[str, ...]
    data: tuple[str, ...]
    sources: str
    recipients: tuple[str, ...]
    rights: tuple[str, ...]


PUBLIC_TASK = _(
    "Article 5(1)(a) of Regulation (EU) 2018/1725: the processing is necessary for a task "
    "carried out in the public interest, the implementation of the Union's technical assistance "
    "under Regulation (EU) 2021/1529 (IPA III) and Regulation (EU) 2021/947 (NDICI-Global "
    "Europe) and, for the Member States' strands, the programmes they finance."
)

NOTICES = {
    notice.audience: notice
    for notice in [
        Notice(
            audience="experts",
            title=_("Privacy notice for experts"),
            short=_("Experts (the expert database, invitations, travel, fees, evaluations)"),
            purposes=(
                _(
                    "To keep a database of public officials of the Member States who share their "
                    "expertise, and to find the right experts for the events requested."
                ),
                _(
                    "To invite experts, organise their travel and accommodation, and pay their "
                    "fees and allowances."
                ),
                _(
                    "To ask experts and participants to evaluate the events, and to show each "
                    "expert their own average ratings."
                ),
            ),
            legal_basis=(
                PUBLIC_TASK,
                _(
                    "Article 5(1)(d) (consent), given at registration, for keeping the profile and "
                    "CV to invite the expert; it can be withdrawn at any time by deactivating or "
                    "erasing the profile."
                ),
            ),
            data=(
                _("Name, e-mail address, phone, position and employer."),
                _(
                    "Professional profile: expertise, keywords, negotiating chapters, years of "
                    "experience, languages and levels, unavailabilities, CV."
                ),
                _(
                    "Participation in events: invitations, expressions of interest, travel and "
                    "flights, and the fee statements computed for payment."
                ),
                _("Ratings given by participants (only averages are shown, never who rated)."),
            ),
            sources=_(
                "The expert, their employer's confirmation, and the staff running the events."
            ),
            recipients=(
                _(
                    "The Commission staff running the instrument (case handlers, head of unit, "
                    "administrators) and the contractor that organises the events' logistics."
                ),
                _(
                    "The beneficiary institution of an event: the name, employer and role of the "
                    "experts delivering it, on the agenda."
                ),
                _(
                    "The public: the names of experts are not published; public event pages list "
                    "Member States, not people."
                ),
                _(
                    "Nobody else, unless required by Union law (for example the European Court of "
                    "Auditors or OLAF in an audit or investigation)."
                ),
            ),
            rights=(
                _(
                    "Access and portability: the page of your profile has “Download my data”, a "
                    "file of everything stored about you."
                ),
                _("Rectification: you edit your profile yourself."),
                _(
                    "Erasure and withdrawal of consent: “Erase my data” on your profile removes "
                    "your profile, CV, languages and the name in event histories; the events you "
                    "worked on keep their figures, and fee statements already paid are kept as the "
                    "financial rules require, under a placeholder name."
                ),
            ),
        ),
        Notice(
            audience="applicants",
            title=_("Privacy notice for applicants and contact persons"),
            short=_("Applicants and the contact persons named in requests"),
            purposes=(
                _(
                    "To receive, check, consult on and decide requests for assistance, and to keep "
                    "the applicant and the contact persons informed."
                ),
                _(
                    "To confirm, through the national contact point, that an applicant works for "
                    "the institution they register for."
                ),
                _(
                    "About six months after an event, to ask the requesting institution what "
                    "changed (the follow-up evaluation)."
                ),
            ),
            legal_basis=(PUBLIC_TASK,),
            data=(
                _(
                    "Applicants: name, e-mail address, phone, position, institution, and the "
                    "requests they prepare and submit."
                ),
                _(
                    "Contact persons: name, position, e-mail address and phone, as given "
                    "in a request."
                ),
                _("The history of each request: who did what and when."),
            ),
            sources=_("The applicant, who names the contact persons of a request."),
            recipients=(
                _(
                    "The national contact point of the country, the consulted services (the EU "
                    "Delegation, the geographic desk and the Directorates-General concerned) and "
                    "the Commission staff running the instrument."
                ),
                _("The contractor organising an approved event, for the contact persons."),
                _(
                    "The public sees no names: only implemented events are published, without "
                    "contact persons."
                ),
            ),
            rights=(
                _(
                    "Access and portability: with an account, “Download my data” on your profile "
                    "page; a contact person without an account writes to the contact below and "
                    "staff send them the export of what is held under their address."
                ),
                _(
                    "Rectification: the applicant corrects a request while it is a draft or "
                    "returned; otherwise write to the contact below."
                ),
                _(
                    "Erasure: on request, staff erase an account or a contact person; the request "
                    "and its decision are kept (the instrument must keep them) with a placeholder "
                    "instead of the name."
                ),
            ),
        ),
        Notice(
            audience="participants",
            title=_("Privacy notice for participants in events"),
            short=_("Participants in workshops, expert missions and study visits"),
            purposes=(
                _(
                    "To register participants, manage the seats and the waiting list, organise "
                    "travel where the programme pays it, and record attendance."
                ),
                _("To issue attendance certificates that anybody can check with their code."),
                _(
                    "To ask participants, right after the event, to evaluate it; the answers are "
                    "stored without any link to the person."
                ),
            ),
            legal_basis=(PUBLIC_TASK,),
            data=(
                _("Name, e-mail address, phone, position, institution and country."),
                _("Registration state, attendance per day, travel and flights where organised."),
                _("Whether the person answered the evaluation (never what they answered)."),
            ),
            sources=_(
                "The participant, or the person who registers them (the national contact "
                "point, the focal point of the beneficiary institution or staff)."
            ),
            recipients=(
                _(
                    "The Commission staff running the event, the experts delivering it (the list "
                    "of participants) and the contractor organising its logistics."
                ),
                _("Anybody holding a certificate's code sees the name on that certificate."),
                _(
                    "Evaluation answers are shown only as figures from five answers on; nobody, "
                    "staff included, sees who answered what."
                ),
            ),
            rights=(
                _(
                    "Access and portability: with an account, “Download my data” on your profile "
                    "page; otherwise write to the contact below."
                ),
                _("Rectification: write to the contact below or to the organiser of the event."),
                _(
                    "Erasure: on request, staff erase a registration (cancel it first while the "
                    "event is being prepared); the registration stays as a count, without the name."
                ),
            ),
        ),
        Notice(
            audience="public",
            title=_("Privacy notice for visitors of the public pages"),
            short=_("Visitors of the public search, event pages, statistics and open data"),
            purposes=(
                _("To publish the implemented events, statistics and open data of the instrument."),
                _("To keep the site running and secure."),
            ),
            legal_basis=(PUBLIC_TASK,),
            data=(
                _(
                    "No account is needed and no tracking or advertising cookie is set. A failed "
                    "login is recorded with the address it came from and the time, to stop "
                    "password guessing; a logged-in person's session cookie is strictly necessary "
                    "for their work."
                ),
                _(
                    "The public pages show no personal data: events list institutions, countries "
                    "and Member States, not people."
                ),
            ),
            sources=_("Your browser."),
            recipients=(_("The operators of the service, for security only."),),
            rights=(
                _("Write to the contact below about anything the public pages show or record."),
            ),
        ),
    ]
}
