"""The people and bodies of the generated history: reference data held in memory, the
institutions that ask for assistance and employ experts, the staff who handle it, and tens of
thousands of verified experts (users with an unusable password: nobody logs in as them)."""

import bisect
import functools
import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

from taiex.accounts.enums import Role
from taiex.accounts.models import Institution, Membership, User
from taiex.demo.people import PLACES
from taiex.experts.enums import VerificationState
from taiex.experts.models import Expert, ExpertLanguage
from taiex.reference.models import (
    BeneficiaryPeriod,
    Chapter,
    Country,
    InstitutionKind,
    Language,
    ThematicTeam,
    Window,
)

from .bulk import Table
from .places import (
    ADMINISTRATIONS,
    BENEFICIARIES,
    EXPERT_EMPLOYERS,
    MEMBER_STATES,
    OTHER_FIRST,
    OTHER_LAST,
    POSITIONS,
)
from .scale import YEAR_WEIGHTS
from .subjects import ALL_TOPICS

DOMAIN = "history.example.org"
# Django treats a password starting with "!" as unusable; hashing 60,000 passwords would take
# longer than everything else together.
UNUSABLE_PASSWORD = "!generated-history"
HANDLERS_PER_TEAM = 3
P2P_WEIGHT = 0.4  # each Member State in a peer-to-peer window


def stamp(day, hour=9, minute=0):
    """A naive UTC timestamp as the loader writes it."""
    return f"{day.isoformat()} {hour:02d}:{minute:02d}:00"


class World:
    """The reference data the generator reads, loaded once."""

    def __init__(self):
        self.countries = {country.code: country for country in Country.objects.all()}
        self.windows = {window.pk: window for window in Window.objects.all()}
        self.periods = list(
            BeneficiaryPeriod.objects.order_by("pk").values_list(
                "country_id", "window_id", "valid_from", "valid_to"
            )
        )
        self.chapters = {chapter.number: chapter for chapter in Chapter.objects.all()}
        self.languages = dict(Language.objects.values_list("code", "pk"))
        self.kinds = dict(InstitutionKind.objects.values_list("code", "pk"))
        self.teams = list(ThematicTeam.objects.order_by("code").values_list("pk", flat=True))
        self.country_by_id = {country.pk: country for country in self.countries.values()}
        # What is open (and who is a member) changes only on these days: answers are kept per
        # stretch between two of them, not per day.
        changes = set()
        for _country, _window, valid_from, valid_to in self.periods:
            changes.add(valid_from)
            if valid_to:
                changes.add(valid_to + timedelta(days=1))
        for country in self.countries.values():
            changes.update(
                d for d in (country.eu_member_since, country.eu_member_until) if d is not None
            )
            if country.eu_member_until:
                changes.add(country.eu_member_until + timedelta(days=1))
        self.changes = sorted(changes)
        self._open, self._members = {}, {}

    def stretch(self, day):
        return bisect.bisect_right(self.changes, day)

    def open_on(self, day):
        """(country, window, weight) for every beneficiary period valid on `day`: the rule of
        BeneficiaryPeriod.objects.valid_on, evaluated in memory for each event's date."""
        key = self.stretch(day)
        if key not in self._open:
            choices = []
            for country_id, window_id, valid_from, valid_to in self.periods:
                if valid_from <= day and (valid_to is None or valid_to >= day):
                    country = self.country_by_id[country_id]
                    window = self.windows[window_id]
                    if window.is_peer_to_peer:
                        weight = P2P_WEIGHT
                    else:
                        weight = BENEFICIARIES.get(country.code, (None, None, 1))[2]
                    choices.append((country, window, weight))
            self._open[key] = (choices, list(itertools.accumulate(c[2] for c in choices)))
        return self._open[key]

    def member_state_codes_on(self, day):
        key = self.stretch(day)
        if key not in self._members:
            self._members[key] = [
                code
                for code in MEMBER_STATES
                if code in self.countries and self.countries[code].is_member_state_on(day)
            ]
        return self._members[key]


@dataclass
class Population:
    """What the events and requests point at: ids of institutions, users and experts."""

    institutions: dict = field(default_factory=dict)  # country code -> [(id, name)]
    employers: dict = field(default_factory=dict)  # Member State code -> [institution id]
    applicants: dict = field(default_factory=dict)  # institution id -> user id
    handlers: dict = field(default_factory=dict)  # team id -> [user id]
    experts: dict = field(default_factory=dict)  # Member State code -> ([day joined], [id])

    def handlers_of(self, team_id):
        return self.handlers.get(team_id) or next(iter(self.handlers.values()))

    def expert_joined_by(self, code, day, rng):
        """One of the Member State's experts registered before `day` (None if none was)."""
        days, ids = self.experts.get(code, ((), ()))
        registered = bisect.bisect_right(days, day)
        return ids[rng.randrange(registered)] if registered else None


