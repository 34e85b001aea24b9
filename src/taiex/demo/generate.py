"""Generated requests for the demo: each is planned first (state, country, type, dates), then
walked through the real services in order of submission, so references, the audit log and
the events are the ones the application itself writes.

The services stamp `timezone.now()`; the generator then moves those timestamps (and the
audit rows of the step) to the simulated moment, so the history reads as it happened.
"""

import contextlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Case, F, Value, When
from django.utils import timezone

from taiex.accounts.models import Institution
from taiex.applications import services
from taiex.applications.enums import ApplicationState as S
from taiex.applications.enums import Criterion, Opinion
from taiex.applications.models import Application, Assessment, Comment, Consultation
from taiex.core.audit import log_action
from taiex.core.models import ActivityLog
from taiex.events import services as event_services
from taiex.events.enums import EventState
from taiex.events.models import Event, HostAgreement
from taiex.events.services import hosting
from taiex.events.services.decisions import decide_application
from taiex.reference.enums import AssistanceType, InterpretationMode, Modality
from taiex.reference.models import Chapter, Country, Language
from taiex.reference.queries import windows_open_for

from . import topics as text
from .people import HOST_CITIES, PLACES
from .topics import TOPICS, WINDOW_CHAPTERS

FIRST_DAY = date(2019, 1, 7)
ONLINE_SINCE = date(2020, 6, 1)

# Relative weights of the final states; every state gets at least one request.
STATE_WEIGHTS = {
    S.APPROVED: 46,
    S.REJECTED: 10,
    S.WITHDRAWN: 5,
    S.DRAFT: 5,
    S.SUBMITTED: 5,
    S.RETURNED: 4,
    S.CONSULTATION: 5,
    S.ASSESSMENT: 6,
    S.PROPOSED: 5,
    S.ON_HOLD: 4,
}
HISTORIC_STATES = {S.APPROVED, S.REJECTED, S.WITHDRAWN}
# Open requests given to the countries of the demo logins, so each of them finds work waiting.
FEATURED = [
    ("RS", S.SUBMITTED),
    ("AZ", S.SUBMITTED),
    ("AL", S.SUBMITTED),
    ("RS", S.DRAFT),
    ("RS", S.RETURNED),
    ("RS", S.CONSULTATION),
    ("AZ", S.PROPOSED),
]
TYPE_WEIGHTS = {
    AssistanceType.WORKSHOP: 40,
    AssistanceType.EXPERT_MISSION: 35,
    AssistanceType.STUDY_VISIT: 25,
}


