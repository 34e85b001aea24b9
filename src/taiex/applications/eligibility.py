"""Completeness and eligibility of a request, evaluated at submission and shown with reasons.

The limits come from reference data (AssistanceLimit, BeneficiaryPeriod, InstitutionKind), so
they change with the data, not the code.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from taiex.core.languages import offered
from taiex.core.lazy_text import lazy_format
from taiex.reference.enums import AssistanceType, Modality
from taiex.reference.queries import kind_is_eligible_on, limit_for, windows_open_for
from taiex.reference.translation import lazy_name, translated

CELEX_PATTERN = re.compile(r"^[0-9CE][0-9]{4}[A-Z]{1,2}[0-9A-Z()_]{1,12}$")


@dataclass(frozen=True)
class Check:
    """One eligibility rule and its outcome, with a sentence a person can act on."""

    code: str
    field: str
    passed: bool
    message: str

    def as_dict(self):
        """The check as kept at submission: its message in English and, in `messages`, in every
        offered language, so each reader sees the reasons of that day in their own language."""
        messages = {}
        for code, _name in offered():
            with translation.override(code):
                messages[code] = str(self.message)
        return {
            "code": self.code,
            "field": self.field,
            "passed": self.passed,
            "message": messages.get(settings.LANGUAGE_CODE, str(self.message)),
            "messages": messages,
        }


def _day(day):
    return date_format(day, "d F Y")


# Made when read, in the reader's language: a day ("01 March 2024", "01 mars 2024"), a name in
# lower case, a list of window names.
lazy_day = lazy(_day, str)
lazy_lower_name = lazy(lambda obj: translated(obj).lower(), str)
lazy_names = lazy(lambda objs: ", ".join(translated(obj) for obj in objs), str)
lazy_lower = lazy(lambda text: str(text).lower(), str)


def evaluate_eligibility(application, day: date) -> list[Check]:
    """The eligibility rules for `application` on `day`; rules that lack their data are left out."""
    checks = []
    lead = application.lead_institution
    window = application.window
    if lead is not None:
        country = lead.country
        open_windows = list(windows_open_for(country, day))
        if not open_windows:
            checks.append(
                Check(
                    "country_window",
                    "lead_institution",
                    False,
                    lazy_format(
                        _("%(country)s is not in an open window on %(day)s."),
                        country=lazy_name(country),
                        day=lazy_day(day),
                    ),
                )
            )
        elif window is not None and window not in open_windows:
            checks.append(
                Check(
                    "country_window",
                    "window",
                    False,
                    lazy_format(
                        _(
                            "%(country)s is not in the window %(window)s on %(day)s; open windows: "
                            "%(windows)s."
                        ),
                        country=lazy_name(country),
                        window=lazy_name(window),
                        day=lazy_day(day),
                        windows=lazy_names(open_windows),
                    ),
                )
            )
        elif window is not None:
            checks.append(
                Check(
                    "country_window",
                    "window",
                    True,
                    lazy_format(
                        _("%(country)s is in the window %(window)s on %(day)s."),
                        country=lazy_name(country),
                        window=lazy_name(window),
                        day=lazy_day(day),
                    ),
                )
            )
        checks.append(kind_check(lead, "lead_institution", day))
    if application.pk:
        for partner in application.partner_institutions.all():
            checks.append(kind_check(partner, "partner_institutions", day))
            if (
                lead is not None
                and partner.country_id != lead.country_id
                and application.assistance_type
                and application.assistance_type != AssistanceType.WORKSHOP
            ):
                checks.append(
                    Check(
                        "partner_country",
                        "partner_institutions",
                        False,
                        lazy_format(
                            _(
                                "%(institution)s is in %(country)s; only a workshop can bring "
                                "together institutions of several countries."
                            ),
                            institution=partner.name,
                            country=lazy_name(partner.country),
                        ),
                    )
                )
    checks.extend(limit_checks(application, day))
    return checks


def kind_check(institution, field, day):
    """The institution's kind is eligible on `day` (dated: local authorities from 2018)."""
    kind = institution.kind
    if kind_is_eligible_on(kind, day):
        return Check(
            "institution_kind",
            field,
            True,
            lazy_format(
                _("%(institution)s: %(kind)s is eligible."),
                institution=institution.name,
                kind=lazy_name(kind),
            ),
        )
    return Check(
        "institution_kind",
        field,
        False,
        lazy_format(
            _(
                "%(institution)s is a %(kind)s; this kind of institution cannot receive assistance "
                "on %(day)s."
            ),
            institution=institution.name,
            kind=lazy_lower_name(kind),
            day=lazy_day(day),
        ),
    )


