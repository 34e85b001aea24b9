"""Every write on people and institutions: applicant self-registration and profile changes."""

from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils import timezone

from taiex.core.audit import log_action
from taiex.core.mail import notify
from taiex.reference.queries import beneficiary_countries, kind_is_eligible_on

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
            f"{country.name} is not a beneficiary today, so its officials cannot register "
            "as applicants.",
        )
    if institution is not None and new_institution_name:
        refuse(
            "institution",
            "Either pick your institution from the list or name a new one, not both.",
        )
    elif institution is None and not new_institution_name:
        refuse("institution", "Pick your institution from the list, or name a new one.")
    elif institution is not None:
        if institution.country_id != country.pk:
            refuse(
                "institution",
                f"{institution.name} is an institution of {institution.country.name}, "
                f"not of {country.name}. Pick an institution of your country.",
            )
        if not kind_is_eligible_on(institution.kind, day):
            refuse(
                "institution",
                f"{institution.name} is a {institution.kind.name.lower()}, which cannot "
                "receive assistance.",
            )
    else:
        if new_institution_kind is None:
            refuse("new_institution_kind", "Say what kind of institution it is.")
        elif not kind_is_eligible_on(new_institution_kind, day):
            refuse(
                "new_institution_kind",
                f"A {new_institution_kind.name.lower()} cannot receive assistance: only public "
                "administrations, judicial and law-enforcement bodies, parliaments, regulators, "
                "social partners and local authorities can.",
            )
        existing = Institution.objects.filter(
            country=country, name__iexact=new_institution_name
        ).first()
        if existing is not None:
            refuse(
                "new_institution_name",
                f'{country.name} already has an institution named "{existing.name}". '
                "Pick it from the list instead of naming it again.",
            )
        if parent is not None and parent.country_id != country.pk:
            refuse(
                "parent",
                f"{parent.name} is an institution of {parent.country.name}; the parent "
                f"institution must be in {country.name} too.",
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
            subject="Somebody tried to register with your e-mail address",
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
):
    """Register an official of a beneficiary country as an applicant of their institution.

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
                subject="Your taiex account is ready",
                template="accounts/email/applicant_welcome.txt",
                context={"institution": member_of},
            )
            notify(
                list(ncps_of(country)),
                subject=f"New applicant registered in {country.name}",
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
            {"email": ["The registration could not be saved. Please try again."]}
        ) from error
    return user


def update_profile(user, *, actor, full_name, position, phone):
    """Change the name, position and phone of `user`, and log which of them changed."""
    values = {"full_name": full_name.strip(), "position": position.strip(), "phone": phone.strip()}
    changed = [name for name, value in values.items() if getattr(user, name) != value]
    if not changed:
        return user
    with transaction.atomic():
        for name in changed:
            setattr(user, name, values[name])
        user.save(update_fields=changed)
        log_action(user, actor=actor, action="update_profile", data={"fields": changed})
    return user
