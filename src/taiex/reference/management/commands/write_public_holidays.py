"""Writes the public holidays files of reference/data (dev only; needs the dev dependency
`holidays`, which the application never imports at run time).

- commission_holidays.csv: the Commission's public holidays in Brussels from 1996 to 2027, built
  from the yearly pattern (1-2 January, Maundy Thursday, Good Friday, Easter Monday, 1 May, 9 May,
  Ascension Thursday and Friday, Whit Monday, 21 July, 15 August, 1-2 November, 24-31 December;
  Easter by the Gregorian computus). The years 2024 to 2027 come out exactly as they were loaded.
- country_holidays.csv: the public holidays of each country where events take place (the
  beneficiaries of beneficiaries.csv and the Member States of member_states.csv) from 1996 to
  2027, as the PyPI package `holidays` gives them (English names where it has them).

Both files are committed and loaded by data migrations; run this again only to change them.
"""

import csv
from datetime import date, timedelta

from django.core.management.base import BaseCommand

from taiex.reference.loading import DATA_DIR, read_rows

FIRST_YEAR = 1996
LAST_YEAR = 2027
COMMISSION_SOURCE = "European Commission public holidays in Brussels, as published each year (OJ C)"
COMMISSION_COMPUTED_SOURCE = (
    "European Commission public holidays in Brussels, computed from the yearly pattern "
    "(docs/decisions.md); not checked against that year's notice"
)


def commission_days(year):
    """The Commission's public holidays of `year` by the pattern, as (day, name); where two
    fall on one day the first named is kept (9 May before Ascension, as in 2024)."""
    from dateutil.easter import easter

    sunday = easter(year)
    ascension = sunday + timedelta(days=39)
    days = [
        (date(year, 1, 1), "New Year's Day"),
        (date(year, 1, 2), "Day after New Year's Day"),
        (sunday - timedelta(days=3), "Maundy Thursday"),
        (sunday - timedelta(days=2), "Good Friday"),
        (sunday + timedelta(days=1), "Easter Monday"),
        (date(year, 5, 1), "Labour Day"),
        (date(year, 5, 9), "Anniversary of the Schuman Declaration"),
        (ascension, "Ascension Day"),
        (ascension + timedelta(days=1), "Day after Ascension Day"),
        (sunday + timedelta(days=50), "Whit Monday"),
        (date(year, 7, 21), "Belgian National Day"),
        (date(year, 8, 15), "Assumption"),
        (date(year, 11, 1), "All Saints' Day"),
        (date(year, 11, 2), "All Souls' Day"),
        (date(year, 12, 24), "Christmas Eve"),
        (date(year, 12, 25), "Christmas Day"),
        *((date(year, 12, day), "Christmas period") for day in range(26, 32)),
    ]
    kept = {}
    for day, name in days:
        kept.setdefault(day, name)
    return sorted(kept.items())


def event_countries():
    codes = {row["code"] for row in read_rows("beneficiaries.csv")}
    codes |= {row["code"] for row in read_rows("member_states.csv")}
    return sorted(codes)


class Command(BaseCommand):
    help = "Write reference/data/commission_holidays.csv and country_holidays.csv (dev only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--also",
            nargs="*",
            default=[],
            metavar="CODE",
            help="More countries (ISO 3166-1 alpha-2) to write, e.g. partner countries.",
        )

    def handle(self, *args, **options):
        import holidays

        with open(DATA_DIR / "commission_holidays.csv", "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["day", "name", "source"])
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                source = COMMISSION_SOURCE if year >= 2024 else COMMISSION_COMPUTED_SOURCE
                for day, name in commission_days(year):
                    writer.writerow([day.isoformat(), name, source])

        supported = holidays.list_supported_countries()
        skipped = []
        count = 0
        with open(DATA_DIR / "country_holidays.csv", "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["country", "day", "name"])
            for code in sorted(set(event_countries()) | set(options["also"])):
                if code not in supported:
                    skipped.append(code)
                    continue
                languages = supported_languages(holidays, code)
                language = "en_US" if "en_US" in languages else None
                days = holidays.country_holidays(
                    code, years=range(FIRST_YEAR, LAST_YEAR + 1), language=language
                )
                for day, name in sorted(days.items()):
                    writer.writerow([code, day.isoformat(), name[:200]])
                    count += 1
        self.stdout.write(f"{count} country holidays written; no data for {', '.join(skipped)}.")


def supported_languages(holidays, code):
    return holidays.list_localized_countries().get(code, [])