# The limits of a type of assistance, by whether the window is a peer-to-peer one; `count` is
# what the request asks for and chooses the plural form.
MAX_DAYS = {
    False: ngettext_lazy(
        "%(type)s: at most %(max)s days; these dates span %(count)s day.",
        "%(type)s: at most %(max)s days; these dates span %(count)s days.",
        "count",
    ),
    True: ngettext_lazy(
        "%(type)s in a peer-to-peer window: at most %(max)s days; these dates span %(count)s day.",
        "%(type)s in a peer-to-peer window: at most %(max)s days; these dates span %(count)s days.",
        "count",
    ),
}
MAX_EXPERTS = {
    False: _("%(type)s: at most %(max)s experts; %(count)s requested."),
    True: _("%(type)s in a peer-to-peer window: at most %(max)s experts; %(count)s requested."),
}
MAX_PARTICIPANTS = {
    False: _("%(type)s: at most %(max)s participants; %(count)s requested."),
    True: _(
        "%(type)s in a peer-to-peer window: at most %(max)s participants; %(count)s requested."
    ),
}


def limit_checks(application, day):
    if not application.assistance_type:
        return []
    peer_to_peer = bool(application.window and application.window.is_peer_to_peer)
    limit = limit_for(application.assistance_type, peer_to_peer=peer_to_peer, day=day)
    if limit is None:
        return []
    type_name = AssistanceType(application.assistance_type).label
    checks = []
    days = application.duration_days
    if days is not None:
        checks.append(
            Check(
                "max_days",
                "preferred_end",
                days <= limit.max_days,
                lazy_format(MAX_DAYS[peer_to_peer], type=type_name, max=limit.max_days, count=days),
            )
        )
    if limit.max_experts is not None and application.experts_count is not None:
        checks.append(
            Check(
                "max_experts",
                "experts_count",
                application.experts_count <= limit.max_experts,
                lazy_format(
                    MAX_EXPERTS[peer_to_peer],
                    type=type_name,
                    max=limit.max_experts,
                    count=application.experts_count,
                ),
            )
        )
    if limit.max_participants is not None and application.participants_count is not None:
        checks.append(
            Check(
                "max_participants",
                "participants_count",
                application.participants_count <= limit.max_participants,
                lazy_format(
                    MAX_PARTICIPANTS[peer_to_peer],
                    type=type_name,
                    max=limit.max_participants,
                    count=application.participants_count,
                ),
            )
        )
    return checks


def submission_warnings(application, day: date) -> list[str]:
    """What the applicant should know but that does not stop the submission: a first day sooner
    than the usual lead time of the type (dated `AssistanceLimit.usual_lead_days`)."""
    start = application.preferred_start
    if not application.assistance_type or start is None or start <= day:
        return []
    peer_to_peer = bool(application.window and application.window.is_peer_to_peer)
    limit = limit_for(application.assistance_type, peer_to_peer=peer_to_peer, day=day)
    lead_days = limit.usual_lead_days if limit is not None else None
    if lead_days is None or (start - day).days >= lead_days:
        return []
    return [
        lazy_format(
            ngettext_lazy(
                "The preferred first day is %(count)s day away; a %(type)s usually needs "
                "%(lead_days)s days between the request and the event, so these dates may not be "
                "possible.",
                "The preferred first day is %(count)s days away; a %(type)s usually needs "
                "%(lead_days)s days between the request and the event, so these dates may not be "
                "possible.",
                "count",
            ),
            count=(start - day).days,
            type=lazy_lower(AssistanceType(application.assistance_type).label),
            lead_days=lead_days,
        )
    ]


STUDY_VISIT_NO_EXPERTS = _(
    "A study visit has no Member State experts: the group visits a Member State "
    "administration, which hosts it. Leave the number of experts empty."
)


def study_visit_problems(
    assistance_type,
    *,
    experts_count=None,
    host_country=None,
    host_institution_wished="",
    host_left_to_programme=False,
    member_state_preference=(),
):
    """The (field, message) pairs that contradict the type of assistance: experts asked for a
    study visit, or a host named for another type; and a host both named and left to the
    programme. Checked when a draft is saved and at submission (the page and the API)."""
    problems = []
    if not assistance_type:
        return problems
    host_named = bool(host_country or (host_institution_wished or "").strip())
    if assistance_type == AssistanceType.STUDY_VISIT:
        if experts_count:
            problems.append(("experts_count", STUDY_VISIT_NO_EXPERTS))
        if member_state_preference:
            problems.append(
                (
                    "member_state_preference",
                    _(
                        "A study visit has no experts: name the preferred host Member State "
                        "instead."
                    ),
                )
            )
        if host_left_to_programme and host_named:
            problems.append(
                (
                    "host_left_to_programme",
                    _(
                        "Either name the preferred host or leave the choice to the programme, "
                        "not both."
                    ),
                )
            )
    elif host_named or host_left_to_programme:
        field = (
            "host_country"
            if host_country
            else ("host_institution_wished" if host_named else "host_left_to_programme")
        )
        problems.append(
            (
                field,
                _(
                    "Only a study visit has a host administration; a workshop or an expert "
                    "mission brings Member State experts."
                ),
            )
        )
    return problems


