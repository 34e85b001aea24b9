"""Loads the reference data shipped in reference/data/*.csv; used by a data migration.

It takes a model getter so the migration can pass its historical models.
"""

import csv
from datetime import date, time
from decimal import Decimal
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
CLUSTERS = [
    "Fundamentals",
    "Internal market",
    "Competitiveness and inclusive growth",
    "Green agenda and sustainable connectivity",
    "Resources, agriculture and cohesion",
    "External relations",
]


def read_rows(name):
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def as_date(value):
    return date.fromisoformat(value) if value else None


def as_bool(value):
    return value.strip().lower() == "true"


def as_time(value):
    return time.fromisoformat(value)


def load_reference_data(get_model):
    Window = get_model("reference", "Window")
    Country = get_model("reference", "Country")
    BeneficiaryPeriod = get_model("reference", "BeneficiaryPeriod")
    InstitutionKind = get_model("reference", "InstitutionKind")
    Cluster = get_model("reference", "Cluster")
    Chapter = get_model("reference", "Chapter")
    ThematicTeam = get_model("reference", "ThematicTeam")
    Language = get_model("reference", "Language")

    windows = {
        row["code"]: Window.objects.create(
            code=row["code"],
            name=row["name"],
            is_peer_to_peer=as_bool(row["is_peer_to_peer"]),
            description=row["description"],
        )
        for row in read_rows("windows.csv")
    }
    footnotes = {row["code"]: row["footnote"] for row in read_rows("footnotes.csv")}
    countries = {}
    for row in read_rows("beneficiaries.csv"):
        country = countries.get(row["code"])
        if country is None:
            country = countries[row["code"]] = Country.objects.create(
                code=row["code"],
                name=row["name"],
                official_footnote=footnotes.get(row["code"], ""),
                is_country=row["code"] != "TCC",
            )
        BeneficiaryPeriod.objects.create(
            country=country,
            window=windows[row["window"]],
            valid_from=as_date(row["valid_from"]),
            valid_to=as_date(row["valid_to"]),
            note=row["note"],
        )
    member_states = []
    for row in read_rows("member_states.csv"):
        country = countries.get(row["code"])
        if country is None:
            country = countries[row["code"]] = Country.objects.create(
                code=row["code"], name=row["name"]
            )
        country.eu_member_since = as_date(row["member_since"])
        country.save(update_fields=["eu_member_since"])
        member_states.append(country)
    for row in read_rows("peer_to_peer.csv"):
        for country in member_states:
            BeneficiaryPeriod.objects.create(
                country=country,
                window=windows[row["window"]],
                valid_from=max(as_date(row["valid_from"]), country.eu_member_since),
                note=row["note"],
            )
    for row in read_rows("institution_kinds.csv"):
        InstitutionKind.objects.create(
            code=row["code"],
            name=row["name"],
            is_eligible=as_bool(row["is_eligible"]),
            is_eligible_expert_employer=as_bool(row["is_eligible_expert_employer"]),
            note=row["note"],
        )
    clusters = {
        name: Cluster.objects.create(number=number, name=name)
        for number, name in enumerate(CLUSTERS, start=1)
    }
    team_of_chapter = {}
    for row in read_rows("teams.csv"):
        team = ThematicTeam.objects.create(code=row["code"], name=row["name"])
        for number in row["chapters"].split(","):
            team_of_chapter[int(number)] = team
    for row in read_rows("chapters.csv"):
        number = int(row["number"])
        Chapter.objects.create(
            number=number,
            name=row["name"],
            cluster=clusters.get(row["cluster"]),
            team=team_of_chapter.get(number),
        )
    for row in read_rows("languages.csv"):
        Language.objects.create(
            code=row["code"], name=row["name"], is_eu_official=as_bool(row["is_eu_official"])
        )
    load_limits(get_model)


