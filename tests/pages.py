"""The inventory of the application's pages: every named URL of the urlconf is either a page,
opened by a role with arguments from the test data made here, or excluded with its reason.

`tests/test_page_inventory.py` fails when a URL name is in neither list (a new page without
an axe test fails CI), and checks that each page answers 200 to its role;
`tests/browser/test_every_page.py` opens every page in Chromium as its role, runs axe-core at
1280 px and checks that it does not scroll sideways at 390 px. A test of the French pages can
reuse it: `make_page_data()` then `pages(data)` yields (role, url) pairs, and `data.users`
holds the user of each role (password `PASSWORD`; None for the anonymous visitor).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from taiex.accounts.enums import Role

PASSWORD = "correct horse battery"
ANONYMOUS = "anonymous"
# The order the browser test signs in: one login per role.
ROLES = [
    ANONYMOUS,
    Role.APPLICANT,
    Role.NCP,
    Role.CONSULTEE,
    Role.CASE_HANDLER,
    Role.HEAD_OF_UNIT,
    Role.FINANCE,
    Role.EXPERT,
    Role.LOGISTICS,
    Role.ADMINISTRATOR,
]

DOWNLOAD = "a file download, not an HTML page"
POST_ONLY = "a POST-only action: it redirects to a page of the inventory, where its form is"
API = "a machine endpoint (JSON); the API documentation page has its own offline browser test"

# URL namespaces left out as a whole.
EXCLUDED_NAMESPACES = {
    "admin": "the Django admin: one set of templates for every model, opened with axe on its "
    "login, index, an app index, changelists, change and add forms, a history and a delete "
    "confirmation by tests/browser/test_accessibility.py::test_admin_pages_are_accessible",
    "api": API,
}

EXCLUDED = {
    # Downloads.
    "portal:events_export": DOWNLOAD,
    "portal:events_xlsx": DOWNLOAD,
    "portal:events_json": DOWNLOAD,
    "portal:events_upcoming": DOWNLOAD,
    "portal:own_registration_letter": DOWNLOAD,
    "portal:own_registration_certificate": DOWNLOAD,
    "portal:catalog": DOWNLOAD,
    "portal:statistics_csv": DOWNLOAD,
    "portal:evaluation_statistics_csv": DOWNLOAD,
    "portal:annual_report_pdf": DOWNLOAD,
    "portal:annual_report_xlsx": DOWNLOAD,
    "portal:request_figures_csv": DOWNLOAD,
    "portal:request_figures_xlsx": DOWNLOAD,
    "portal:request_workload_csv": DOWNLOAD,
    "accounts:personal_data_export": DOWNLOAD,
    "accounts:account_data_export": DOWNLOAD,
    "applications:attachment": DOWNLOAD,
    "applications:contact_export": DOWNLOAD,
    "events:agenda_pdf": DOWNLOAD,
    "events:document_download": DOWNLOAD,
    "events:participants_list": DOWNLOAD,
    "events:participants_list_xlsx": DOWNLOAD,
    "events:attendance_sheets": DOWNLOAD,
    "events:certificates": DOWNLOAD,
    "events:participant_letter": DOWNLOAD,
    "events:participant_certificate": DOWNLOAD,
    "events:participant_data": DOWNLOAD,
    "events:costs_csv": DOWNLOAD,
    "events:costs_xlsx": DOWNLOAD,
    "events:payment_list": DOWNLOAD,
    "events:payments_xlsx": DOWNLOAD,
    "events:receipt_file": DOWNLOAD,
    "events:own_receipt_file": DOWNLOAD,
    "events:report_pdf": DOWNLOAD,
    "events:ics": DOWNLOAD,
    "events:calendar_feed": DOWNLOAD,
    "events:export": DOWNLOAD,
    "experts:my_data": DOWNLOAD,
    "experts:cv": DOWNLOAD,
    # POST-only actions.
    "portal:own_registration_cancel": POST_ONLY,
    "core:outbox_resend": POST_ONLY,
    "core:inbox_read_all": POST_ONLY,
    "accounts:set_language": POST_ONLY,
    "accounts:logout": POST_ONLY,
    "accounts:second_factor_recovery_codes": POST_ONLY,
    "accounts:api_token_revoke": POST_ONLY,
    "accounts:gate_act": POST_ONLY,
    "accounts:decide_proposals": POST_ONLY,
    "applications:attachment_add": POST_ONLY,
    "applications:attachment_remove": POST_ONLY,
    "applications:act": POST_ONLY,
    "events:session_delete": POST_ONLY,
    "events:document_delete": POST_ONLY,
    "events:participants_capacity": POST_ONLY,
    "events:registration_link": POST_ONLY,
    "events:fees_compute": POST_ONLY,
    "events:statement_approve": POST_ONLY,
    "events:statement_send": POST_ONLY,
    "events:statement_paid": POST_ONLY,
    "events:statement_reject": POST_ONLY,
    "events:statement_reopen": POST_ONLY,
    "events:statement_bank_link": POST_ONLY,
    "events:send_all_for_payment": POST_ONLY,
    "events:travel_marking": POST_ONLY,
    "events:traveller_link": POST_ONLY,
    "events:receipt_decide": POST_ONLY,
    "events:assign_contractor": POST_ONLY,
    "events:booking_confirm": POST_ONLY,
    "events:report_review": POST_ONLY,
    "events:limit_exception_request": POST_ONLY,
    "events:limit_exception_decide": POST_ONLY,
    "events:host_ask": POST_ONLY,
    "events:host_answer": POST_ONLY,
    "events:host_withdraw": POST_ONLY,
    "events:follow_up": POST_ONLY,
    "events:decide_application": POST_ONLY,
    "events:act": POST_ONLY,
    "experts:deactivate": POST_ONLY,
    "staffing:call_publish": POST_ONLY,
    "staffing:invite": POST_ONLY,
    "staffing:interest": POST_ONLY,
    "staffing:invitation_withdraw": POST_ONLY,
    "staffing:invitation_answer": POST_ONLY,
    "evaluations:open": POST_ONLY,
    "evaluations:close": POST_ONLY,
    "evaluations:follow_up_delay": POST_ONLY,
    "evaluations:resend": POST_ONLY,
    # Redirects without a page of their own, and machine endpoints.
    "accounts:sso_start": "a redirect to the identity provider",
    "accounts:sso_callback": "the identity provider's redirect back; signs in and redirects",
    "staffing:invitation_link": "an e-mailed link that signs the answer in and redirects to "
    "the invitation's event (staffing:invitation_event, in the inventory)",
    "accounts:second_factor": "the step between the password and the home, for a session not "
    "yet verified: every staff sign-in of the browser test passes through it "
    "(tests/browser/signin.py), and test_two_factor_sign_in.py runs axe on it",
    "core:healthz": API,
    "core:readyz": API,
    "oauth_token": API,
}


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    args: object = ()  # a tuple, or a function of the PageData giving the tuple
    query: str = ""
    # The page is reached through a redirect (Django's password reset link moves its token
    # into the session and redirects to the form).
    redirects: bool = False

    def url(self, data):
        args = self.args(data) if callable(self.args) else self.args
        return reverse(self.name, args=args) + (f"?{self.query}" if self.query else "")


@dataclass
class PageData:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def _pk(name):
    return lambda data: (data.objects[name].pk,)


def _event_and(event, name):
    return lambda data: (data.objects[event].pk, data.objects[name].pk)


A, APPLICANT, NCP, CONSULTEE = ANONYMOUS, Role.APPLICANT, Role.NCP, Role.CONSULTEE
CH, HEAD, FINANCE, EXPERT = Role.CASE_HANDLER, Role.HEAD_OF_UNIT, Role.FINANCE, Role.EXPERT
LOGISTICS, ADMIN = Role.LOGISTICS, Role.ADMINISTRATOR

PAGES = [
    # The public.
    Page("portal:index", A),
    Page("portal:events", A, query="q=asylum&year=2026&type=workshop"),
    Page("portal:event", A, lambda d: (d.public_event.reference,)),
    Page("portal:open_data", A),
    Page("portal:own_registration_link", A),
    Page("portal:own_registration", A, lambda d: (d.registration_token,)),
    Page("portal:statistics", A),
    Page("portal:evaluation_statistics", A),
    Page("portal:annual_report", A),
    Page("core:privacy", A),
    Page("core:privacy_notice", A, ("participants",)),
    Page("accounts:login", A),
    Page("accounts:password_reset", A),
    Page("accounts:password_reset_done", A),
    Page("accounts:password_reset_confirm", A, lambda d: d.password_reset_args, redirects=True),
    Page("accounts:password_reset_complete", A),
    Page("accounts:register", A),
    Page("accounts:registered", A),
    Page("events:register", A, lambda d: (d.open_event.registration_token,)),
    Page("events:verify_lookup", A),
    Page("events:verify", A, lambda d: (d.present.check_code,)),
    Page("events:bank_details_by_link", A, lambda d: (d.bank_details_token,)),
    Page("events:own_travel_costs", A, lambda d: (d.traveller_token,)),
    Page("experts:register", A),
    Page("experts:registered", A),
    Page("experts:confirm_email", A, lambda d: (d.expert_confirmation_token,)),
    Page("evaluations:answer", A, lambda d: (d.evaluation_token,)),
    # The applicant.
    Page("accounts:home", APPLICANT),
    Page("accounts:profile", APPLICANT),
    Page("accounts:password_change", APPLICANT),
    Page("accounts:password_change_done", APPLICANT),
    Page("accounts:second_factor_setup", APPLICANT),
    Page("core:inbox", APPLICANT),
    Page("core:inbox_item", APPLICANT, _pk("inbox_item")),
    Page("core:inbox_settings", APPLICANT),
    Page("applications:list", APPLICANT),
    Page("applications:new", APPLICANT),
    Page("applications:detail", APPLICANT, _pk("submitted")),
    Page("applications:edit", APPLICANT, _pk("draft"), query="check=1"),
    Page("applications:delete", APPLICANT, _pk("draft")),
    # The national contact point.
    Page("accounts:new_people", NCP),
    Page("accounts:gate", NCP),
    # The consulted service.
    Page("accounts:home", CONSULTEE),
    # The case handler.
    Page("accounts:home", CH),
    Page("accounts:api_tokens", CH),
    Page("portal:request_figures", CH),
    Page("events:list", CH),
    Page("events:similar_to_request", CH, _pk("submitted")),
    Page("events:detail", CH, _pk("workshop")),
    Page("events:edit", CH, _pk("workshop")),
    Page("events:agenda", CH, _pk("workshop")),
    Page("events:session_edit", CH, _event_and("workshop", "session")),
    Page("events:documents", CH, _pk("workshop")),
    Page("events:participants", CH, _pk("workshop")),
    Page("events:participant_action", CH, lambda d: (d.workshop.pk, d.requested.pk, "approve")),
    Page("events:attendance", CH, _pk("workshop")),
    Page("events:logistics", CH, _pk("workshop")),
    Page("events:travel", CH, lambda d: (d.workshop.pk, "expert", d.eva.pk)),
    Page("events:fees", CH, _pk("workshop")),
    Page("events:statement", CH, lambda d: (d.workshop.pk, d.eva.fee_statement.pk)),
    Page("events:traveller", CH, _event_and("workshop", "traveller")),
    Page("events:event_cost", CH, _pk("workshop")),
    Page("events:costs", CH),
    Page("events:payments", CH),
    Page("events:bookings", CH, _pk("workshop")),
    Page("events:report", CH, _pk("reviewed")),
    Page("events:calendar_settings", CH),
    Page("events:calendar_page", CH, query="month=2026-04"),
    Page("experts:verification_queue", CH),
    Page("experts:verification_decide", CH, _pk("pending_expert")),
    Page("staffing:search", CH),
    Page("staffing:ranking", CH, _pk("workshop")),
    Page("staffing:staffing", CH, query="start=2026-01-01&end=2027-12-31&per_quarter=3"),
    Page("evaluations:event", CH, _pk("workshop")),
    Page("evaluations:expert_ratings", CH),
    Page("rates:list", CH),
    # The head of unit.
    Page("accounts:home", HEAD),
    Page("core:audit_log", HEAD),
    Page("core:retention_report", HEAD),
    Page("events:bank_answer", HEAD),
    Page("rates:fee_rule_add", HEAD),
    Page("rates:fee_rule_edit", HEAD, _pk("fee_rule")),
    Page("rates:subsistence_add", HEAD),
    Page("rates:subsistence_edit", HEAD, _pk("rate")),
    Page("rates:subsistence_import", HEAD),
    # Finance.
    Page("accounts:home", FINANCE),
    # The expert.
    Page("staffing:home", EXPERT),
    Page("staffing:invitation_event", EXPERT, _pk("invitation")),
    Page("experts:profile", EXPERT),
    Page("experts:erase", EXPERT),
    Page("events:my_statement", EXPERT, _pk("workshop")),
    Page("events:my_statements", EXPERT),
    Page("events:my_bank_details", EXPERT),
    Page("events:my_passport_name", EXPERT),
    Page("events:report", EXPERT, _pk("to_write")),
    Page("evaluations:my_ratings", EXPERT),
    # The logistics contractor.
    Page("events:contracted", LOGISTICS),
    Page("events:booking_new", LOGISTICS, lambda d: (d.workshop.pk, "venue")),
    Page("events:booking_edit", LOGISTICS, _event_and("workshop", "booking")),
    Page("events:booking_payment", LOGISTICS, _event_and("workshop", "booking")),
    Page("events:booking_cancel", LOGISTICS, _event_and("workshop", "booking")),
    Page("events:booking_travel", LOGISTICS, lambda d: (d.workshop.pk, "expert", d.eva.pk)),
    # The administrator.
    Page("core:outbox", ADMIN),
    Page("accounts:account_erase", ADMIN, lambda d: (d.users[APPLICANT].pk,)),
    Page("applications:contact_erase", ADMIN, _event_and("submitted", "contact")),
]


def url_names():
    """Every named URL of the urlconf, namespaced ("events:detail")."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                inner = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns, None))


