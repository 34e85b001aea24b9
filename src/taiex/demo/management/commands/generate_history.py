"""manage.py generate_history: 30 years of events, requests, experts and participants at the
instrument's scale, loaded in bulk, deterministic from --seed."""

from dataclasses import replace

from django.core.management.base import BaseCommand, CommandError

from taiex.demo.history import HistoryGenerator, Scale, holds_data


def positive_factor(value):
    factor = float(value)
    if not 0 < factor <= 10:
        raise ValueError(value)
    return factor


class Command(BaseCommand):
    help = (
        "Generate 30 years of history (1996-2025) at the instrument's scale: about 40,000 "
        "events, 60,000 experts, 1,000,000 participations and 50,000 requests, loaded in bulk "
        "in one transaction. The same --seed gives the same data. Refuses to run on a "
        "database that already holds events, requests or experts unless --force (it then "
        "adds to them)."
    )

    def add_arguments(self, parser):
        default = Scale()
        parser.add_argument("--seed", type=int, default=1996, help="Random seed (default 1996).")
        parser.add_argument(
            "--scale",
            type=positive_factor,
            default=1.0,
            help="Multiply every default count (0.01 for a quick run of 400 events).",
        )
        for name, value in [
            ("events", default.events),
            ("experts", default.experts),
            ("participations", default.participations),
            ("requests", default.requests),
        ]:
            parser.add_argument(
                f"--{name}", type=int, default=None, help=f"How many {name} (default {value:,})."
            )
        parser.add_argument("--first-year", type=int, default=default.first_year)
        parser.add_argument("--last-year", type=int, default=default.last_year)
        parser.add_argument(
            "--attendance",
            action="store_true",
            help="Also record day-by-day attendance of the approved participants (millions of "
            "rows at full scale; off by default).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add the history to a database that already holds events, requests or experts.",
        )

    def handle(self, *args, seed, scale, force, attendance, first_year, last_year, **options):
        if not 1990 <= first_year <= last_year <= 2100:
            raise CommandError("--first-year must not be after --last-year (years 1990-2100).")
        wanted = Scale(first_year=first_year, last_year=last_year, attendance=attendance)
        wanted = wanted.scaled(scale)
        counts = {}
        for name in ("events", "experts", "participations", "requests"):
            value = options[name]
            if value is not None:
                if value < (1 if name in {"events", "experts"} else 0):
                    raise CommandError(f"--{name} must be at least 1 (0 for the others).")
                counts[name] = value
        wanted = replace(wanted, **counts)
        found = holds_data()
        if found and not force:
            held = ", ".join(f"{name}: {count:,}" for name, count in found.items())
            raise CommandError(
                f"This database already holds data ({held}). generate_history adds a whole history "
                "and would mix it with them: run it on a freshly migrated database, or pass "
                "--force to add to what is there."
            )
        self.stdout.write(
            f"Generating {first_year}-{last_year} (seed {seed}): {wanted.events:,} events, "
            f"{wanted.experts:,} experts, {wanted.participations:,} participations, "
            f"{wanted.requests:,} requests" + (", with attendance." if attendance else ".")
        )
        generator = HistoryGenerator(wanted, seed=seed, write=self.stdout.write)
        timer = generator.run()
        self.stdout.write(self.style.SUCCESS(f"History generated in {timer.total:.1f} s."))
