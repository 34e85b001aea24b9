"""The real events told in the seed documents (the Azerbaijan State Migration Service's report
and the Commission's local-authorities page), recorded as implemented events.

Where a seed gives only the year, the dates are a plausible week of that year and say so in
`dates_note`; the other dates are the seeds' own.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from taiex.core.audit import log_action
from taiex.core.models import ActivityLog
from taiex.events.enums import EventState
from taiex.events.models import Event
from taiex.events.services import next_event_reference
from taiex.reference.enums import AssistanceType, Modality
from taiex.reference.models import Chapter, Country, ThematicTeam, Window

SMS = "State Migration Service of the Republic of Azerbaijan"


@dataclass(frozen=True)
class SeedEvent:
    event_type: str
    title: str
    start: date
    end: date
    beneficiary: str  # country code
    place: str
    venue_country: str
    time_zone: str
    institutions: str
    summary: str
    chapter: int
    team: str
    window: str = "neighbourhood-east"
    participants: int | None = None
    dates_note: str = ""


SEED_EVENTS = (
    SeedEvent(
        AssistanceType.STUDY_VISIT,
        "Acquaintance with asylum procedures in Romania",
        date(2012, 5, 14),
        date(2012, 5, 16),
        "AZ",
        "Bucharest",
        "RO",
        "Europe/Bucharest",
        SMS,
        "Officials of the State Migration Service learnt how Romania investigates asylum "
        "applications: interview methods, procedures at the state border and information on "
        "countries of origin.",
        24,
        "jfs",
        participants=3,
        dates_note="The seed gives the year 2012 only.",
    ),
    SeedEvent(
        AssistanceType.EXPERT_MISSION,
        "Tools and standards for ensuring quality in asylum procedure",
        date(2012, 6, 18),
        date(2012, 6, 20),
        "AZ",
        "Baku",
        "AZ",
        "Asia/Baku",
        SMS,
        "Experts of the Romanian asylum authority shared the tools and standards that ensure "
        "quality in the asylum procedure.",
        24,
        "jfs",
        participants=15,
        dates_note="The seed gives the year 2012 only.",
    ),
    SeedEvent(
        AssistanceType.STUDY_VISIT,
        "Exchange of practices in the field of asylum (asylum procedure, terms of admission, "
        "notification about abuse of asylum system)",
        date(2012, 8, 27),
        date(2012, 8, 31),
        "AZ",
        "Bucharest",
        "RO",
        "Europe/Bucharest",
        SMS,
        "Practice of a Member State on the asylum procedure, the terms of admission and the "
        "notification of abuse of the asylum system.",
        24,
        "jfs",
        participants=3,
    ),
    SeedEvent(
        AssistanceType.STUDY_VISIT,
        "Readmission",
        date(2012, 11, 12),
        date(2012, 11, 14),
        "AZ",
        "Bucharest",
        "RO",
        "Europe/Bucharest",
        SMS,
        "How a Member State implements readmission agreements.",
        24,
        "jfs",
        participants=3,
        dates_note="The seed does not name the host city.",
    ),
    SeedEvent(
        AssistanceType.STUDY_VISIT,
        "Integration of persons who obtained refugee status to local condition and study of "
        "naturalization issues of refugees as a durable solution",
        date(2015, 5, 11),
        date(2015, 5, 13),
        "AZ",
        "Lisbon",
        "PT",
        "Europe/Lisbon",
        SMS,
        "The integration into society of people granted refugee status in EU Member States and "
        "their naturalisation, with the legislation and EU directives in this field.",
        24,
        "jfs",
        participants=3,
        dates_note="The seed gives the year 2015 only.",
    ),
    SeedEvent(
        AssistanceType.STUDY_VISIT,
        "Acquaintance with electronic databases in the field of migration in EU Member State",
        date(2015, 10, 5),
        date(2015, 10, 7),
        "AZ",
        "Bucharest",
        "RO",
        "Europe/Bucharest",
        SMS,
        "Electronic databases on migrants, the collection of biometric data, and the "
        "legislation and EU directives in this field.",
        24,
        "jfs",
        participants=3,
        dates_note="The seed gives the year 2015 only.",
    ),
    SeedEvent(
        AssistanceType.STUDY_VISIT,
        "Acquaintance with detention centers for illegal migrants and their alternative "
        "detention centers in EU Member States",
        date(2016, 4, 25),
        date(2016, 4, 27),
        "AZ",
        "Brussels",
        "BE",
        "Europe/Brussels",
        SMS,
        "The practice of EU Member States on detention centres for irregular migrants and the "
        "alternatives to detention, with the legislation and procedures in this field.",
        24,
        "jfs",
        participants=3,
    ),
    SeedEvent(
        AssistanceType.WORKSHOP,
        "Applied legislation for detection procedures on marriages of convenience and "
        "eradication of these cases in European Union Members States",
        date(2017, 4, 6),
        date(2017, 4, 7),
        "AZ",
        "Baku",
        "AZ",
        "Asia/Baku",
        SMS,
        "Seminar on detecting marriages of convenience and ending them; about 60 representatives "
        "of government and non-government agencies attended.",
        24,
        "jfs",
        participants=60,
    ),
    SeedEvent(
        AssistanceType.EXPERT_MISSION,
        "Risk analysis on illegal migration",
        date(2019, 10, 1),
        date(2019, 10, 3),
        "AZ",
        "Baku",
        "AZ",
        "Asia/Baku",
        f"{SMS}; Ministry of Foreign Affairs; Ministry of Internal Affairs; State Border Service; "
        "State Security Service; State Agency for Public Service and Social Innovations",
        "Experts from the European Border and Coast Guard Agency (Frontex) and Slovenia shared "
        "EU practice on risk sources, risk analysis reports in migration management, their "
        "methodology, and the push and pull factors of irregular migration.",
        24,
        "jfs",
        participants=20,
    ),
    SeedEvent(
        AssistanceType.WORKSHOP,
        "Workshop on treatment of vulnerable groups and migrants at detention facilities, "
        "including rights and obligations",
        date(2019, 11, 13),
        date(2019, 11, 14),
        "AZ",
        "Baku",
        "AZ",
        "Asia/Baku",
        SMS,
        "The treatment of vulnerable groups and migrants in detention facilities, their rights "
        "and obligations; requested by the State Migration Service.",
        24,
        "jfs",
        participants=40,
    ),
    SeedEvent(
        AssistanceType.WORKSHOP,
        "Workshop on plastic waste management",
        date(2022, 10, 18),
        date(2022, 10, 19),
        "ME",
        "Budva",
        "ME",
        "Europe/Podgorica",
        "Municipality of Budva",
        "With experts from Slovenia and Belgium, participants discussed incentives for better "
        "recycling in the Adriatic and how to engage citizens.",
        27,
        "etet",
        window="enlargement",
        participants=35,
        dates_note="The seed does not date the event.",
    ),
    SeedEvent(
        AssistanceType.WORKSHOP,
        "Workshop on multilevel governance, data protection and transparency",
        date(2021, 9, 22),
        date(2021, 9, 23),
        "RS",
        "Čačak",
        "RS",
        "Europe/Belgrade",
        "City of Čačak; City of Užice",
        "Experts from Croatia and Slovenia exchanged experience with the municipalities of "
        "Čačak and Užice on multilevel governance, data protection and management, and "
        "transparency.",
        23,
        "jfs",
        window="enlargement",
        participants=30,
        dates_note="The seed does not date the event.",
    ),
    SeedEvent(
        AssistanceType.EXPERT_MISSION,
        "Expert mission on data protection and transparency in local government",
        date(2021, 11, 8),
        date(2021, 11, 10),
        "RS",
        "Užice",
        "RS",
        "Europe/Belgrade",
        "City of Užice; City of Čačak",
        "Follow-up of the workshop: experts from Croatia and Slovenia advised both cities on "
        "data management and transparency.",
        23,
        "jfs",
        window="enlargement",
        participants=12,
        dates_note="The seed does not date the event.",
    ),
    SeedEvent(
        AssistanceType.WORKSHOP,
        "E-government services in public finance and taxation for municipalities",
        date(2022, 6, 7),
        date(2022, 6, 8),
        "MX",
        "Guanajuato",
        "MX",
        "America/Mexico_City",
        "Municipality of Guanajuato and seven other municipalities of the State of Guanajuato",
        "Representatives of 8 municipalities and experts from Austria, Belgium, Estonia and "
        "Greece shared experience on e-government services in public finance and taxation.",
        16,
        "internal-market",
        window="partnership-instrument",
        participants=40,
        dates_note="The seed does not date the event.",
    ),
)


def create_seed_events(*, actor):
    """Record the seed events as closed events with readable references and an audit row."""
    countries = {c.code: c for c in Country.objects.all()}
    windows = {w.code: w for w in Window.objects.all()}
    teams = {t.code: t for t in ThematicTeam.objects.all()}
    chapters = {c.number: c for c in Chapter.objects.all()}
    events = []
    for seed in sorted(SEED_EVENTS, key=lambda s: s.start):
        recorded = timezone.make_aware(datetime.combine(seed.end + timedelta(days=14), time(10)))
        event = Event.objects.create(
            created_at=recorded,
            reference=next_event_reference(seed.event_type, seed.start.year),
            event_type=seed.event_type,
            modality=Modality.ON_SITE,
            state=EventState.CLOSED,
            title=seed.title,
            summary=seed.summary,
            start_date=seed.start,
            end_date=seed.end,
            place=seed.place,
            venue_country=countries.get(seed.venue_country),
            time_zone=seed.time_zone,
            beneficiary=countries[seed.beneficiary],
            window=windows[seed.window],
            team=teams[seed.team],
            beneficiary_institutions=seed.institutions,
            participants_count=seed.participants,
        )
        event.chapters.set([chapters[seed.chapter]])
        note = "Recorded from the public sources by the demo loader."
        if seed.dates_note:
            note = f"{note} {seed.dates_note}"
        entry = log_action(
            event, actor=actor, action="record_past_event", to_state=EventState.CLOSED, note=note
        )
        ActivityLog.objects.filter(pk=entry.pk).update(created_at=recorded)
        Event.objects.filter(pk=event.pk).update(updated_at=recorded)
        events.append(event)
    return events