def excluded(name):
    """The reason `name` is not in the inventory, or None."""
    namespace = name.split(":")[0] if ":" in name else None
    return EXCLUDED.get(name) or EXCLUDED_NAMESPACES.get(namespace)


def pages(data):
    """(role, url) of every page of the inventory, grouped by role in the order of ROLES."""
    for role in ROLES:
        for page in PAGES:
            if page.role == role:
                yield role, page.url(data)


def make_page_data():
    """The people (one per role) and the data that every page of the inventory needs."""
    from taiex.accounts.models import Contractor
    from taiex.applications import services as applications
    from taiex.core.models import InboxItem
    from taiex.evaluations.models import EvaluationRequest
    from taiex.evaluations.services.links import link_token
    from taiex.evaluations.services.sending import run_due_sends
    from taiex.events.services.bank_details import bank_details_token
    from taiex.events.services.documents import upload_document
    from taiex.events.services.fees import refresh_statements
    from taiex.events.services.logistics import assign_contractor, save_booking
    from taiex.events.services.personal_links import registration_token
    from taiex.events.services.travellers import traveller_token
    from taiex.experts.services.profiles import confirmation_token
    from taiex.reference.models import Chapter, Country, FeeRule, ThematicTeam
    from taiex.staffing.models import Invitation
    from tests.events.fees_fixtures import expert_on
    from tests.factories import (
        ContactPersonFactory,
        EventFactory,
        ExpertFactory,
        InstitutionFactory,
        UserFactory,
        make_user,
        submittable_application,
    )
    from tests.factories.evaluations import attending_participant
    from tests.factories.lifecycle import AgendaSessionFactory
    from tests.factories.money import SubsistenceRateFactory
    from tests.factories.participants import AttendanceFactory, ParticipantFactory
    from tests.factories.reports import MissionReportFactory, expert_on_event

    data = PageData()
    users = data.users
    users[ANONYMOUS] = None
    users[APPLICANT] = make_user(APPLICANT, country="RS", full_name="Ana Applicant")
    users[NCP] = make_user(NCP, country="RS", full_name="Nikola Contact")
    users[CONSULTEE] = make_user(CONSULTEE, group="eu_delegation", full_name="Dora Delegation")
    users[CH] = make_user(CH, team="jfs", full_name="Carla Handler")
    users[HEAD] = make_user(HEAD, full_name="Hugo Head")
    users[FINANCE] = make_user(FINANCE, full_name="Fiona Finance")
    users[LOGISTICS] = make_user(LOGISTICS, full_name="Luka Logistics")
    users[ADMIN] = make_user(ADMIN, is_staff=True, is_superuser=True, full_name="Adam Admin")
    o = data.objects
    serbia, jfs = Country.objects.get(code="RS"), ThematicTeam.objects.get(code="jfs")
    applicant, case_handler = users[APPLICANT], users[CH]

    o["submitted"] = applications.forward_application(
        applications.submit_application(submittable_application(applicant), actor=applicant),
        actor=users[NCP],
    )
    o["contact"] = ContactPersonFactory(application=o["submitted"], name="Corina Contact")
    o["draft"] = submittable_application(applicant, title="", objectives="")
    o["inbox_item"] = InboxItem.objects.create(
        user=applicant,
        kind="applications/email/move",
        subject="Your request was submitted",
        body="Your request is with the national contact point.",
    )
    o["password_reset_args"] = (
        urlsafe_base64_encode(force_bytes(applicant.pk)),
        default_token_generator.make_token(applicant),
    )

    today = timezone.localdate()
    o["workshop"] = workshop = EventFactory(
        reference="WS-2026-0101",
        title="Asylum interview techniques",
        state="planned",
        start_date=date(2026, 4, 14),
        end_date=date(2026, 4, 15),
        place="Belgrade",
        venue_country=serbia,
        time_zone="Europe/Belgrade",
        team=jfs,
        case_handler=case_handler,
        beneficiary=serbia,
        application=o["submitted"],
    )
    workshop.chapters.set(Chapter.objects.filter(number__in=[23, 24]))
    # Shared with Albania: its Albanian participants travel (receipts, statements).
    workshop.other_beneficiaries.add(Country.objects.get(code="AL"))
    o["public_event"] = EventFactory(
        reference="WS-2024-0102",
        state="closed",
        title="Migration risk analysis",
        beneficiary=Country.objects.get(code="XK"),
        start_date=date(2024, 10, 1),
        end_date=date(2024, 10, 3),
    )
    o["session"] = AgendaSessionFactory(event=workshop, title="The asylum interview")
    o["present"] = ParticipantFactory(event=workshop, full_name="Jelena Petrović")
    AttendanceFactory(participant=o["present"], day=date(2026, 4, 14), present=True)
    o["requested"] = ParticipantFactory(
        event=workshop, full_name="Marko Marković", state="requested"
    )
    o["traveller"] = ParticipantFactory(
        event=workshop, full_name="Anna Albanian", country=Country.objects.get(code="AL")
    )
    o["registration_token"] = registration_token(o["present"])
    o["traveller_token"] = traveller_token(o["traveller"])
    o["rate"] = SubsistenceRateFactory(daily_amount=Decimal("100.00"))
    o["fee_rule"] = FeeRule.objects.order_by("pk").first()
    o["eva"] = eva = expert_on(workshop, "Eva Expert")
    users[EXPERT] = eva.expert.user
    refresh_statements(workshop, actor=case_handler)
    eva.fee_statement.refresh_from_db()
    upload_document(
        workshop,
        actor=case_handler,
        kind="presentation",
        title="Interview techniques",
        upload=SimpleUploadedFile("slides.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"),
    )
    o["bank_details_token"] = bank_details_token(InstitutionFactory())
    assign_contractor(
        workshop, Contractor.objects.get(name="Balkan Events Ltd"), actor=case_handler
    )
    o["booking"] = save_booking(
        workshop,
        "venue",
        actor=users[LOGISTICS],
        values={
            "supplier": "Hotel Moskva",
            "supplier_reference": "HM-1",
            "starts_on": date(2026, 4, 14),
            "ends_on": date(2026, 4, 15),
            "quantity": 1,
            "planned_cost": Decimal("900"),
        },
    )
    o["invitation"] = Invitation.objects.create(
        event=EventFactory(state="planned", title="Reception of asylum seekers"),
        expert=eva.expert,
        role="expert",
        state="invited",
        invited_by=case_handler,
        expires_at=timezone.now() + timedelta(days=7),
    )
    o["open_event"] = EventFactory(registration_token="k" * 43, registration_open=True)
    o["reviewed"] = reviewed = EventFactory(
        reference="EM-2026-0103",
        event_type="expert_mission",
        title="Asylum case management",
        team=jfs,
        case_handler=case_handler,
    )
    expert_on_event(reviewed)
    MissionReportFactory(event=reviewed, state="submitted", submitted_at=timezone.now())
    o["to_write"] = to_write = EventFactory(
        reference="EM-2026-0104", event_type="expert_mission", team=jfs, case_handler=case_handler
    )
    expert_on_event(to_write, expert=eva.expert)
    pending = ExpertFactory(verification_state="pending", user=UserFactory(full_name="Petra P."))
    o["pending_expert"] = pending
    unconfirmed = ExpertFactory(
        verification_state="unconfirmed", email_confirmed_at=None, verified_at=None
    )
    o["expert_confirmation_token"] = confirmation_token(unconfirmed.user)
    # An evaluation round: an event implemented yesterday with a participant who attended.
    yesterday = today - timedelta(days=1)
    evaluated = EventFactory(
        state="implemented", start_date=yesterday, end_date=yesterday, team=jfs
    )
    attending_participant(evaluated, full_name="Petar Present", email="petar@gov.rs")
    run_due_sends()
    o["evaluation_token"] = link_token(
        EvaluationRequest.objects.get(event=evaluated, email="petar@gov.rs")
    )
    return data


def fetch_every_page(data, *, language, accept_language):
    """Set every user of `data` to `language` ("" for the browser's), then yield (role, url,
    response) for each page of the inventory, fetched by the Django client as its role with
    `accept_language`, following the pages that redirect."""
    from django.test import Client
    from django.urls import resolve

    for user in data.users.values():
        if user is not None:
            user.language = language
            user.save(update_fields=["language"])
    redirecting = {page.name for page in PAGES if page.redirects}
    for role, url in pages(data):
        client = Client(HTTP_ACCEPT_LANGUAGE=accept_language)
        if role != ANONYMOUS:
            client.force_login(data.users[role])
        name = resolve(url.split("?")[0]).view_name
        yield role, url, client.get(url, follow=name in redirecting)
