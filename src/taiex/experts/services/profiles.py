"""Every write on an expert's profile: registration, e-mail confirmation, verification by staff,
profile changes, deactivation, and the expert's personal data (export and erasure)."""

from datetime import date, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

from taiex.accounts.enums import Role
from taiex.accounts.models import Institution, Membership, User
from taiex.accounts.roles import roles_of
from taiex.accounts.services import tell_owner_of_taken_address
from taiex.core.audit import log_action
from taiex.core.languages import is_offered
from taiex.core.mail import notify
from taiex.core.workflow import TransitionNotAllowed
from taiex.reference.queries import member_states_on
from taiex.reference.translation import translated

from ..enums import CV_MAX_BYTES, VerificationState
from ..models import Expert, ExpertLanguage, Unavailability
from ..workflow import verification_workflow

CONFIRMATION_SALT = "taiex.experts.confirm-email"
CONFIRMATION_VALID_FOR = timedelta(days=3)
ONLY_PUBLIC_OFFICIALS = gettext_lazy(
    "Only officials of public administrations of EU Member States can register as experts; "
    "private consultants and freelancers are not eligible (European Ombudsman case "
    "377/2021/VS)."
)


class ExpertError(Exception):
    """The change cannot be made; `problems` maps argument names to messages a person can act on."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(
            " ".join(message for messages in problems.values() for message in messages)
        )


def _cv_problems(cv):
    """Why `cv` (an uploaded file) is not an acceptable CV; empty when it is."""
    if cv is None:
        return []
    megabytes = CV_MAX_BYTES // (1024 * 1024)
    if cv.size > CV_MAX_BYTES:
        return [
            gettext("The CV is %(size)s MB; the limit is %(megabytes)s MB. Send a shorter PDF.")
            % {"size": number_format(cv.size / (1024 * 1024), 1), "megabytes": megabytes}
        ]
    cv.seek(0)
    head = cv.read(5)
    cv.seek(0)
    if head != b"%PDF-" or getattr(cv, "content_type", None) != "application/pdf":
        return [
            gettext(
                "The CV must be a PDF file; this file is not a PDF. Save your CV as PDF and send "
                "it again."
            )
        ]
    return []


def _employer_problems(refuse, *, member_state, employer, new_employer_name, new_employer_kind):
    if employer is not None and new_employer_name:
        refuse(
            "employer",
            gettext("Either pick your employer from the list or name a new one, not both."),
        )
    elif employer is None and not new_employer_name:
        refuse("employer", gettext("Pick your employer from the list, or name a new one."))
    elif employer is not None:
        if employer.country_id != member_state.pk:
            refuse(
                "employer",
                gettext(
                    "%(employer)s is an institution of %(country)s, not of %(member_state)s. "
                    "Pick an institution of your Member State."
                )
                % {
                    "employer": employer.name,
                    "country": translated(employer.country),
                    "member_state": translated(member_state),
                },
            )
        elif not employer.kind.is_eligible_expert_employer:
            refuse(
                "employer",
                gettext("%(employer)s is a %(kind)s. %(only_public_officials)s")
                % {
                    "employer": employer.name,
                    "kind": translated(employer.kind).lower(),
                    "only_public_officials": ONLY_PUBLIC_OFFICIALS,
                },
            )
    elif new_employer_kind is None:
        refuse("new_employer_kind", gettext("Say what kind of institution your employer is."))
    elif not new_employer_kind.is_eligible_expert_employer:
        refuse(
            "new_employer_kind",
            gettext("A %(kind)s cannot employ experts. %(only_public_officials)s")
            % {
                "kind": translated(new_employer_kind).lower(),
                "only_public_officials": ONLY_PUBLIC_OFFICIALS,
            },
        )
    elif Institution.objects.filter(country=member_state, name__iexact=new_employer_name).exists():
        refuse(
            "new_employer_name",
            gettext(
                "%(member_state)s already has an institution of this name. Pick it from the list "
                "instead of naming it again."
            )
            % {"member_state": translated(member_state)},
        )


def _profile_problems(refuse, *, languages, unavailabilities, cv, years_of_experience):
    if not languages:
        refuse("languages", gettext("Give at least one language you can work in, with your level."))
    elif len({language.pk for language, _level in languages}) != len(languages):
        refuse("languages", gettext("Give each language once, with one level."))
    for start, end, _note in unavailabilities:
        if start > end:
            refuse(
                "unavailabilities",
                gettext("The period from %(start)s ends before it starts (%(end)s).")
                % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"},
            )
    if years_of_experience is not None and years_of_experience < 0:
        refuse("years_of_experience", gettext("Years of experience cannot be negative."))
    for message in _cv_problems(cv):
        refuse("cv", message)


def _store_details(expert, *, chapters, languages, unavailabilities):
    expert.chapters.set(chapters)
    expert.languages.all().delete()
    ExpertLanguage.objects.bulk_create(
        ExpertLanguage(expert=expert, language=language, level=level)
        for language, level in languages
    )
    expert.unavailabilities.all().delete()
    Unavailability.objects.bulk_create(
        Unavailability(expert=expert, start=start, end=end, note=(note or "").strip())
        for start, end, note in unavailabilities
    )


def _delete_file_after_commit(storage, name):
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def confirmation_token(user):
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign(str(user.pk))


def register_expert(
    *,
    email,
    full_name,
    password,
    member_state,
    employer=None,
    new_employer_name=None,
    new_employer_kind=None,
    position,
    years_of_experience,
    expertise,
    keywords,
    chapters,
    languages,
    unavailabilities,
    cv,
    privacy_consent: bool,
    day: date | None = None,
    interface_language="",
):
    """Register an official of an EU Member State administration as an expert, who reads taiex
    in `interface_language` (the page's language when they registered: core.languages).

    In one transaction: creates the active user with the expert membership, the employer when it
    is new, the expert (e-mail unconfirmed) with languages, unavailabilities and CV; writes the
    audit log; after the commit, e-mails the signed confirmation link (valid three days).
    Raises ExpertError, with nothing stored, when the country is not a Member State on `day`
    (today by default), the employer is of another country or not a public administration,
    consent is missing, no language is given, or the CV is not a PDF or too large. When the
    e-mail already has an account (in any letter case) and nothing else is wrong, stores
    nothing, writes to that account's owner and returns None, so the page answers the same as
    for a new address (accounts.services.tell_owner_of_taken_address).
    """
    day = day or timezone.localdate()
    email = User.objects.normalize_email(email.strip()).lower()
    new_employer_name = " ".join((new_employer_name or "").split())
    problems: dict[str, list[str]] = {}

    def refuse(field, message):
        problems.setdefault(field, []).append(message)

    if not member_states_on(day).filter(pk=member_state.pk).exists():
        refuse(
            "member_state",
            f"{member_state.name} is not an EU Member State. {ONLY_PUBLIC_OFFICIALS}",
        )
    else:
        _employer_problems(
            refuse,
            member_state=member_state,
            employer=employer,
            new_employer_name=new_employer_name,
            new_employer_kind=new_employer_kind,
        )
    if not privacy_consent:
        refuse(
            "privacy_consent",
            gettext("Agree to the privacy notice: without it taiex cannot keep your profile."),
        )
    _profile_problems(
        refuse,
        languages=languages,
        unavailabilities=unavailabilities,
        cv=cv,
        years_of_experience=years_of_experience,
    )
    if problems:
        raise ExpertError(problems)
    if tell_owner_of_taken_address(email, registration_kind="as an expert"):
        return None

    stored_cv = None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email,
                password,
                full_name=full_name.strip(),
                language=interface_language if is_offered(interface_language) else "",
                is_active=True,
            )
            Membership.objects.create(user=user, role=Role.EXPERT)
            if employer is None:
                employer = Institution.objects.create(
                    name=new_employer_name,
                    country=member_state,
                    kind=new_employer_kind,
                    created_by=user,
                )
                log_action(employer, actor=user, action="create")
            expert = Expert.objects.create(
                user=user,
                member_state=member_state,
                employer=employer,
                position=position.strip(),
                years_of_experience=years_of_experience or 0,
                expertise=expertise.strip(),
                keywords=keywords.strip(),
                privacy_consent_at=timezone.now(),
            )
            _store_details(
                expert, chapters=chapters, languages=languages, unavailabilities=unavailabilities
            )
            if cv is not None:
                expert.cv.save("cv.pdf", cv, save=True)
                stored_cv = expert.cv.name
            log_action(user, actor=user, action="register", note="Registered as expert.")
            log_action(expert, actor=user, action="register")
            link = reverse("experts:confirm_email", args=[confirmation_token(user)])
            notify(
                [user],
                subject=gettext_lazy("Confirm your e-mail address"),
                template="experts/profiles/email/confirm_email.txt",
                context={"expert": expert, "link": link, "valid_days": CONFIRMATION_VALID_FOR.days},
            )
    except IntegrityError as error:
        # Somebody registered the same address or employer between the check and the insert.
        if stored_cv:
            Expert._meta.get_field("cv").storage.delete(stored_cv)
        if tell_owner_of_taken_address(email, registration_kind="as an expert"):
            return None
        raise ExpertError(
            {"email": [gettext("The registration could not be saved. Please try again.")]}
        ) from error
    return expert


def confirm_expert_email(token):
    """Confirm the e-mail address of the expert whose signed link this is: UNCONFIRMED -> PENDING.

    A link used again once the e-mail is confirmed changes nothing. Raises ExpertError when the
    link is forged, altered or older than three days.
    """
    signer = signing.TimestampSigner(salt=CONFIRMATION_SALT)
    try:
        user_pk = signer.unsign(token, max_age=CONFIRMATION_VALID_FOR)
    except signing.SignatureExpired as error:
        raise ExpertError(
            {"token": [gettext("This confirmation link has expired. Write to the programme team.")]}
        ) from error
    except signing.BadSignature as error:
        raise ExpertError(
            {
                "token": [
                    gettext(
                        "This confirmation link is not valid. Copy the whole link from the e-mail."
                    )
                ]
            }
        ) from error
    expert = Expert.objects.select_related("user").filter(user_id=user_pk).first()
    if expert is None or expert.erased_at is not None:
        raise ExpertError({"token": [gettext("This confirmation link is not valid any more.")]})
    if expert.verification_state != VerificationState.UNCONFIRMED:
        return expert
    verification_workflow.transition(
        expert,
        VerificationState.PENDING,
        actor=expert.user,
        changes={"email_confirmed_at": timezone.now()},
    )
    return expert


def _require_staff(actor):
    if not roles_of(actor).is_staff_member:
        raise ExpertError({"actor": [gettext("Only programme staff verify experts.")]})


def verify_expert(expert, *, actor):
    """Mark `expert` verified by `actor` (staff): PENDING -> VERIFIED, logged; e-mails the expert.
    Only verified experts can be invited."""
    _require_staff(actor)
    with transaction.atomic():
        verification_workflow.transition(
            expert,
            VerificationState.VERIFIED,
            actor=actor,
            changes={
                "verified_at": timezone.now(),
                "verified_by": actor,
                "verification_reason": "",
            },
        )
        notify(
            [expert.user],
            subject=gettext_lazy("Your expert profile is verified"),
            template="experts/profiles/email/verified.txt",
            context={"expert": expert},
        )
    return expert


def reject_expert(expert, *, actor, reason):
    """Reject `expert` (PENDING or VERIFIED -> REJECTED) with `reason`, logged as the note;
    e-mails the expert the reason. Raises ExpertError when the reason is empty."""
    _require_staff(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ExpertError(
            {"reason": [gettext("Give the reason for the rejection; the expert reads it.")]}
        )
    with transaction.atomic():
        verification_workflow.transition(
            expert,
            VerificationState.REJECTED,
            actor=actor,
            note=reason,
            changes={"verification_reason": reason, "verified_at": None, "verified_by": None},
        )
        notify(
            [expert.user],
            subject=gettext_lazy("Your expert registration was not accepted"),
            template="experts/profiles/email/rejected.txt",
            context={"expert": expert, "reason": reason},
        )
    return expert


def update_profile(
    expert,
    *,
    actor,
    position,
    employer=None,
    new_employer_name=None,
    new_employer_kind=None,
    years_of_experience,
    expertise,
    keywords,
    chapters,
    languages,
    unavailabilities,
    cv=None,
):
    """Change the professional profile of `expert`; `cv` None keeps the current CV.

    Replaces languages and unavailabilities, creates a new employer when one is named, logs the
    changed fields; the replaced CV file is deleted after the commit. Raises ExpertError with the
    same checks as the registration.
    """
    new_employer_name = " ".join((new_employer_name or "").split())
    problems: dict[str, list[str]] = {}

    def refuse(field, message):
        problems.setdefault(field, []).append(message)

    _employer_problems(
        refuse,
        member_state=expert.member_state,
        employer=employer,
        new_employer_name=new_employer_name,
        new_employer_kind=new_employer_kind,
    )
    _profile_problems(
        refuse,
        languages=languages,
        unavailabilities=unavailabilities,
        cv=cv,
        years_of_experience=years_of_experience,
    )
    if problems:
        raise ExpertError(problems)
    with transaction.atomic():
        if employer is None:
            employer = Institution.objects.create(
                name=new_employer_name,
                country=expert.member_state,
                kind=new_employer_kind,
                created_by=actor,
            )
            log_action(employer, actor=actor, action="create")
        values = {
            "employer": employer,
            "position": position.strip(),
            "years_of_experience": years_of_experience or 0,
            "expertise": expertise.strip(),
            "keywords": keywords.strip(),
        }
        changed = [name for name, value in values.items() if getattr(expert, name) != value]
        for name in changed:
            setattr(expert, name, values[name])
        if cv is not None:
            _delete_file_after_commit(expert.cv.storage, expert.cv.name)
            expert.cv.save("cv.pdf", cv, save=False)
            changed.append("cv")
        expert.save(update_fields=[*changed, "updated_at"])
        _store_details(
            expert, chapters=chapters, languages=languages, unavailabilities=unavailabilities
        )
        log_action(expert, actor=actor, action="update_profile", data={"fields": changed})
    return expert


def deactivate_expert(expert, *, actor):
    """Take `expert` out of the database (no search, no invitation); the account stays."""
    if not expert.is_active:
        return expert
    with transaction.atomic():
        expert.is_active = False
        expert.save(update_fields=["is_active", "updated_at"])
        log_action(expert, actor=actor, action="deactivate")
    return expert


__all__ = [
    "ExpertError",
    "TransitionNotAllowed",
    "confirm_expert_email",
    "deactivate_expert",
    "register_expert",
    "reject_expert",
    "update_profile",
    "verify_expert",
]
