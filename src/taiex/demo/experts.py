"""The demo's expert database: the demo expert's profile and a few dozen Member State officials
with expertise drawn from the request topics, mostly verified, some waiting, one rejected."""

from datetime import timedelta

from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.accounts.models import Institution, Membership
from taiex.core.audit import log_action
from taiex.experts.enums import LanguageLevel, VerificationState
from taiex.experts.models import Expert, ExpertLanguage, Unavailability
from taiex.reference.models import Chapter, Language

from .topics import TOPICS

# Member State -> (official language, first names, last names, employers (name, kind))
MEMBER_STATES = {
    "SI": (
        "sl",
        ("Tanja", "Matej", "Nina"),
        ("Novak", "Horvat", "Kranjc"),
        (
            ("Ministry of the Interior of the Republic of Slovenia", "central-administration"),
            ("Slovenian Environment Agency", "agency"),
        ),
    ),
    "HR": (
        "hr",
        ("Ivana", "Marko", "Petra"),
        ("Kovačić", "Babić", "Marić"),
        (
            ("Ministry of the Interior of the Republic of Croatia", "central-administration"),
            ("City of Zagreb", "local-authority"),
        ),
    ),
    "BE": (
        "fr",
        ("Sophie", "Luc", "Els"),
        ("Peeters", "Dubois", "Maes"),
        (
            ("Federal Public Service Home Affairs", "central-administration"),
            ("Brussels Environment", "agency"),
        ),
    ),
    "AT": (
        "de",
        ("Anna", "Lukas", "Julia"),
        ("Gruber", "Huber", "Wagner"),
        (("Federal Ministry of Finance of Austria", "central-administration"),),
    ),
    "EE": (
        "et",
        ("Kadri", "Martin", "Liis"),
        ("Tamm", "Saar", "Sepp"),
        (("Information System Authority of Estonia", "agency"),),
    ),
    "GR": (
        "el",
        ("Maria", "Giorgos", "Eleni"),
        ("Papadopoulou", "Nikolaou", "Georgiou"),
        (("Independent Authority for Public Revenue", "agency"),),
    ),
    "RO": (
        "ro",
        ("Ioana", "Andrei", "Elena"),
        ("Popescu", "Ionescu", "Dumitru"),
        (("General Inspectorate for Immigration of Romania", "law-enforcement"),),
    ),
    "PT": (
        "pt",
        ("Ana", "João", "Inês"),
        ("Silva", "Santos", "Ferreira"),
        (("Agency for Integration, Migration and Asylum", "agency"),),
    ),
    "PL": (
        "pl",
        ("Katarzyna", "Piotr", "Magda"),
        ("Nowak", "Kowalski", "Wiśniewska"),
        (("Ministry of Funds and Regional Policy of Poland", "central-administration"),),
    ),
    "DE": (
        "de",
        ("Katrin", "Stefan", "Jonas"),
        ("Müller", "Schmidt", "Becker"),
        (
            ("Federal Office for Migration and Refugees", "agency"),
            ("Federal Network Agency", "regulatory-body"),
        ),
    ),
    "FR": (
        "fr",
        ("Claire", "Julien", "Camille"),
        ("Martin", "Bernard", "Lefèvre"),
        (("Ministry of Agriculture and Food Sovereignty of France", "central-administration"),),
    ),
    "IT": (
        "it",
        ("Giulia", "Marco", "Chiara"),
        ("Rossi", "Russo", "Ferrari"),
        (("Court of Audit of Italy", "judiciary"),),
    ),
    "ES": (
        "es",
        ("Lucía", "Javier", "Carmen"),
        ("García", "Fernández", "López"),
        (("General Council of the Judiciary of Spain", "judiciary"),),
    ),
    "NL": (
        "nl",
        ("Sanne", "Daan", "Femke"),
        ("de Jong", "Jansen", "Visser"),
        (("Netherlands Food and Consumer Product Safety Authority", "agency"),),
    ),
    "LT": (
        "lt",
        ("Rūta", "Tomas", "Eglė"),
        ("Kazlauskienė", "Petrauskas", "Jankauskaitė"),
        (("State Tax Inspectorate of Lithuania", "agency"),),
    ),
}
DEMO_EXPERT_EMAIL = "expert@example.org"
LEVELS = [LanguageLevel.B2, LanguageLevel.C1, LanguageLevel.C2]


def keywords_of(topic):
    words = [w.strip(",.()") for w in topic.expertise.split() if len(w) > 4]
    return ", ".join(dict.fromkeys(words))


