"""Showcase events of the demo, delivered through the real services of the events app: the
demo rates, then four events of the justice, freedom and security case handler at the stages a
case handler meets every week.

- a workshop held last week: agenda, two experts, participants (a waiting list that moved up),
  attendance with a no-show, travel booked, fee statements computed and waiting for approval;
  the case handler approves them, downloads the payment list and the certificates, and closes;
- an expert mission of the demo expert held last month, whose mission report she still has to
  write; its fee statements are approved, hers (she entered her bank details) sent for payment
  by finance, so that finance can mark it paid or import the bank's answer;
- a hybrid workshop in three weeks, confirmed, with its meeting link, an open registration link,
  every seat taken and a waiting list;
- a study visit to a Member State administration being prepared, with its named group and
  travel requested.

The logistics contractor of the demo (`logistics@example.org`, Balkan Events Ltd) organises the
hybrid workshop (venue booked, catering requested, a hotel booked for one expert) and the study
visit (a hotel requested for one member of the group); the rest is still to book.
"""

from dataclasses import dataclass
from datetime import time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from taiex.accounts.models import Institution
from taiex.core.workflow import TransitionNotAllowed
from taiex.events import services as event_services
from taiex.events.enums import EventState
from taiex.events.models import Event, FeeStatement, Participant
from taiex.events.queries.participants import attended_participants_count
from taiex.events.services import (
    agenda,
    bank_details,
    details,
    fees,
    hosting,
    logistics,
    participants,
    payments,
    reports,
    series,
    travel,
)
from taiex.experts.enums import VerificationState
from taiex.reference.enums import AssistanceType, MissionKind, Modality
from taiex.reference.loading import DATA_DIR
from taiex.reference.rates import import_subsistence_rates
from taiex.staffing.services.invitations import (
    InvitationError,
    accept_invitation,
    invite_expert,
)

from .travellers import TravellersShowcase

DEMO_HANDLER = "handler.jfs@example.org"
DEMO_EXPERT = "expert@example.org"
DEMO_FINANCE = "finance@example.org"
DEMO_CONTRACTOR = "logistics@example.org"

FIRST_NAMES = [
    "Ana", "Milan", "Jelena", "Nikola", "Ivana", "Stefan", "Marija", "Dragan", "Tijana",
    "Vladimir", "Milica", "Aleksandar", "Sanja", "Dejan", "Katarina", "Nenad", "Gordana",
    "Bojan", "Vesna", "Zoran", "Jovana", "Miloš", "Snežana", "Đorđe",
]  # fmt: skip
LAST_NAMES = [
    "Petrović", "Jovanović", "Nikolić", "Marković", "Đorđević", "Stojanović", "Ilić",
    "Stanković", "Pavlović", "Milošević", "Popović", "Kostić", "Savić", "Todorović",
]  # fmt: skip
SESSIONS = [
    (time(9, 30), time(11, 0), "Opening and the EU framework"),
    (time(11, 30), time(13, 0), "Practice in the Member States"),
    (time(14, 0), time(15, 30), "Case studies in working groups"),
    (time(16, 0), time(17, 0), "Conclusions and next steps"),
]


@dataclass
class Showcase:
    ready_to_close: Event | None = None
    mission: Event | None = None
    upcoming: Event | None = None
    study_visit: Event | None = None
    follow_up: Event | None = None
    held_visit: Event | None = None
    multi_country: Event | None = None

    def events(self):
        return [e for e in vars(self).values() if e is not None]


def load_demo_rates():
    """The demo's daily subsistence allowances (labelled as demo data on every screen)."""
    return import_subsistence_rates(DATA_DIR / "demo_subsistence_rates.csv", is_demo=True)


