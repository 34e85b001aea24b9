"""Writes reference/data/partner_countries.csv from the ISO 3166-1 list (pycountry).

Run by a developer when the list or the rules below change; the file is committed and loaded by
a data migration (`loading.sync_partner_countries`). Nothing reads pycountry at run time for it.

Every sovereign country of ISO 3166-1 that is not already a beneficiary of another window
(beneficiaries.csv), not a Member State nor a former one, is a partner country worldwide: of
the Partnership Instrument from 1 January 2014 (Regulation (EU) No 234/2014) when it is a
high-income economy or one of the Instrument's strategic partners, otherwise of International
Partnerships from 1 January 2019 (the date the windows' first rows already use).
"""

import csv

from django.core.management.base import BaseCommand

from taiex.reference.loading import DATA_DIR, read_rows

# Dependent territories, areas without a government of their own, and entities that are not
# partner countries of the EU's external assistance (the EEA/EFTA states, the micro-states in a
# customs or monetary union with the EU, North Korea under EU sanctions).
EXCLUDED_CODES = """
AS AI AQ AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO JE KY MF MO MP
MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK TW UM VG VI WF YT CH NO LI AD MC SM VA KP GB RU
"""
EXCLUDED = frozenset(EXCLUDED_CODES.split())
# High-income economies and the strategic partners named for the Partnership Instrument.
PARTNERSHIP_INSTRUMENT_CODES = """
AG AU BS BH BB BN CA CL JP KR KW NZ OM PA QA KN SA SC SG TT AE US UY BR CN IN ZA
"""
PARTNERSHIP_INSTRUMENT = frozenset(PARTNERSHIP_INSTRUMENT_CODES.split())
NAMES = {
    "BO": "Bolivia",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CV": "Cabo Verde",
    "FM": "Micronesia",
    "IR": "Iran",
    "KR": "South Korea",
    "LA": "Laos",
    "TZ": "Tanzania",
    "VE": "Venezuela",
}


class Command(BaseCommand):
    help = "Write reference/data/partner_countries.csv from the ISO 3166-1 list (dev only)."

    def handle(self, *args, **options):
        import pycountry

        known = {row["code"] for row in read_rows("beneficiaries.csv")}
        known |= {row["code"] for row in read_rows("member_states.csv")}
        rows = []
        for country in pycountry.countries:
            code = country.alpha_2
            if code in EXCLUDED or code in known:
                continue
            name = NAMES.get(code) or getattr(country, "common_name", None) or country.name
            if code in PARTNERSHIP_INSTRUMENT:
                window, valid_from = "partnership-instrument", "2014-01-01"
            else:
                window, valid_from = "international-partnerships", "2019-01-01"
            rows.append([code, name, window, valid_from, "", "partner country worldwide"])
        rows.sort(key=lambda row: row[0])
        with open(DATA_DIR / "partner_countries.csv", "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["code", "name", "window", "valid_from", "valid_to", "note"])
            writer.writerows(rows)
        self.stdout.write(f"{len(rows)} partner countries written.")