def sync_beneficiary_periods(get_model):
    """Add the countries and beneficiary periods of beneficiaries.csv that the database lacks
    (a period is known by its country, window and first day); rows already there are kept, so a
    period edited in the admin is not overwritten, except that a period without a note gets the
    file's (its source)."""
    Window = get_model("reference", "Window")
    Country = get_model("reference", "Country")
    BeneficiaryPeriod = get_model("reference", "BeneficiaryPeriod")
    windows = {window.code: window for window in Window.objects.all()}
    for row in read_rows("beneficiaries.csv"):
        country, _ = Country.objects.get_or_create(code=row["code"], defaults={"name": row["name"]})
        period, created = BeneficiaryPeriod.objects.get_or_create(
            country=country,
            window=windows[row["window"]],
            valid_from=as_date(row["valid_from"]),
            defaults={"valid_to": as_date(row["valid_to"]), "note": row["note"]},
        )
        if not created and not period.note and row["note"]:
            BeneficiaryPeriod.objects.filter(pk=period.pk).update(note=row["note"])


def load_kind_eligibility(get_model):
    """The dated eligibility of each institution kind (institution_kind_eligibility.csv),
    replacing the stored rules."""
    InstitutionKind = get_model("reference", "InstitutionKind")
    KindEligibility = get_model("reference", "KindEligibility")
    for row in read_rows("institution_kinds.csv"):
        InstitutionKind.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "is_eligible": as_bool(row["is_eligible"]),
                "is_eligible_expert_employer": as_bool(row["is_eligible_expert_employer"]),
                "note": row["note"],
            },
        )
    kinds = {kind.code: kind for kind in InstitutionKind.objects.all()}
    KindEligibility.objects.all().delete()
    for row in read_rows("institution_kind_eligibility.csv"):
        KindEligibility.objects.create(
            kind=kinds[row["kind"]],
            is_eligible=as_bool(row["is_eligible"]),
            valid_from=as_date(row["valid_from"]),
            valid_to=as_date(row["valid_to"]),
            source=row["source"],
        )


def load_public_holidays(get_model):
    """The Commission's public holidays (commission_holidays.csv), replacing the stored days."""
    PublicHoliday = get_model("reference", "PublicHoliday")
    PublicHoliday.objects.all().delete()
    PublicHoliday.objects.bulk_create(
        PublicHoliday(day=as_date(row["day"]), name=row["name"], source=row["source"])
        for row in read_rows("commission_holidays.csv")
    )


def sync_public_holidays(get_model):
    """Add the Commission's public holidays (commission_holidays.csv, 1996 to 2027) that the
    database lacks, and the public holidays of the countries where events take place
    (country_holidays.csv) for the countries it has; a day already stored is kept as it is."""
    PublicHoliday = get_model("reference", "PublicHoliday")
    CountryHoliday = get_model("reference", "CountryHoliday")
    Country = get_model("reference", "Country")
    PublicHoliday.objects.bulk_create(
        (
            PublicHoliday(day=as_date(row["day"]), name=row["name"], source=row["source"])
            for row in read_rows("commission_holidays.csv")
        ),
        ignore_conflicts=True,
        batch_size=1000,
    )
    countries = dict(Country.objects.values_list("code", "pk"))
    CountryHoliday.objects.bulk_create(
        (
            CountryHoliday(
                country_id=countries[row["country"]], day=as_date(row["day"]), name=row["name"]
            )
            for row in read_rows("country_holidays.csv")
            if row["country"] in countries
        ),
        ignore_conflicts=True,
        batch_size=1000,
    )


def optional_int(value):
    return int(value) if value else None


def load_limits(get_model):
    """The limits of each type of assistance (reference/data/limits.csv), replacing those stored:
    no other table points at a limit, so a reload is the simplest faithful copy of the file.
    Columns that an older migration's model does not have yet are left out."""
    AssistanceLimit = get_model("reference", "AssistanceLimit")
    columns = {field.name for field in AssistanceLimit._meta.get_fields()}
    AssistanceLimit.objects.all().delete()
    for row in read_rows("limits.csv"):
        values = {
            "assistance_type": row["assistance_type"],
            "applies_to_peer_to_peer": as_bool(row["applies_to_peer_to_peer"]),
            "max_days": int(row["max_days"]),
            "max_experts": optional_int(row["max_experts"]),
            "max_participants": optional_int(row["max_participants"]),
            "usual_lead_days": optional_int(row["usual_lead_days"]),
            "valid_from": as_date(row["valid_from"]),
            "valid_to": as_date(row.get("valid_to", "")),
        }
        AssistanceLimit.objects.create(**{k: v for k, v in values.items() if k in columns})