def institution_names(world, code):
    """The beneficiary bodies of a country: the demo's named ones, then general administrations."""
    country = world.countries[code]
    names = []
    if code in PLACES:
        names += [(name, kind) for name, kind in PLACES[code].institutions]
    names += [(f"{body} of {country.name}", "central-administration") for body in ADMINISTRATIONS]
    return names


def create_institutions(world, population, *, created):
    """Institutions of every beneficiary and every Member State's expert employers; those
    already there (same country and name) are reused."""
    wanted = {}
    for code in sorted({world.country_by_id[p[0]].code for p in world.periods}):
        wanted[code] = institution_names(world, code)
    for code in MEMBER_STATES:
        if code in world.countries:
            names = [(f"{body} of {world.countries[code].name}", "central-administration")
                     for body in EXPERT_EMPLOYERS]  # fmt: skip
            wanted[code] = wanted.get(code, []) + names
    for code, names in wanted.items():  # one body per name (the first kind named wins)
        wanted[code] = list({name: (name, kind) for name, kind in reversed(names)}.values())[::-1]
    existing = {
        (country_id, name): pk
        for pk, country_id, name in Institution.objects.values_list("pk", "country_id", "name")
    }
    missing = [
        Institution(
            name=name,
            country=world.countries[code],
            kind_id=world.kinds.get(kind) or world.kinds["central-administration"],
            created_at=created,
        )
        for code, names in wanted.items()
        for name, kind in names
        if (world.countries[code].pk, name) not in existing
    ]
    Institution.objects.bulk_create(missing, batch_size=1000)
    existing = {
        (country_id, name): pk
        for pk, country_id, name in Institution.objects.values_list("pk", "country_id", "name")
    }
    for code, names in wanted.items():
        country_id = world.countries[code].pk
        population.institutions[code] = [(existing[(country_id, n)], n) for n, _kind in names]
    for code in MEMBER_STATES:
        if code in world.countries:
            country_id = world.countries[code].pk
            population.employers[code] = [
                existing[(country_id, f"{body} of {world.countries[code].name}")]
                for body in EXPERT_EMPLOYERS
            ]
    return len(missing)


def user_row(pk, kind, full_name, *, joined, position="", is_staff=False):
    return (pk, f"{kind}.{pk}@{DOMAIN}", full_name, position, UNUSABLE_PASSWORD,
            True, is_staff, False, "", stamp(joined))  # fmt: skip


USER_COLUMNS = ["id", "email", "full_name", "position", "password", "is_active", "is_staff",
                "is_superuser", "phone", "date_joined"]  # fmt: skip
MEMBERSHIP_COLUMNS = ["user_id", "role", "institution_id", "team_id", "created_at"]


def staff_and_applicants(world, population, rng, *, next_user, joined):
    """Rows of the case handlers (a few per thematic team), of a head of unit and a finance
    officer, and of one applicant per beneficiary institution, with their memberships."""
    users, memberships = [], []
    pk = next_user
    first = [first for ms in MEMBER_STATES.values() for first in ms[4]]
    last = [last for ms in MEMBER_STATES.values() for last in ms[5]]
    for team_id in world.teams:
        for _ in range(HANDLERS_PER_TEAM):
            name = f"{rng.choice(first)} {rng.choice(last)}"
            users.append(user_row(pk, "staff", name, joined=joined, position="Case handler"))
            memberships.append((pk, Role.CASE_HANDLER, None, team_id, stamp(joined)))
            population.handlers.setdefault(team_id, []).append(pk)
            pk += 1
    # The unit's head and its finance officer, who see the money of every event (the cost
    # pages, the payments): the benchmark opens those pages as them.
    for kind, role, position in (
        ("head-of-unit", Role.HEAD_OF_UNIT, "Head of unit"),
        ("finance", Role.FINANCE, "Finance officer"),
    ):
        name = f"{rng.choice(first)} {rng.choice(last)}"
        users.append(user_row(pk, kind, name, joined=joined, position=position))
        memberships.append((pk, role, None, None, stamp(joined)))
        pk += 1
    for code, institutions in population.institutions.items():
        if code not in BENEFICIARIES and code not in PLACES:
            continue  # a Member State: its employers ask for nothing outside peer-to-peer
        place = PLACES.get(code)
        firsts, lasts = (
            (place.first_names, place.last_names) if place else (OTHER_FIRST, OTHER_LAST)
        )
        for institution_id, _name in institutions:
            name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
            users.append(user_row(pk, "applicant", name, joined=joined, position="Adviser"))
            memberships.append((pk, Role.APPLICANT, institution_id, None, stamp(joined)))
            population.applicants[institution_id] = pk
            pk += 1
    return users, memberships


