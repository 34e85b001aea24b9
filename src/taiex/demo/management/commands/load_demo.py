"""manage.py load_demo: people of every role, the seeds' real events and generated requests."""

import random
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from taiex.applications.enums import ApplicationState
from taiex.applications.services import schedule_consultation_close
from taiex.core import mail
from taiex.demo.delivery import build_showcase
from taiex.demo.experts import create_demo_experts, staff_demo_events
from taiex.demo.generate import Generator
from taiex.demo.people import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    LOGINS,
    People,
    demo_users_exist,
)
from taiex.demo.seeds import create_seed_events
from taiex.events.models import Event

# While loading, the notifications of the demo's past are neither rendered nor written to the
# outbox (`mail.muted`), and tasks go to the dummy backend (any direct mail to memory): the worker
# finds no stale e-mails in its queue, and the demo loads faster.
QUIET = {
    "MAILERS": {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
    "TASKS": {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}},
}


class Command(BaseCommand):
    help = (
        "Load the demo: a login for every role (shared password), the real events of the seed "
        "documents and a few hundred requests walked through the real services. Refuses "
        "(and exits 0) when the demo users already exist."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--requests", type=int, default=300, help="How many requests to generate."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has any user (used by `make run`).",
        )

    def handle(self, *args, seed, requests, if_empty, **options):
        if if_empty and get_user_model().objects.exists():
            self.stdout.write("The database already has users; the demo is not loaded.")
            return
        if demo_users_exist():
            self.stdout.write(
                "The demo is already loaded (its users exist); nothing to do. "
                "Run `make demo` for a fresh demo database."
            )
            return
        started = time.monotonic()
        rng = random.Random(seed)
        step = self.step
        with override_settings(**QUIET), mail.muted(), transaction.atomic():
            step("people, institutions and roles")
            people = People().create_all()
            step("the expert database")
            experts = create_demo_experts(people, rng=rng)
            step("the real events of the seed documents")
            seed_events = create_seed_events(actor=people.administrator)
            step(f"{requests} requests, walked through the real services")
            generator = Generator(people, rng=rng)
            applications = generator.run(requests, progress=self.requests_done)
            step("the showcase events and their experts")
            showcase = build_showcase(experts, rng=rng)
            staff_demo_events(people, experts, rng=rng)
            step("saving")
        # Outside the quiet block: queue the real closing of the consultations still open.
        for application in generator.open_consultations:
            application.refresh_from_db()
            if application.state == ApplicationState.CONSULTATION:
                schedule_consultation_close(application.pk, application.consultation_deadline)
        self.report(people, seed_events, applications, time.monotonic() - started)
        self.stdout.write(f"{len(experts)} experts in the expert database.")
        for event in showcase.events():
            event.refresh_from_db()
            self.stdout.write(
                f"Showcase: {event.reference} ({event.get_state_display().lower()}) {event.title}"
            )

    def step(self, what):
        # Said while loading, so `make run` on a fresh clone is not silent for a minute.
        self.stdout.write(f"Loading the demo: {what}...")
        self.stdout.flush()

    def requests_done(self, done, count):
        self.stdout.write(f"  {done} of {count} requests")
        self.stdout.flush()

    def report(self, people, seed_events, applications, seconds):
        write = self.stdout.write
        write(
            self.style.SUCCESS(
                f"Demo loaded in {seconds:.0f} s: {len(people.by_email)} users, "
                f"{len(seed_events)} events from the seeds, {len(applications)} requests, "
                f"{Event.objects.count()} events in all."
            )
        )
        width = max(len(login.role_label) for login in LOGINS)
        write("")
        write(f"{'role'.ljust(width)}  e-mail")
        for login in LOGINS:
            write(f"{login.role_label.ljust(width)}  {login.email}")
        write("")
        write(f"Every demo user's password is {DEMO_PASSWORD}")
        write(
            "Staff, finance, contact points and consulted services also give a code from an "
            f"authenticator app holding the key {DEMO_TOTP_SECRET} (or print it with "
            "`manage.py demo_code`)."
        )
        write(
            "Other countries' contact points are ncp.<country code>@example.org and each "
            "institution has an applicant applicant.<country code>.<n>@example.org."
        )