REQUIRED_FIELDS = {
    "assistance_type": _("Choose the type of assistance."),
    "modality": _("Choose how the event takes place: on site, online or hybrid."),
    "title": _("Give the request a title."),
    "objectives": _("Describe the purpose and objectives."),
    "expected_results": _("Describe the expected results."),
    "preferred_start": _("Give the preferred first day."),
    "preferred_end": _("Give the preferred last day."),
    "participants_count": _("Give the number of participants."),
    "participants_profile": _("Describe the profile of the participants."),
    "experts_count": _("Give the number of experts wished."),
    "expertise_wished": _("Describe the expertise wished."),
    "lead_institution": _("Choose the lead institution."),
    "window": _("Choose the window (instrument) of this request."),
}

# A study visit has a host, not experts: the number of experts and their expertise are not asked.
NOT_ASKED_OF_STUDY_VISITS = {"experts_count", "expertise_wished"}


def submission_problems(application, day: date) -> dict[str, list[str]]:
    """Every reason the request cannot be submitted on `day`, by form field (empty when none)."""
    problems: dict[str, list[str]] = {}

    def add(field, message):
        problems.setdefault(field, []).append(message)

    study_visit = application.assistance_type == AssistanceType.STUDY_VISIT
    for field, message in REQUIRED_FIELDS.items():
        if study_visit and field in NOT_ASKED_OF_STUDY_VISITS:
            continue
        if getattr(application, field) in (None, ""):
            add(field, message)
    if study_visit and application.host_country is None and not application.host_left_to_programme:
        add(
            "host_country",
            _("Name the preferred host Member State, or leave the choice to the programme."),
        )
    if (
        study_visit
        and application.host_country is not None
        and application.window
        and application.window.is_peer_to_peer
        and application.host_country_id == application.country_id
    ):
        add(
            "host_country",
            _("In a peer-to-peer window the host cannot be the beneficiary's own Member State."),
        )
    for field, message in study_visit_problems(
        application.assistance_type,
        experts_count=application.experts_count,
        host_country=application.host_country,
        host_institution_wished=application.host_institution_wished,
        host_left_to_programme=application.host_left_to_programme,
        member_state_preference=list(application.member_state_preference.all())
        if application.pk
        else [],
    ):
        add(field, message)
    if not application.legislation.strip() and not application.celex_numbers:
        add(
            "legislation",
            _("Name the EU legislation concerned (CELEX numbers or a description)."),
        )
    for number in application.celex_numbers:
        if not CELEX_PATTERN.match(number):
            add(
                "celex_numbers",
                lazy_format(
                    _("%(number)s is not a CELEX number (for example 32013L0032)."), number=number
                ),
            )
    if (
        application.modality in (Modality.ON_SITE, Modality.HYBRID)
        and not application.place.strip()
    ):
        add("place", _("Give the place of an on-site or hybrid event."))
    if application.pk:
        if not application.chapters.exists():
            add("chapters", _("Choose at least one chapter."))
        if not application.working_languages.exists():
            add("working_languages", _("Choose at least one working language."))
        if not application.contacts.exists():
            add("contacts", _("Name at least one contact person."))
        own_country = application.country_id
        if (
            own_country
            and application.window
            and application.window.is_peer_to_peer
            and application.member_state_preference.filter(pk=own_country).exists()
        ):
            add(
                "member_state_preference",
                _(
                    "In a peer-to-peer window the experts cannot come from the beneficiary's own "
                    "Member State."
                ),
            )
    start, end = application.preferred_start, application.preferred_end
    if start and end and end < start:
        add("preferred_end", _("The last day cannot be before the first day."))
    if start and start <= day:
        add("preferred_start", _("The preferred first day must be after today."))
    if application.participants_count == 0:
        add("participants_count", _("At least one participant is needed."))
    if application.experts_count == 0 and not study_visit:
        add("experts_count", _("At least one expert is needed."))
    for check in evaluate_eligibility(application, day):
        if not check.passed:
            add(check.field, check.message)
    return problems