FEE_RULE_AMOUNTS = [
    "daily_fee",
    "host_daily_fee",
    "hotel_deduction_percent",
    "breakfast_deduction_percent",
    "lunch_deduction_percent",
    "dinner_deduction_percent",
]
FEE_RULE_TIMES = [
    "half_day_departure_after",
    "no_day_departure_after",
    "half_day_return_before",
    "no_day_return_before",
]


def load_fee_rules(get_model):
    """The published fee rules (reference/data/fee_rules.csv); rows whose figures are not all
    published are marked is_demo and say so in their note."""
    FeeRule = get_model("reference", "FeeRule")
    # Columns added later (pays_eu_body_officials, fee_by_approval_date) are left out for an
    # older migration's model.
    columns = {field.name for field in FeeRule._meta.get_fields()}
    for row in read_rows("fee_rules.csv"):
        flags = {
            name: as_bool(row[name])
            for name in ("is_demo", "pays_eu_body_officials", "fee_by_approval_date")
            if name in columns
        }
        FeeRule.objects.create(
            valid_from=as_date(row["valid_from"]),
            valid_to=as_date(row["valid_to"]),
            **{name: Decimal(row[name]) for name in FEE_RULE_AMOUNTS},
            **{name: as_time(row[name]) for name in FEE_RULE_TIMES},
            **flags,
            note=row["note"],
        )


# The EU's representations that are not called a Delegation; every other beneficiary country
# has an "EU Delegation to <country>". The Turkish Cypriot community is not a country and has
# no Delegation: its desk alone covers it.
REPRESENTATION_NAMES = {
    "XK": "EU Office in Kosovo*",
    "PS": "Office of the EU Representative (West Bank and Gaza Strip, UNRWA)",
}


def load_consulted_services(get_model):
    """The consulted services (reference/data/consulted_services.csv) and one Delegation per
    beneficiary country of a window that is not peer-to-peer, each with its scope."""
    ConsultedService = get_model("reference", "ConsultedService")
    Country = get_model("reference", "Country")
    Chapter = get_model("reference", "Chapter")
    Window = get_model("reference", "Window")
    beneficiaries = Country.objects.filter(
        is_country=True, periods__window__is_peer_to_peer=False
    ).distinct()
    for country in beneficiaries.order_by("code"):
        delegation = ConsultedService.objects.create(
            code=f"delegation-{country.code.lower()}",
            name=REPRESENTATION_NAMES.get(country.code, f"EU Delegation to {country.name}"),
            group="eu_delegation",
        )
        delegation.countries.set([country])
    for row in read_rows("consulted_services.csv"):
        service = ConsultedService.objects.create(
            code=row["code"], name=row["name"], group=row["group"]
        )
        kind, values = row["scope"].split(":")
        codes = values.split(",")
        if kind == "countries":
            service.countries.set(Country.objects.filter(code__in=codes))
        elif kind == "chapters":
            service.chapters.set(Chapter.objects.filter(number__in=codes))
        elif row["group"] == "partner_dg":
            service.windows.set(Window.objects.filter(code__in=codes))
        else:
            # A desk for a whole window: every country that is a beneficiary of it.
            service.countries.set(
                Country.objects.filter(periods__window__code__in=codes).distinct()
            )