def create_demo_experts(people, *, rng, count=60):
    """Employers in 15 Member States, the demo expert's profile, and `count` more experts."""
    languages = {language.code: language for language in Language.objects.all()}
    chapters = {chapter.number: chapter for chapter in Chapter.objects.all()}
    employers = {
        code: [
            Institution.objects.get_or_create(
                name=name, country=people.countries[code], defaults={"kind": people.kinds[kind]}
            )[0]
            for name, kind in spec[3]
        ]
        for code, spec in MEMBER_STATES.items()
    }
    now = timezone.now()
    experts = []

    def create(user, code, topic, state, *, employer=None, extra_languages=()):
        own_language, *_ = MEMBER_STATES[code]
        expert = Expert.objects.create(
            user=user,
            member_state=people.countries[code],
            employer=employer or rng.choice(employers[code]),
            position=rng.choice(["Senior adviser", "Head of unit", "Legal officer", "Inspector"]),
            years_of_experience=rng.randint(5, 25),
            expertise=f"Practitioner of {topic.expertise}; {topic.subject}.",
            keywords=keywords_of(topic),
            privacy_consent_at=now,
            email_confirmed_at=now,
            verification_state=state,
            verified_at=now if state == VerificationState.VERIFIED else None,
            verified_by=people.administrator if state != VerificationState.PENDING else None,
            verification_reason=(
                "A private consultancy is not a public administration; only officials of Member "
                "State administrations are eligible (European Ombudsman case 377/2021/VS)."
                if state == VerificationState.REJECTED
                else ""
            ),
        )
        Membership.objects.get_or_create(user=user, role=Role.EXPERT)
        expert.chapters.set([chapters[topic.chapter]])
        spoken = {own_language: LanguageLevel.C2, "en": rng.choice(LEVELS)}
        spoken.update(dict(extra_languages))
        ExpertLanguage.objects.bulk_create(
            ExpertLanguage(expert=expert, language=languages[code_], level=level)
            for code_, level in spoken.items()
        )
        if rng.random() < 0.2:
            start = timezone.localdate() + timedelta(days=rng.randint(20, 120))
            Unavailability.objects.create(
                expert=expert,
                start=start,
                end=start + timedelta(days=rng.randint(3, 20)),
                note="Annual leave",
            )
        log_action(expert, actor=user, action="register", to_state=state)
        experts.append(expert)
        return expert

    demo_user = people.by_email[DEMO_EXPERT_EMAIL]
    asylum = next(topic for topic in TOPICS if "asylum" in topic.subject)
    create(
        demo_user,
        "SI",
        asylum,
        VerificationState.VERIFIED,
        employer=employers["SI"][0],
        extra_languages=[("hr", LanguageLevel.B2)],
    )
    codes = list(MEMBER_STATES)
    for number in range(1, count + 1):
        code = codes[number % len(codes)]
        _, first_names, last_names, _ = MEMBER_STATES[code]
        user = people.user(
            f"expert.{code.lower()}.{number}@example.org",
            f"{rng.choice(first_names)} {rng.choice(last_names)}",
        )
        roll = rng.random()
        state = (
            VerificationState.VERIFIED
            if roll < 0.88
            else VerificationState.PENDING
            if roll < 0.97
            else VerificationState.REJECTED
        )
        create(user, code, rng.choice(TOPICS), state)
    return experts


def staff_demo_events(people, experts, *, rng):
    """Calls and invitations on planned events, through the real services: the demo expert has
    an invitation waiting and a call that fits; other experts are confirmed on a few events."""
    from taiex.core.workflow import TransitionNotAllowed
    from taiex.events.models import Event
    from taiex.staffing.services.calls import default_call_description, publish_call
    from taiex.staffing.services.invitations import (
        InvitationError,
        accept_invitation,
        invite_expert,
    )

    verified = [e for e in experts if e.verification_state == VerificationState.VERIFIED]
    demo_expert = next(e for e in experts if e.user.email == DEMO_EXPERT_EMAIL)
    planned = list(
        Event.objects.filter(state="planned", experts_needed__gt=0, case_handler__isnull=False)
        .exclude(window__is_peer_to_peer=True)
        .order_by("start_date", "id")
    )
    # The demo expert works on asylum (chapter 24): prefer such events, else any planned one.
    fitting = [e for e in planned if e.chapters.filter(number=24).exists()] or planned
    for event in fitting[:2]:
        publish_call(event, actor=event.case_handler, description=default_call_description(event))
    if fitting:
        invite_expert(fitting[0], demo_expert, actor=fitting[0].case_handler, role="lead_expert")
    for event in planned[1:7]:
        candidates = [e for e in verified if e is not demo_expert]
        rng.shuffle(candidates)
        for expert in candidates[: min(event.experts_needed, 2)]:
            try:
                invitation = invite_expert(event, expert, actor=event.case_handler, role="expert")
                accept_invitation(invitation, actor=expert.user)
            except (InvitationError, TransitionNotAllowed):
                continue  # busy on overlapping dates or otherwise not invitable: skip