class ShowcaseBuilder(TravellersShowcase):
    def __init__(self, experts, *, rng, today=None):
        self.rng = rng
        self.today = today or timezone.localdate()
        self.handler = get_user_model().objects.get(email=DEMO_HANDLER)
        self.verified = [
            e
            for e in experts
            if e.verification_state == VerificationState.VERIFIED and e.user.email != DEMO_EXPERT
        ]
        self.demo_expert = next(e for e in experts if e.user.email == DEMO_EXPERT)
        self.names = set()

    def build(self):
        """Pick planned events without experts yet, those of the demo's justice, freedom and
        security case handler first (any case handler's when the demo is small), and take
        each to its stage; the event's own case handler acts."""
        showcase = Showcase()
        demo_handler = self.handler
        free = sorted(
            Event.objects.filter(
                state=EventState.PLANNED, case_handler__isnull=False, invitations__isnull=True
            )
            .exclude(window__is_peer_to_peer=True)
            .select_related("beneficiary", "venue_country", "application", "case_handler"),
            key=lambda e: (e.case_handler_id != demo_handler.pk, e.start_date, e.pk),
        )
        by_type = {kind: [e for e in free if e.event_type == kind] for kind in AssistanceType}
        steps = [
            ("ready_to_close", AssistanceType.WORKSHOP),
            ("mission", AssistanceType.EXPERT_MISSION),
            ("upcoming", AssistanceType.WORKSHOP),
            ("study_visit", AssistanceType.STUDY_VISIT),
            # Their participants travel (demo/travellers.py).
            ("held_visit", AssistanceType.STUDY_VISIT),
            ("multi_country", AssistanceType.WORKSHOP),
        ]
        for name, kind in steps:
            if by_type[kind]:
                event = by_type[kind].pop(0)
                self.handler = event.case_handler
                setattr(showcase, name, getattr(self, name)(event))
        if showcase.ready_to_close is not None:
            showcase.follow_up = self.follow_up(showcase.ready_to_close)
        self.handler = demo_handler
        self.organise(showcase)
        return showcase

    def follow_up(self, event):
        """A series: the workshop held last week is followed up by an advisory expert mission
        of the same request, in two months (through the series service: it takes the request's
        languages and venue, and `follows` the workshop)."""
        if series.follow_up_refusal(event):
            return None
        start = self.today + timedelta(days=60)
        return series.add_follow_up_event(
            series.FollowUp(
                follows=event,
                event_type=AssistanceType.EXPERT_MISSION,
                mission_kind=MissionKind.ADVICE,
                title=f"Follow-up expert mission: {event.title}",
                start_date=start,
                end_date=start + timedelta(days=2),
                experts_needed=1,
            ),
            actor=event.case_handler,
        )

    def organise(self, showcase):
        """The demo contractor organises the hybrid workshop and the study visit: each event's
        case handler assigns it, and it books part of what they need."""
        user = get_user_model().objects.filter(email=DEMO_CONTRACTOR).first()
        membership = user and user.memberships.filter(contractor__isnull=False).first()
        if membership is None:
            return
        for event in (showcase.upcoming, showcase.study_visit):
            if event is None:
                continue
            event.refresh_from_db()
            logistics.assign_contractor(event, membership.contractor, actor=event.case_handler)
            guests = list(logistics.guests_of(event).values())
            if guests:
                guest = guests[0][0]
                hotel = self.booking(
                    event,
                    "hotel",
                    user,
                    guest=guest,
                    supplier="Hotel Metropol",
                    starts_on=event.start_date - timedelta(days=1),
                    ends_on=event.end_date,
                    planned_cost=95 * ((event.end_date - event.start_date).days + 1),
                )
                if event.event_type == AssistanceType.WORKSHOP:
                    logistics.confirm_booking(hotel, actor=user)
            if event.event_type == AssistanceType.WORKSHOP:
                venue = self.booking(
                    event,
                    "venue",
                    user,
                    supplier="Sava Congress Centre",
                    quantity=2,
                    planned_cost=1800,
                )
                logistics.confirm_booking(venue, actor=user)
                self.booking(
                    event,
                    "catering",
                    user,
                    supplier="Belgrade Catering",
                    quantity=40,
                    planned_cost=1200,
                )

    def booking(self, event, kind, user, *, guest=None, **values):
        values = {
            "supplier_reference": f"DEMO-{event.pk}-{kind[:3].upper()}",
            "starts_on": event.start_date,
            "ends_on": event.end_date,
            "quantity": 1,
            **values,
        }
        return logistics.save_booking(event, kind, actor=user, values=values, guest=guest)

    # -- steps -------------------------------------------------------------------------------

    def set_details(self, event, **values):
        event.refresh_from_db()
        return details.update_event_details(
            event, actor=self.handler, version=details.version_of(event), values=values
        )

    def staff(self, event, count, *, first_role="chair", include=()):
        """Invite and confirm `count` experts (those of `include` first), skipping any that
        the invitation rules refuse (busy on overlapping dates...)."""
        accepted = []
        candidates = [*include, *(e for e in self.verified if e not in include)]
        for expert in candidates:
            if len(accepted) == count:
                break
            role = first_role if not accepted else "speaker"
            try:
                invitation = invite_expert(event, expert, actor=self.handler, role=role)
            except (InvitationError, TransitionNotAllowed):
                continue  # refused by the rules (busy on overlapping dates...): the next one
            accept_invitation(invitation, actor=expert.user)
            accepted.append(event.event_experts.get(expert=expert))
        return accepted

    def build_agenda(self, event, invitations, *, sessions_per_day=4):
        speakers = [invitation.expert for invitation in invitations]
        day = event.start_date
        while day <= event.end_date:
            for index, (start, end, title) in enumerate(SESSIONS[:sessions_per_day]):
                agenda.add_session(
                    event,
                    actor=self.handler,
                    values={
                        "day": day,
                        "starts_at": start,
                        "ends_at": end,
                        "title": title,
                        "description": "",
                        "interpretation": event.interpretation_needed,
                        "speakers": [speakers[index % len(speakers)]] if speakers else [],
                    },
                )
            day += timedelta(days=1)

    def person(self, event):
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if name not in self.names:
                self.names.add(name)
                break
        ascii_name = name.translate(str.maketrans("ćčđšžĆČĐŠŽ", "ccdszCCDSZ")).lower()
        institution = (
            event.application.lead_institution.name
            if event.application and event.application.lead_institution
            else f"Administration of {event.beneficiary.name}"
        )
        return {
            "full_name": name,
            "email": f"{ascii_name.replace(' ', '.')}@example.org",
            "institution": institution,
            "country": event.beneficiary,
            "position": self.rng.choice(["Senior adviser", "Head of section", "Inspector"]),
        }

    def register(self, event, count, *, approve=True):
        registered = []
        for _ in range(count):
            participant = participants.register_participant(
                event, actor=self.handler, **self.person(event)
            )
            if approve and participant.state == "requested":
                participant = participants.approve_participant(participant, actor=self.handler)
            registered.append(participant)
        return registered

    def book(self, event, invitation, *, outbound, back):
        home = invitation.expert.member_state.name
        travel.save_travel(
            event,
            invitation,
            actor=self.handler,
            values={
                "from_place": home,
                "to_place": event.place or event.beneficiary.name,
                "outbound_date": event.start_date - timedelta(days=1),
                "outbound_departure": outbound,
                "outbound_arrival": (
                    timezone.datetime.combine(event.start_date, outbound) + timedelta(hours=2)
                ).time(),
                "return_date": event.end_date,
                "return_departure": time(18, 10),
                "return_arrival": back,
                "flight_details": "Economy class, booked by the logistics contractor.",
                "hotel_nights": (event.end_date - event.start_date).days + 1,
                "breakfasts_provided": 0,
                "lunches_provided": (event.end_date - event.start_date).days + 1,
                "dinners_provided": 0,
                "state": "booked",
                "cost": 420 + self.rng.randint(0, 180),
            },
        )

    # -- the events --------------------------------------------------------------------------

    def host_for(self, event):
        """The administration hosting a study visit: the one that agreed, else one of the
        country the applicant wished, else the first Member State administration."""
        if hosting.host_has_agreed(event):
            return event.host_institution
        administrations = Institution.objects.filter(
            country__eu_member_since__isnull=False, kind__is_eligible_expert_employer=True
        ).order_by("name")
        wished = event.application.host_country if event.application else None
        return (wished and administrations.filter(country=wished).first()) or (
            administrations.first()
        )

    def held_visit(self, event):
        host = self.host_for(event)
        return self.held_study_visit(event, host) if host is not None else None

    def ready_to_close(self, event):
        start = self.today - timedelta(days=9)
        self.set_details(
            event,
            start_date=start,
            end_date=start + timedelta(days=1),
            modality=Modality.ON_SITE,
            capacity=12,
        )
        event.refresh_from_db()
        experts = self.staff(event, 2)
        self.set_details(event, experts_needed=len(experts))
        event.refresh_from_db()
        self.build_agenda(event, experts)
        event_services.confirm_event(event, actor=self.handler)
        people = self.register(event, 14)
        # The seat of a cancelled registration goes to the first on the waiting list.
        participants.cancel_participant(
            people[3], actor=self.handler, reason="Called away by her minister."
        )
        event.refresh_from_db()
        approved = list(Participant.objects.filter(event=event, state="approved"))
        days = [event.start_date, event.end_date]
        presence = {(p.pk, day): True for p in approved for day in days}
        presence[(approved[-1].pk, days[0])] = False  # a no-show
        presence[(approved[-1].pk, days[1])] = False
        presence[(approved[0].pk, days[1])] = False  # left after the first day
        participants.record_attendance(event, actor=self.handler, presence=presence)
        event_services.mark_event_implemented(
            event,
            actor=self.handler,
            participants_count=attended_participants_count(event),
        )
        outbound_times = [time(15, 20), time(9, 40)]  # the first travels in the afternoon
        for invitation, outbound in zip(experts, outbound_times, strict=False):
            self.book(event, invitation, outbound=outbound, back=time(21, 5))
        fees.refresh_statements(event, actor=self.handler)
        return event

    def mission(self, event):
        start = self.today - timedelta(days=26)
        self.set_details(
            event, start_date=start, end_date=start + timedelta(days=2), modality=Modality.ON_SITE
        )
        event.refresh_from_db()
        experts = self.staff(
            event, min(max(event.experts_needed, 1), 2), first_role="lead_expert",
            include=[self.demo_expert],
        )  # fmt: skip
        self.set_details(event, experts_needed=len(experts))
        event.refresh_from_db()
        self.build_agenda(event, experts, sessions_per_day=2)
        event_services.confirm_event(event, actor=self.handler)
        event_services.mark_event_implemented(event, actor=self.handler, participants_count=8)
        for invitation in experts:
            self.book(event, invitation, outbound=time(7, 50), back=time(13, 30))
        fees.refresh_statements(event, actor=self.handler)
        self.pay_demo_expert(event)
        # The other expert started the report; the demo expert finishes and submits it.
        reports.save_mission_report(
            event,
            actor=experts[-1].expert.user,
            sections={
                "findings": "The administration has adopted a risk analysis model close to "
                "the common integrated risk analysis model; data from border crossing points "
                "reach the analysts with a delay of several days.",
                "recommendations": "",
                "follow_up": "",
            },
            version=1,  # a new report starts at version 1
        )
        return event

    def pay_demo_expert(self, event):
        """The demo expert's bank details (a valid Slovenian IBAN), the mission's statements
        approved, and hers sent for payment by finance."""
        user = self.demo_expert.user
        bank_details.save_bank_details(
            user,
            actor=user,
            account_holder=user.full_name,
            iban="SI56 1910 0000 0123 438",
            bic="LJBASI2X",
        )
        finance = get_user_model().objects.get(email=DEMO_FINANCE)
        for statement in FeeStatement.objects.filter(
            event=event, event_expert__isnull=False
        ).select_related("event_expert__expert"):
            fees.approve_statement(statement, actor=self.handler)
            if statement.event_expert.expert_id == self.demo_expert.pk:
                payments.send_for_payment(statement, actor=finance)

    def upcoming(self, event):
        start = self.today + timedelta(days=21)
        self.set_details(
            event,
            start_date=start,
            end_date=start + timedelta(days=1),
            modality=Modality.HYBRID,
            meeting_link="https://meet.example.org/taiex-demo-workshop",
            capacity=20,
        )
        event.refresh_from_db()
        experts = self.staff(event, max(event.experts_needed, 2))
        self.set_details(event, experts_needed=len(experts))
        event.refresh_from_db()
        self.build_agenda(event, experts)
        event_services.confirm_event(event, actor=self.handler)
        participants.change_registration_link(event, actor=self.handler, action="open")
        self.register(event, 22)  # two on the waiting list
        return event

    def study_visit(self, event):
        """A study visit whose host agreed (asked and answered through the services) and whose
        group is registered with its travel requested; no experts."""
        agreed = hosting.host_has_agreed(event)  # the demo's past may have arranged it already
        host = self.host_for(event)
        start = self.today + timedelta(days=35)
        values = {"start_date": start, "end_date": start + timedelta(days=2)}
        if host is not None:
            values["venue_country"] = host.country
            values["place"] = host.name
        self.set_details(event, **values)
        if host is not None and not agreed:
            agreement = hosting.ask_host(event, host, actor=self.handler)
            hosting.record_host_answer(agreement, actor=self.handler, agreed=True)
        event.refresh_from_db()
        group = self.register(event, 3)
        for member in group:
            travel.save_travel(
                event,
                member,
                actor=self.handler,
                values={
                    "from_place": event.beneficiary.name,
                    "to_place": host.country.name if host else event.place,
                    "outbound_date": event.start_date - timedelta(days=1),
                    "outbound_departure": time(10, 15),
                    "return_date": event.end_date + timedelta(days=1),
                    "return_arrival": time(16, 40),
                    "hotel_nights": 4,
                    "state": "requested",
                },
            )
        return event


def build_showcase(experts, *, rng):
    load_demo_rates()
    return ShowcaseBuilder(experts, rng=rng).build()