def applicant_of(population, world, code, institution_id, rng):
    """The applicant user of an institution (Member States' bodies borrow a handler's name:
    peer-to-peer requests come through the programme)."""
    user = population.applicants.get(institution_id)
    if user is None:
        team = rng.choice(world.teams)
        user = population.handlers_of(team)[0]
    return user


@functools.cache
def joining_years(first, last):
    """The years an expert may register in, with cumulative weights for random.choices."""
    years = list(range(first, last + 1))
    return years, list(itertools.accumulate(YEAR_WEIGHTS.get(y, 1100) for y in years))


def join_day(rng, member_since, first_year, last_year):
    """The day an expert registered: the database grows with the instrument's activity, and
    nobody registers before their country joined the Union."""
    first = max(first_year, member_since.year if member_since else first_year)
    years, weights = joining_years(first, last_year)
    year = rng.choices(years, cum_weights=weights)[0]
    day = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
    if member_since and day < member_since:
        day = member_since + timedelta(days=rng.randint(0, 60))
    return day


def expert_rows(world, population, rng, *, count, next_user, next_expert, scale, verifier):
    """Users, memberships, experts, their languages and chapters, `count` of each expert."""
    codes = [code for code in MEMBER_STATES if code in world.countries]
    weights = list(itertools.accumulate(MEMBER_STATES[code][3] for code in codes))
    by_chapter = {}
    for topic in ALL_TOPICS:
        if topic.chapter in world.chapters:
            by_chapter.setdefault(topic.chapter, []).append(topic)
    chapter_numbers = sorted(by_chapter)
    planned = []
    for _ in range(count):
        code = rng.choices(codes, cum_weights=weights)[0]
        since = world.countries[code].eu_member_since
        planned.append((join_day(rng, since, scale.first_year, scale.last_year), code))
    planned.sort()  # older registrations get the lower ids
    users, memberships, experts, languages, chapters = [], [], [], [], []
    for offset, (joined, code) in enumerate(planned):
        user_id, expert_id = next_user + offset, next_expert + offset
        _capital, _tz, language, _weight, firsts, lasts = MEMBER_STATES[code]
        position = rng.choice(POSITIONS)
        users.append(
            user_row(user_id, "expert", f"{rng.choice(firsts)} {rng.choice(lasts)}",
                     joined=joined, position=position)
        )  # fmt: skip
        memberships.append((user_id, Role.EXPERT, None, None, stamp(joined)))
        numbers = rng.sample(chapter_numbers, k=rng.choice((1, 1, 2)))
        topics = [rng.choice(by_chapter[n]) for n in numbers]
        at = stamp(joined, rng.randint(8, 18), rng.randint(0, 59))
        verified = stamp(joined + timedelta(days=rng.randint(1, 20)), rng.randint(8, 17))
        experts.append((
            expert_id, user_id, world.countries[code].pk,
            rng.choice(population.employers[code]), position, rng.randint(3, 35),
            " ".join(f"Works on {t.expertise}; follows {t.legislation}." for t in topics),
            ", ".join(t.expertise for t in topics), "", at, at,
            VerificationState.VERIFIED, "", verified, verifier,
            # The United Kingdom is not in the reference data; any expert of a Member State
            # that left would be inactive the same way.
            world.countries[code].eu_member_until is None, False, at, verified,
        ))  # fmt: skip
        spoken = {language: "C2"}
        spoken.setdefault("en", rng.choice(("B2", "C1", "C1", "C2")))
        if rng.random() < 0.3:
            spoken.setdefault(rng.choice(("fr", "de", "ru", "sr", "es", "it")), "B2")
        languages += [
            (expert_id, world.languages[lang], level)
            for lang, level in spoken.items()
            if lang in world.languages
        ]
        chapters += [(expert_id, world.chapters[n].pk) for n in numbers]
        days, ids = population.experts.setdefault(code, ([], []))
        days.append(joined)
        ids.append(expert_id)
    return users, memberships, experts, languages, chapters


EXPERT_COLUMNS = [
    "id", "user_id", "member_state_id", "employer_id", "position", "years_of_experience",
    "expertise", "keywords", "cv", "privacy_consent_at", "email_confirmed_at",
    "verification_state", "verification_reason", "verified_at", "verified_by_id", "is_active",
    "is_eu_staff", "created_at", "updated_at",
]  # fmt: skip


def tables():
    """The tables this module loads, with their columns in the order of its rows."""
    return {
        "users": Table(User, USER_COLUMNS),
        "memberships": Table(Membership, MEMBERSHIP_COLUMNS),
        "experts": Table(Expert, EXPERT_COLUMNS),
        "expert languages": Table(ExpertLanguage, ["expert_id", "language_id", "level"]),
        "expert chapters": Table(Expert.chapters.through, ["expert_id", "chapter_id"]),
    }