def sync_partner_countries(get_model):
    """Add the partner countries worldwide (partner_countries.csv, written from ISO 3166-1 by
    `manage.py write_partner_countries`) and Russia's dated periods (beneficiaries.csv) that the
    database lacks, then give every new beneficiary country its Delegation and put it under the
    desk of its region. Rows already there are kept (an admin edit is not overwritten)."""
    Window = get_model("reference", "Window")
    Country = get_model("reference", "Country")
    BeneficiaryPeriod = get_model("reference", "BeneficiaryPeriod")
    ConsultedService = get_model("reference", "ConsultedService")
    sync_beneficiary_periods(get_model)
    windows = {window.code: window for window in Window.objects.all()}
    for row in read_rows("partner_countries.csv"):
        country, _ = Country.objects.get_or_create(code=row["code"], defaults={"name": row["name"]})
        BeneficiaryPeriod.objects.get_or_create(
            country=country,
            window=windows[row["window"]],
            valid_from=as_date(row["valid_from"]),
            defaults={"valid_to": as_date(row["valid_to"]), "note": row["note"]},
        )
    if not ConsultedService.objects.exists():
        return  # the consulted services are not loaded yet; their migration scopes them all
    beneficiaries = Country.objects.filter(
        is_country=True, periods__window__is_peer_to_peer=False
    ).distinct()
    for country in beneficiaries.exclude(consulted_services__group="eu_delegation"):
        delegation, _ = ConsultedService.objects.get_or_create(
            code=f"delegation-{country.code.lower()}",
            defaults={
                "name": REPRESENTATION_NAMES.get(country.code, f"EU Delegation to {country.name}"),
                "group": "eu_delegation",
            },
        )
        delegation.countries.add(country)
    for row in read_rows("consulted_services.csv"):
        service = ConsultedService.objects.filter(code=row["code"]).first()
        kind, values = row["scope"].split(":")
        if service is None or row["group"] != "geographic_desk":
            continue
        codes = values.split(",")
        if kind == "countries":
            service.countries.add(*Country.objects.filter(code__in=codes))
        elif kind == "window":
            service.countries.add(
                *Country.objects.filter(periods__window__code__in=codes).distinct()
            )


def load_reminder_delays(get_model):
    """The delays of reminder_delays.csv that are not stored yet (by kind and start): a delay
    edited in the admin stays as edited."""
    ReminderDelay = get_model("reference", "ReminderDelay")
    for row in read_rows("reminder_delays.csv"):
        ReminderDelay.objects.get_or_create(
            kind=row["kind"],
            valid_from=as_date(row["valid_from"]),
            defaults={
                "working_days": int(row["working_days"]),
                "valid_to": as_date(row["valid_to"]),
                "source": row["source"],
            },
        )


def load_name_translations(get_model, language):
    """Fill `name_translations[language]` (and the official footnotes') of the reference rows
    from data/names_<language>.csv; countries absent from that file take the standard name of
    ISO 3166 in that language (pycountry's catalogue), when it has one."""
    import gettext

    import pycountry

    tables = {
        "window": (get_model("reference", "Window"), "code"),
        "institution_kind": (get_model("reference", "InstitutionKind"), "code"),
        "team": (get_model("reference", "ThematicTeam"), "code"),
        "cluster": (get_model("reference", "Cluster"), "name"),
        "chapter": (get_model("reference", "Chapter"), "number"),
        "country": (get_model("reference", "Country"), "code"),
    }
    language_model = get_model("reference", "Language")
    if any(field.name == "name_translations" for field in language_model._meta.get_fields()):
        tables["language"] = (language_model, "code")  # from migration 0020 on
    names = {
        (row["table"], row["key"]): row[f"name_{language}"]
        for row in read_rows(f"names_{language}.csv")
    }
    try:
        iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        iso = None
    for table, (model, key_field) in tables.items():
        for row in model.objects.all():
            key = str(getattr(row, key_field))
            name = names.get((table, key))
            if name is None and table == "country" and iso is not None:
                standard = pycountry.countries.get(alpha_2=key)
                if standard is not None:
                    english = getattr(standard, "common_name", None) or standard.name
                    name = iso.gettext(english)
            changed = []
            if name:
                row.name_translations = {**(row.name_translations or {}), language: name}
                changed.append("name_translations")
            footnote = names.get(("footnote", key)) if table == "country" else None
            if footnote:
                row.official_footnote_translations = {
                    **(row.official_footnote_translations or {}),
                    language: footnote,
                }
                changed.append("official_footnote_translations")
            if changed:
                row.save(update_fields=changed)
