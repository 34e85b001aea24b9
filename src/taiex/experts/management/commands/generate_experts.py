"""Generate realistic experts at scale (users, employers, languages, chapters, unavailability)
for benchmarks and demos: `manage.py generate_experts --count 60000 --seed 1`."""

import random
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.accounts.models import Institution, Membership, User
from taiex.experts.models import Expert, ExpertLanguage, Unavailability
from taiex.reference.models import Chapter, Country, InstitutionKind, Language

BATCH = 2000

# Topics of expertise by negotiating chapter: phrases an official would write in a profile.
TOPICS = {
    1: ["market surveillance", "conformity assessment", "technical regulations", "product safety"],
    5: ["public procurement procedures", "procurement review bodies", "concessions"],
    8: ["state aid control", "antitrust investigations", "merger control"],
    9: ["banking supervision", "insurance supervision", "anti-money laundering"],
    10: ["electronic communications", "audiovisual media services", "cybersecurity"],
    11: ["rural development programmes", "paying agencies", "land parcel identification"],
    12: ["veterinary inspections", "food hygiene", "plant health", "animal welfare"],
    14: ["road safety", "railway interoperability", "aviation security", "maritime safety"],
    15: ["energy efficiency", "renewable energy", "gas market regulation", "nuclear safety"],
    16: ["value added tax", "excise duties", "tax administration", "transfer pricing"],
    18: ["national accounts", "census methodology", "business statistics", "statistical quality"],
    19: ["labour inspection", "social dialogue", "employment services", "pension reform"],
    22: ["cohesion funds management", "structural funds audit", "regional development strategy"],
    23: ["judicial training", "court management", "anti-corruption", "data protection"],
    24: [
        "asylum procedures",
        "reception of asylum seekers",
        "border management",
        "visa policy",
        "police cooperation",
        "organised crime",
        "trafficking in human beings",
        "migration statistics",
        "return procedures",
        "drug policy",
    ],
    27: [
        "waste management",
        "water quality",
        "air quality monitoring",
        "nature protection",
        "climate change mitigation",
        "environmental impact assessment",
        "industrial emissions",
    ],
    28: ["consumer protection", "medicinal products", "tobacco control", "public health"],
    29: [
        "customs procedures",
        "customs valuation",
        "tariff classification",
        "risk analysis",
        "authorised economic operators",
    ],
    32: [
        "public internal financial control",
        "external audit",
        "protection of financial interests",
    ],
}
ROLES_IN_TEXT = [
    "Leads a team working on",
    "Drafted the national legislation on",
    "Trains officials in",
    "Ten years of casework in",
    "Represents the administration in Council working parties on",
]
EMPLOYERS = [
    "Ministry of the Interior",
    "Ministry of Finance",
    "Ministry of Justice",
    "Ministry of Agriculture",
    "Ministry of the Environment",
    "Ministry of Health",
    "Ministry of Transport",
    "Ministry of Labour",
    "Customs Administration",
    "Tax Administration",
    "Statistical Office",
    "Asylum Office",
    "Border Police",
    "Competition Authority",
    "Supreme Audit Institution",
    "Food Safety Agency",
    "Energy Regulator",
    "Court Administration",
]
POSITIONS = ["Senior adviser", "Head of unit", "Inspector", "Legal officer", "Director", "Judge"]
FIRST_NAMES = [
    "Anna",
    "Marek",
    "Eva",
    "Jan",
    "Lucia",
    "Pierre",
    "Sofia",
    "Mika",
    "Ines",
    "Jonas",
    "Elena",
    "Piotr",
    "Marta",
    "Luca",
]
LAST_NAMES = [
    "Novak",
    "Horvat",
    "Schmidt",
    "Rossi",
    "Dubois",
    "Kowalski",
    "Silva",
    "Virtanen",
    "Jansen",
    "Popescu",
    "Garcia",
]
MOTHER_TONGUE = {
    "AT": "de", "BE": "nl", "BG": "bg", "HR": "hr", "CY": "el", "CZ": "cs", "DK": "da",
    "EE": "et", "FI": "fi", "FR": "fr", "DE": "de", "GR": "el", "HU": "hu", "IE": "en",
    "IT": "it", "LV": "lv", "LT": "lt", "LU": "fr", "MT": "mt", "NL": "nl", "PL": "pl",
    "PT": "pt", "RO": "ro", "SK": "sk", "SI": "sl", "ES": "es", "SE": "sv",
}  # fmt: skip
SECOND_LANGUAGES = ["fr", "de", "ru", "sr", "ar", "es", "it", "uk", "tr"]
LEVELS = ["B1", "B2", "B2", "C1", "C1", "C2"]


