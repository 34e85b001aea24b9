"""Every write on people and institutions: applicant self-registration and profile changes."""

from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taiex.core.audit import log_action
from taiex.core.languages import is_offered
from taiex.core.mail import notify
from taiex.reference.queries import beneficiary_countries, kind_is_eligible_on
from taiex.reference.translation import lazy_name

from .enums import Role
from .models import Institution, Membership, User
from .queries import ncps_of


class RegistrationError(Exception):
    """The registration cannot be made; `problems` maps argument names to messages."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(
            " ".join(message for messages in problems.values() for message in messages)
        )


def _registration_problems(
    *, email, country, institution, new_institution_name, new_institution_kind, parent, day
):
    """The reasons (by argument name) why this registration cannot be made; empty when it can."""
    problems: dict[str, list[str]] = {}

    def refuse(field, message):
        problems.setdefault(field, []).append(message)

    if not beneficiary_countries(day).filter(pk=country.pk).exists():
        refuse(
            "country",
            _(
                "%(country)s is not a beneficiary today, so its officials cannot register "
                "as applicants."
            )
            % {"country": country},
        )
    if institution is not None and new_institution_name:
        refuse(
            "institution",
            _("Either pick your institution from the list or name a new one, not both."),
        )
    elif institution is None and not new_institution_name:
        refuse("institution", _("Pick your institution from the list, or name a new one."))
    elif institution is not None:
        if institution.country_id != country.pk:
            refuse(
                "institution",
                _(
                    "%(institution)s is an institution of %(its_country)s, not of %(country)s. "
                    "Pick an institution of your country."
                )
                % {
                    "institution": institution.name,
                    "its_country": institution.country,
                    "country": country,
                },
            )
        if not kind_is_eligible_on(institution.kind, day):
            refuse(
                "institution",
                _("%(institution)s is a %(kind)s, which cannot receive assistance.")
                % {"institution": institution.name, "kind": str(institution.kind).lower()},
            )
    else:
        if new_institution_kind is None:
            refuse("new_institution_kind", _("Say what kind of institution it is."))
        elif not kind_is_eligible_on(new_institution_kind, day):
            refuse(
                "new_institution_kind",
                _(
                    "A %(kind)s cannot receive assistance: only public administrations, "
                    "judicial and law-enforcement bodies, parliaments, regulators, social "
                    "partners and local authorities can."
                )
                % {"kind": str(new_institution_kind).lower()},
            )
        existing = Institution.objects.filter(
            country=country, name__iexact=new_institution_name
        ).first()
        if existing is not None:
            refuse(
                "new_institution_name",
                _(
                    '%(country)s already has an institution named "%(name)s". '
                    "Pick it from the list instead of naming it again."
                )
                % {"country": country, "name": existing.name},
            )
        if parent is not None and parent.country_id != country.pk:
            refuse(
                "parent",
                _(
                    "%(parent)s is an institution of %(its_country)s; the parent institution "
                    "must be in %(country)s too."
                )
                % {"parent": parent.name, "its_country": parent.country, "country": country},
            )
    return problems


def tell_owner_of_taken_address(email, *, registration_kind):
    """Answer a registration with an address that already has an account without saying so:
    nothing is created, the account's owner gets an e-mail (log in or reset the password) and
    the attempt is logged on the account. Returns True when the address was taken.

    The registration pages answer the same for every address, so they cannot be used to find
    out who has an account; only the owner of the mailbox learns it.
    """
    owner = User.objects.filter(email__iexact=email).first()
    if owner is None:
        return False
    # Hash the password anyway (by the caller's account creation it would be): the answer then
    # takes as long for a taken address as for a new one.
    make_password(None)
    with transaction.atomic():
        log_action(
            owner,
            actor=None,
            action="registration_attempt",
            note=f"Somebody tried to register {registration_kind} with this account's address.",
        )
        notify(
            [owner],
            subject=gettext_lazy("Somebody tried to register with your e-mail address"),
            template="accounts/email/registration_of_taken_address.txt",
            context={"registration_kind": registration_kind},
        )
    return True


def register_applicant(
    *,
    email,
    full_name,
    password,
    position,
    phone,
    country,
    institution=None,
    new_institution_name=None,
    new_institution_kind=None,
    parent=None,
    day: date | None = None,
    language="",
):
    """Register an official of a beneficiary country as an applicant of their institution, who
    reads taiex in `language` (the page's language when they registered: core.languages).

    In one transaction: creates the active user, the institution when it is new (created by the
    user), and the applicant membership; writes the audit log for the user and the institution;
    after the commit, e-mails the person a welcome and the national contact points of the
    country. Raises RegistrationError (nothing stored) when the country is not a beneficiary on
    `day` (today by default), the institution is of another country or of an ineligible kind, or
    a new institution duplicates an existing one. When the e-mail already has an account and
    nothing else is wrong, stores nothing, writes to that account's owner and returns None
    (see tell_owner_of_taken_address).
    """
    day = day or timezone.localdate()
    email = User.objects.normalize_email(email.strip()).lower()
    new_institution_name = " ".join((new_institution_name or "").split())
    checked = {
        "email": email,
        "country": country,
        "institution": institution,
        "new_institution_name": new_institution_name,
        "new_institution_kind": new_institution_kind,
        "parent": parent,
        "day": day,
    }
    problems = _registration_problems(**checked)
    if problems:
        raise RegistrationError(problems)
    if tell_owner_of_taken_address(email, registration_kind="as an applicant"):
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email,
                password,
                full_name=full_name.strip(),
                position=position.strip(),
                phone=phone.strip(),
                language=language if is_offered(language) else "",
                is_active=True,
            )
            log_action(user, actor=user, action="register", note="Registered as applicant.")
            member_of = institution
            if member_of is None:
                member_of = Institution.objects.create(
                    name=new_institution_name,
                    country=country,
                    kind=new_institution_kind,
                    parent=parent,
                    created_by=user,
                    confirmed_at=None,  # waits for the NCP (accounts/gate.py)
                )
                log_action(member_of, actor=user, action="create")
            Membership.objects.create(
                user=user, role=Role.APPLICANT, institution=member_of, confirmed_at=None
            )
            log_action(
                member_of,
                actor=user,
                action="applicant_joined",
                data={"user": user.pk},
            )
            notify(
                [user],
                subject=gettext_lazy("Your taiex account is ready"),
                template="accounts/email/applicant_welcome.txt",
                context={"institution": member_of},
            )
            notify(
                list(ncps_of(country)),
                subject=format_lazy(
                    gettext_lazy("New applicant registered in {country}"),
                    country=lazy_name(country),
                ),
                template="accounts/email/new_applicant.txt",
                context={"applicant": user, "institution": member_of, "country": country},
            )
    except IntegrityError as error:
        # Somebody registered the same address or institution between the check and the insert.
        problems = _registration_problems(**checked)
        if problems:
            raise RegistrationError(problems) from error
        if tell_owner_of_taken_address(email, registration_kind="as an applicant"):
            return None
        raise RegistrationError(
            {"email": [_("The registration could not be saved. Please try again.")]}
        ) from error
    return user


def update_profile(user, *, actor, full_name, position, phone, language=None):
    """Change the name, position, phone and language of `user`, and log which of them changed
    (the language is left as it is when None)."""
    values = {"full_name": full_name.strip(), "position": position.strip(), "phone": phone.strip()}
    if language is not None:
        values["language"] = language
    changed = [name for name, value in values.items() if getattr(user, name) != value]
    if not changed:
        return user
    with transaction.atomic():
        for name in changed:
            setattr(user, name, values[name])
        user.save(update_fields=changed)
        log_action(user, actor=actor, action="update_profile", data={"fields": changed})
    return user