def plan_states(count, rng):
    """`count` final states in proportion to STATE_WEIGHTS, shuffled."""
    total = sum(STATE_WEIGHTS.values())
    counts = {state: max(1, count * weight // total) for state, weight in STATE_WEIGHTS.items()}
    counts[S.APPROVED] += count - sum(counts.values())
    states = [state for state, n in counts.items() for _ in range(n)]
    rng.shuffle(states)
    return states


@dataclass
class Plan:
    final: str
    institution: object
    window: object
    topic: text.Topic
    assistance_type: str
    submit_day: date
    start: date
    end: date
    flags: set = field(default_factory=set)


class Generator:
    def __init__(self, people, *, rng, today=None, now=None):
        self.people = people
        self.rng = rng
        self.now = now or timezone.now()
        self.today = today or timezone.localdate(self.now)
        self.chapters = {c.number: c for c in Chapter.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        self.member_states = list(Country.objects.filter(eu_member_since__isnull=False))
        self.countries = {c.code: c for c in Country.objects.all()}
        self.open_consultations = []
        self.last = self.now
        self.hosts = {}  # Member State code -> the administration asked to host study visits

    # -- planning ---------------------------------------------------------------------------

    def plan(self, count):
        featured = list(FEATURED)
        plans = []
        for state in plan_states(count, self.rng):
            code = next((code for code, wanted in featured if wanted == state), None)
            if code is not None:
                featured.remove((code, state))
            plans.append(self.plan_one(state, featured_code=code))
        return sorted(plans, key=lambda p: (p.submit_day, p.institution.pk))

    def pick_day(self, final, *, recent=False):
        rng, today = self.rng, self.today
        if recent:  # approved lately: its event is still being organised
            return today - timedelta(days=rng.randint(40, 60))
        if final in HISTORIC_STATES:
            span = (today - timedelta(days=70) - FIRST_DAY).days
            return FIRST_DAY + timedelta(days=rng.randint(0, span))
        back = {
            S.DRAFT: (1, 14),
            S.SUBMITTED: (1, 6),
            S.RETURNED: (5, 9),
            S.CONSULTATION: (3, 6),
            S.ASSESSMENT: (18, 30),
            S.PROPOSED: (30, 40),
            S.ON_HOLD: (28, 45),
        }[final]
        return today - timedelta(days=rng.randint(*back))

    def plan_one(self, final, *, featured_code=None):
        rng = self.rng
        recent = final == S.APPROVED and rng.random() < 0.15
        while True:
            day = self.pick_day(final, recent=recent)
            code = featured_code or rng.choice(list(PLACES))
            institutions = self.people.institutions[code]
            # A featured request belongs to the country's first institution: the demo login's.
            institution = institutions[0] if featured_code else rng.choice(institutions)
            # Open on the day of submission and still open on a resubmission days later.
            later = set(windows_open_for(institution.country, day + timedelta(days=10)))
            windows = [w for w in windows_open_for(institution.country, day) if w in later]
            if windows:
                break
        window = rng.choice(windows)
        chapters = WINDOW_CHAPTERS.get(window.code)
        topic = rng.choice([t for t in TOPICS if chapters is None or t.chapter in chapters])
        kind = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
        if final in HISTORIC_STATES and not recent:
            start = day + timedelta(days=rng.randint(65, 140))
        else:
            start = self.today + timedelta(days=rng.randint(45, 150))
        length = {
            AssistanceType.WORKSHOP: rng.choice([1, 2, 2, 2, 3]),
            AssistanceType.EXPERT_MISSION: rng.randint(2, 5),
            AssistanceType.STUDY_VISIT: rng.randint(2, 5),
        }[kind]
        plan = Plan(
            final, institution, window, topic, kind, day, start, start + timedelta(days=length - 1)
        )
        chance = rng.random
        if final == S.REJECTED:
            plan.flags.add("veto" if chance() < 0.4 else "decided")
        if final == S.WITHDRAWN:
            plan.flags.add(
                rng.choice(["at_draft", "at_submitted", "at_consultation", "at_assessment"])
            )
        if final == S.ON_HOLD:
            plan.flags.add(rng.choice(["at_submitted", "at_assessment", "at_proposed"]))
        if recent:
            plan.flags.add("recent")
        elif final in HISTORIC_STATES and chance() < 0.2:
            plan.flags.add("returned_once")
        if final == S.APPROVED and not recent and chance() < 0.1:
            plan.flags.add("hold_and_resume")
        if final in {S.APPROVED, S.PROPOSED} and not recent and chance() < 0.08:
            plan.flags.add("sent_back")
        if chance() < 0.5:
            plan.flags.add("all_answer")
        if chance() < 0.15:
            plan.flags.add("comment")
        return plan

    # -- the form ---------------------------------------------------------------------------

    def form(self, plan, applicant):
        """The fields, relations and contacts the applicant types into the form."""
        rng, topic, kind = self.rng, plan.topic, plan.assistance_type
        institution = plan.institution
        place = PLACES[institution.country.code]
        peer_to_peer = plan.window.is_peer_to_peer
        if kind == AssistanceType.STUDY_VISIT:
            host = rng.choice([h for h in HOST_CITIES if h[1] != institution.country.code])
            city = host[0]
            participants = rng.randint(2, 3 if peer_to_peer else 5)
            experts = None  # a study visit has a host, not experts
            # The draw that used to give a study visit its experts, kept so that the demo of a
            # seed stays the one it was (the requests and showcase events that follow).
            rng.randint(1, 2)
        else:
            host = None
            city = (
                institution.name.split(" of ", 1)[1]
                if institution.name.startswith(("City of ", "Municipality of "))
                else place.city
            )
            participants = (
                rng.randint(15, 60) if kind == AssistanceType.WORKSHOP else rng.randint(6, 20)
            )
            experts = rng.randint(2, 4) if kind == AssistanceType.WORKSHOP else rng.randint(1, 2)
        modality = Modality.ON_SITE
        if kind != AssistanceType.STUDY_VISIT and plan.submit_day >= ONLINE_SINCE:
            modality = rng.choices(
                [Modality.ON_SITE, Modality.HYBRID, Modality.ONLINE], weights=[70, 18, 12]
            )[0]
        label = {
            AssistanceType.WORKSHOP: "Workshop",
            AssistanceType.EXPERT_MISSION: "Expert mission",
            AssistanceType.STUDY_VISIT: "Study visit",
        }[kind]
        fields = {
            "assistance_type": kind,
            "modality": modality,
            "title": f"{label} on {topic.subject}",
            "objectives": (
                f"To learn how Member State administrations apply the EU rules on "
                f"{topic.subject}, and to agree the changes {institution.name} needs to make."
            ),
            "legislation": topic.legislation,
            "celex_numbers": list(topic.celex),
            "expected_results": (
                f"A gap analysis against {topic.legislation} and an action plan adopted by the "
                "management within three months."
            ),
            "preferred_start": plan.start,
            "preferred_end": plan.end,
            "place": "" if modality == Modality.ONLINE else city,
            "participants_count": participants,
            "participants_profile": topic.participants.capitalize(),
            "experts_count": experts,
            "expertise_wished": f"Practitioners of {topic.expertise} from a Member State "
            "administration."
            if host is None
            else f"How a Member State administration organises {topic.expertise}.",
            "lead_institution": institution,
            "window": plan.window,
        }
        languages = [self.languages["en"]]
        languages += [self.languages[c] for c in place.languages[:1] if c in self.languages]
        preference = []
        if kind != AssistanceType.WORKSHOP:
            others = [c for c in self.member_states if c.pk != institution.country_id]
            preference = rng.sample(others, rng.randint(1, 2))
        if host is not None:
            # A study visit names its host Member State (one in five leaves the choice to the
            # programme), not the experts' Member States.
            preference = []
            if plan.start.day % 5 == 0:  # not a random draw: the sequence stays the same
                fields["host_left_to_programme"] = True
            else:
                fields["host_country"] = self.countries[host[1]]
        partners = []
        if kind == AssistanceType.WORKSHOP and rng.random() < 0.15:
            same_country = [
                i
                for i in self.people.institutions[institution.country.code]
                if i.pk != institution.pk
            ]
            partners = same_country[:1]
        relations = {
            "chapters": [self.chapters[topic.chapter]],
            "working_languages": languages,
            "member_state_preference": preference,
            "partner_institutions": partners,
        }
        contacts = [
            {
                "name": applicant.full_name,
                "position": applicant.position,
                "email": applicant.email,
                "phone": "",
            }
        ]
        return fields, relations, contacts, host

    # -- walking the services -----------------------------------------------------------------

    def moment(self, day):
        """A working hour on `day`, after the previous step of the same request, never future."""
        rng = self.rng
        moment = timezone.make_aware(
            datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)))
        )
        moment = max(moment, self.last + timedelta(minutes=rng.randint(3, 30)))
        moment = min(moment, self.now - timedelta(minutes=1))
        self.last = moment
        return moment

    @contextlib.contextmanager
    def at(self, moment, application=None, *, touches=()):
        """Run a service, then move the timestamps it wrote (audit rows, the request's own and
        those of the `touches` models) from the real clock to `moment`."""
        started = timezone.now()
        yield
        self.last = max(self.last, moment)
        ActivityLog.objects.filter(created_at__gte=started).update(created_at=moment)
        if application is None:
            return
        pk = application.pk
        Application.objects.filter(pk=pk).update(
            updated_at=moment,
            **{
                name: Case(When(**{f"{name}__gte": started}, then=Value(moment)), default=F(name))
                for name in ("submitted_at", "decided_at")
            },
        )
        for model in touches:
            moved = {"responded_at": moment} if model is Consultation else {"created_at": moment}
            if model is Event:
                moved["updated_at"] = moment
            stamp = next(iter(moved))
            model.objects.filter(application_id=pk, **{f"{stamp}__gte": started}).update(**moved)

    def run(self, count, *, progress=None):
        """Walk `count` requests; `progress(done, count)` is called every 50 and at the end."""
        applications = []
        for plan in self.plan(count):
            applications.append(self.walk(plan))
            if progress and (len(applications) % 50 == 0 or len(applications) == count):
                progress(len(applications), count)
        return applications

    def walk(self, plan):
        """Take one request from the draft to its planned final state."""
        rng, people = self.rng, self.people
        applicant = people.applicants[plan.institution.pk]
        ncp = people.ncps[plan.institution.country.code]
        self.last = timezone.make_aware(datetime(2000, 1, 1))
        day = plan.submit_day - timedelta(days=rng.randint(2, 20))
        if plan.final == S.DRAFT:
            day = plan.submit_day
        created = self.moment(day)
        with self.at(created):
            application = services.create_draft(actor=applicant, lead_institution=plan.institution)
        Application.objects.filter(pk=application.pk).update(created_at=created, updated_at=created)
        fields, relations, contacts, host = self.form(plan, applicant)
        if plan.final == S.DRAFT and rng.random() < 0.5:
            keep = ("assistance_type", "title", "objectives", "lead_institution", "window")
            fields = {k: v for k, v in fields.items() if k in keep}
            relations, contacts = {"chapters": relations["chapters"]}, []
        with self.at(self.moment(day), application):
            application = services.save_draft(
                application,
                actor=applicant,
                fields=fields,
                relations=relations,
                contacts=contacts,
                pairs=interpretation_pairs(plan, fields, relations),
                expected_version=application.version,
            )
        if plan.final == S.DRAFT:
            return application
        if "at_draft" in plan.flags:
            return self.withdraw(application, applicant, plan.submit_day)

        day = plan.submit_day
        with self.at(self.moment(day), application):
            application = services.submit_application(application, actor=applicant, today=day)
        if plan.final == S.RETURNED or "returned_once" in plan.flags:
            day += timedelta(days=rng.randint(1, 3))
            with self.at(self.moment(day), application):
                application = services.return_application(
                    application, actor=ncp, reason=rng.choice(text.RETURN_REASONS)
                )
            if plan.final == S.RETURNED:
                return application
            day += timedelta(days=rng.randint(1, 4))
            fields["expected_results"] += " The results will be presented to the State Secretary."
            with self.at(self.moment(day), application):
                application = services.save_draft(
                    application,
                    actor=applicant,
                    fields=fields,
                    relations=relations,
                    contacts=contacts,
                    expected_version=application.version,
                )
            with self.at(self.moment(day), application):
                application = services.submit_application(application, actor=applicant, today=day)
        if "comment" in plan.flags:
            with self.at(self.moment(day), application, touches=[Comment]):
                services.add_comment(application, actor=ncp, body=rng.choice(text.COMMENTS))
        if "at_submitted" in plan.flags:
            return self.stop_early(plan, application, applicant, day)
        if plan.final == S.SUBMITTED:
            return application

        day += timedelta(days=rng.randint(1, 4))
        if plan.final == S.CONSULTATION:
            day = max(day, self.today - timedelta(days=1))
        forwarded = self.moment(day)
        with self.at(forwarded, application):
            application = services.forward_application(
                application, actor=ncp, note="Checked and complete.", now=forwarded
            )
        if "at_consultation" in plan.flags:
            return self.withdraw(application, applicant, day + timedelta(days=1))
        application = self.consult(plan, application)
        if application.state != S.ASSESSMENT:
            return application  # vetoed, or still in consultation
        day = timezone.localdate(application.consultation_deadline) + timedelta(days=1)
        if "at_assessment" in plan.flags:
            return self.stop_early(plan, application, applicant, day)
        if plan.final == S.ASSESSMENT:
            return application
        if "hold_and_resume" in plan.flags:
            day += timedelta(days=rng.randint(1, 3))
            with self.at(self.moment(day), application):
                application = services.put_on_hold(
                    application, actor=ncp, reason=rng.choice(text.HOLD_REASONS)
                )
            day += timedelta(days=rng.randint(4, 12))
            with self.at(self.moment(day), application):
                application = services.resume_application(
                    application, actor=ncp, note="The reason for the hold is solved."
                )

        handler = people.handlers[application.team.code]
        approve = plan.final != S.REJECTED or rng.random() < 0.3
        day = self.propose(plan, application, handler, day, approve=approve)
        if "sent_back" in plan.flags:
            day += timedelta(days=rng.randint(2, 5))
            with self.at(self.moment(day), application):
                application = services.send_back_for_assessment(
                    application,
                    actor=people.head_of_unit,
                    reason="Please check the overlap with the current twinning project.",
                )
            day = self.propose(plan, application, handler, day, approve=approve)
        application.refresh_from_db()
        if "at_proposed" in plan.flags:
            return self.stop_early(plan, application, applicant, day)
        if plan.final == S.PROPOSED:
            return application

        day += timedelta(days=rng.randint(2, 7))
        approved = plan.final == S.APPROVED
        with self.at(self.moment(day), application, touches=[Event]):
            application = decide_application(
                application,
                actor=people.head_of_unit,
                decision="approve" if approved else "reject",
                reason=rng.choice(text.APPROVAL_REASONS if approved else text.REJECTION_REASONS),
            )
        if approved:
            self.deliver(application, handler, host)
        return application

    def propose(self, plan, application, handler, day, *, approve):
        day += timedelta(days=self.rng.randint(2, 6))
        criteria = dict.fromkeys(Criterion.values, True)
        if not approve:
            criteria[self.rng.choice([Criterion.LINK_TO_EU_LAW, Criterion.NO_OVERLAP])] = False
        with self.at(self.moment(day), application, touches=[Assessment]):
            services.propose_decision(
                application,
                actor=handler,
                recommendation="approve" if approve else "reject",
                criteria=criteria,
                reason="Meets every criterion." if approve else "Does not meet every criterion.",
            )
        return day

    def consult(self, plan, application):
        """The consulted services answer (or stay silent); an objection is a veto."""
        rng, people = self.rng, self.people
        consultations = list(application.consultations.order_by("group", "service__code"))
        forwarded = timezone.localdate(application.forwarded_at)
        if "veto" in plan.flags:
            objecting = rng.choice(consultations)
            day = forwarded + timedelta(days=rng.randint(1, 4))
            with self.at(self.moment(day), application, touches=[Consultation]):
                services.record_opinion(
                    objecting,
                    actor=people.consultees[objecting.service_id],
                    opinion=Opinion.OBJECTION,
                    comment=rng.choice(text.OBJECTIONS),
                )
            application.refresh_from_db()
            return application
        answering = (
            consultations
            if "all_answer" in plan.flags
            else rng.sample(consultations, rng.randint(0, min(2, len(consultations))))
        )
        if plan.final == S.CONSULTATION:
            answering = answering[:2]
        for consultation in answering:
            day = min(forwarded + timedelta(days=rng.randint(0, 4)), self.today)
            with self.at(self.moment(day), application, touches=[Consultation]):
                services.record_opinion(
                    consultation,
                    actor=people.consultees[consultation.service_id],
                    opinion=Opinion.NO_OBJECTION,
                )
        application.refresh_from_db()
        if application.state == S.CONSULTATION and plan.final != S.CONSULTATION:
            closing = application.consultation_deadline + timedelta(seconds=1)
            with self.at(closing, application):
                closed = services.close_silent_consultations(now=closing)
            assert [a.pk for a in closed] == [application.pk], "another consultation was due"
            application.refresh_from_db()
        if application.state == S.CONSULTATION:
            self.open_consultations.append(application)
        return application

    def stop_early(self, plan, application, applicant, day):
        """Withdraw the request or put it on hold at this point of its life."""
        day += timedelta(days=self.rng.randint(1, 3))
        if plan.final == S.WITHDRAWN:
            return self.withdraw(application, applicant, day)
        ncp = self.people.ncps[plan.institution.country.code]
        with self.at(self.moment(day), application):
            return services.put_on_hold(
                application, actor=ncp, reason=self.rng.choice(text.HOLD_REASONS)
            )

    def withdraw(self, application, applicant, day):
        with self.at(self.moment(day), application):
            return services.withdraw_application(
                application, actor=applicant, reason=self.rng.choice(text.WITHDRAW_REASONS)
            )

    def deliver(self, application, handler, host):
        """The approved request's event: where it goes, and whether it took place."""
        rng = self.rng
        event = Event.objects.get(application=application)
        if host is not None:
            venue, zone = self.countries[host[1]], host[2]
        else:
            venue = application.country
            zone = PLACES[venue.code].time_zone
        Event.objects.filter(pk=event.pk).update(venue_country=venue, time_zone=zone)
        if host is not None:
            self.arrange_host(event, handler, host, timezone.localdate(application.decided_at))
        end = event.end_date
        if rng.random() < 0.06:
            day = max(
                event.start_date - timedelta(days=rng.randint(5, 20)),
                timezone.localdate(application.decided_at),
            )
            with self.at(self.moment(min(day, self.today))):
                event_services.cancel_event(
                    event,
                    actor=handler,
                    reason="Postponed at the beneficiary's request; a new request will follow.",
                )
            return
        if end >= self.today:
            return
        # A past event is recorded as delivered, as an import of the programme's history would
        # do: its agenda, participants, travel and fee statements are not part of the demo's
        # past (the showcase events of demo/delivery.py walk those through the services).
        participants = max(1, (event.participants_count or 10) + rng.randint(-4, 4))
        implemented_on = min(end + timedelta(days=rng.randint(1, 5)), self.today)
        self.record_delivery(event, handler, EventState.IMPLEMENTED, implemented_on, participants)
        if end < self.today - timedelta(days=45) and rng.random() < 0.7:
            day = end + timedelta(days=rng.randint(20, 44))
            self.record_delivery(event, handler, EventState.CLOSED, day, participants)

    def arrange_host(self, event, handler, host, decided_on):
        """The case handler of a study visit asks an administration of the host Member State,
        which agrees (through the services, dated a few days after the approval)."""
        institution = self.host_institution(host[1])
        if institution is None:
            return
        asked_on = min(decided_on + timedelta(days=self.rng.randint(1, 5)), self.today)
        agreed_on = min(asked_on + timedelta(days=self.rng.randint(3, 14)), self.today)
        asked_at = self.moment(asked_on)
        with self.at(asked_at):
            agreement = hosting.ask_host(event, institution, actor=handler)
        answered_at = self.moment(agreed_on)
        with self.at(answered_at):
            hosting.record_host_answer(agreement, actor=handler, agreed=True)
        HostAgreement.objects.filter(pk=agreement.pk).update(
            asked_at=asked_at, answered_at=answered_at
        )

    def host_institution(self, code):
        """An administration of the Member State `code` (the first by name), cached."""
        if code not in self.hosts:
            self.hosts[code] = (
                Institution.objects.filter(country__code=code).order_by("name").first()
                or Institution.objects.filter(country__eu_member_since__isnull=False)
                .order_by("name")
                .first()
            )
        return self.hosts[code]

    def record_delivery(self, event, handler, state, day, participants):
        moment = self.moment(day)
        previous = Event.objects.filter(pk=event.pk).values_list("state", flat=True).get()
        Event.objects.filter(pk=event.pk).update(
            state=state, participants_count=participants, updated_at=moment
        )
        entry = log_action(
            event,
            actor=handler,
            action="record_history",
            from_state=previous,
            to_state=state,
            note="Recorded from the programme's history by the demo loader.",
        )
        ActivityLog.objects.filter(pk=entry.pk).update(created_at=moment)


def interpretation_pairs(plan, fields, relations):
    """The language pairs of a demo request: on site or hybrid with English and the beneficiary's
    language, one request in three asks English into that language and back (simultaneous for a
    workshop, consecutive otherwise). Drawn from the plan's first day, not the random sequence,
    so the rest of the demo stays the same."""
    languages = relations.get("working_languages") or []
    if len(languages) < 2 or fields.get("modality") == Modality.ONLINE or plan.start.day % 3:
        return []
    mode = (
        InterpretationMode.SIMULTANEOUS
        if fields.get("assistance_type") == AssistanceType.WORKSHOP
        else InterpretationMode.CONSECUTIVE
    )
    english, local = languages[0], languages[1]
    if english == local:  # a beneficiary whose language is English (Namibia): no pair
        return []
    return [
        {"source": english, "target": local, "mode": mode},
        {"source": local, "target": english, "mode": mode},
    ]