class Command(BaseCommand):
    help = "Create COUNT realistic experts (bulk, in batches) for benchmarks and demos."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, count, seed, **options):
        rng = random.Random(seed)
        today = timezone.localdate()
        member_states = list(
            Country.objects.filter(code__in=MOTHER_TONGUE, eu_member_until__isnull=True)
        )
        languages = dict(Language.objects.values_list("code", "id"))
        chapters = dict(Chapter.objects.values_list("number", "id"))
        employers = self.employers(member_states)
        prefix = f"generated-{seed}-"
        start = User.objects.filter(email__startswith=prefix).count()
        for first in range(start, start + count, BATCH):
            size = min(BATCH, start + count - first)
            with transaction.atomic():
                self.batch(
                    rng,
                    range(first, first + size),
                    prefix=prefix,
                    member_states=member_states,
                    employers=employers,
                    languages=languages,
                    chapters=chapters,
                )
            self.stdout.write(f"{first + size - start} / {count}")
        self.stdout.write(self.style.SUCCESS(f"{count} experts created (seed {seed}, {today})."))

    def employers(self, member_states):
        kind = InstitutionKind.objects.get(code="central-administration")
        Institution.objects.bulk_create(
            [
                Institution(name=name, country=ms, kind=kind)
                for ms in member_states
                for name in EMPLOYERS
            ],
            ignore_conflicts=True,
        )
        found = {}
        for institution in Institution.objects.filter(
            country__in=member_states, name__in=EMPLOYERS
        ):
            found.setdefault(institution.country_id, []).append(institution.pk)
        return found

    def batch(self, rng, serials, *, prefix, member_states, employers, languages, chapters):
        now = timezone.now()
        users = User.objects.bulk_create(
            [
                User(
                    email=f"{prefix}{n}@experts.example.org",
                    full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {n}",
                    password="!",  # unusable: generated people cannot log in
                )
                for n in serials
            ]
        )
        Membership.objects.bulk_create([Membership(user=user, role=Role.EXPERT) for user in users])
        experts, profiles = [], []
        for user in users:
            member_state = rng.choice(member_states)
            numbers = rng.sample(sorted(TOPICS), k=rng.choice([1, 1, 2, 2, 3]))
            topics = [
                topic
                for number in numbers
                for topic in rng.sample(TOPICS[number], k=min(3, len(TOPICS[number])))
            ]
            rng.shuffle(topics)
            state = rng.choices(
                ["verified", "pending", "rejected", "unconfirmed"], weights=[85, 6, 4, 5]
            )[0]
            experts.append(
                Expert(
                    user=user,
                    member_state=member_state,
                    employer_id=rng.choice(employers[member_state.pk]),
                    position=rng.choice(POSITIONS),
                    years_of_experience=rng.randint(3, 35),
                    expertise=" ".join(
                        f"{rng.choice(ROLES_IN_TEXT)} {topic}." for topic in topics[:4]
                    ),
                    keywords=", ".join(topics[:5]),
                    privacy_consent_at=now,
                    email_confirmed_at=None if state == "unconfirmed" else now,
                    verification_state=state,
                    verified_at=now if state == "verified" else None,
                    is_active=rng.random() > 0.03,
                )
            )
            profiles.append((member_state, numbers))
        experts = Expert.objects.bulk_create(experts)
        spoken, covered, away = [], [], []
        for expert, (member_state, numbers) in zip(experts, profiles, strict=True):
            codes = {MOTHER_TONGUE[member_state.code]: "C2"}
            codes.setdefault("en", rng.choice(LEVELS))
            for code in rng.sample(SECOND_LANGUAGES, k=rng.choice([0, 1, 1, 2])):
                codes.setdefault(code, rng.choice(LEVELS))
            spoken += [
                ExpertLanguage(expert=expert, language_id=languages[code], level=level)
                for code, level in codes.items()
            ]
            covered += [
                Expert.chapters.through(expert_id=expert.pk, chapter_id=chapters[number])
                for number in numbers
            ]
            if rng.random() < 0.15:
                begin = date.today() + timedelta(days=rng.randint(-30, 330))
                away.append(
                    Unavailability(
                        expert=expert, start=begin, end=begin + timedelta(days=rng.randint(2, 30))
                    )
                )
        ExpertLanguage.objects.bulk_create(spoken, batch_size=BATCH)
        Expert.chapters.through.objects.bulk_create(covered, batch_size=BATCH)
        Unavailability.objects.bulk_create(away, batch_size=BATCH)
