"""Pages of requests: the role homes, the list, the form, the request page and its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of
from taiex.core.audit import activity_of
from taiex.core.csv_export import csv_response
from taiex.core.workflow import TransitionNotAllowed

from . import queries, services
from .eligibility import evaluate_eligibility, submission_problems
from .enums import ApplicationState as S
from .forms import (
    QUEUES,
    SORTS,
    ApplicationFilterForm,
    ApplicationForm,
    CommentForm,
    ContactFormSet,
    DecisionForm,
    NoteForm,
    OpinionForm,
    ProposalForm,
    ReasonForm,
    contacts_from,
)
from .models import Application, Assessment, Comment, Consultation

PAGE_SIZE = 25
HOME_ROWS = 10

QUEUE_QUERIES = {
    "mine": queries.applications_of_applicant,
    "ncp": queries.applications_waiting_for_ncp,
    "opinion": queries.applications_awaiting_opinion,
    "team": queries.applications_in_team_queue,
    "meeting": queries.applications_for_planning_meeting,
}
QUEUES_OF_ROLE = {
    Role.APPLICANT: "mine",
    Role.NCP: "ncp",
    Role.CONSULTEE: "opinion",
    Role.CASE_HANDLER: "team",
    Role.HEAD_OF_UNIT: "meeting",
}


@login_required
def home(request):
    """What waits for the user, one section per role they hold."""
    roles = roles_of(request.user)
    sections = []
    for role, queue in QUEUES_OF_ROLE.items():
        if roles.has(role):
            rows = queries.with_list_columns(QUEUE_QUERIES[queue](request.user)).order_by(
                *SORTS["deadline" if queue in ("team", "opinion") else "newest"][1]
            )
            sections.append(
                {
                    "queue": queue,
                    "title": QUEUES[queue],
                    "rows": list(rows[:HOME_ROWS]),
                    "count": rows.count(),
                    "proposal_column": queue == "meeting",
                }
            )
    role_labels = [label for value, label in Role.choices if value in roles.roles]
    return render(
        request,
        "applications/home.html",
        {"sections": sections, "roles": roles, "role_labels": role_labels, "now": timezone.now()},
    )


def filtered_applications(user, params):
    form = ApplicationFilterForm(params)
    form.is_valid()
    data = form.cleaned_data if form.is_bound else {}
    queue = data.get("queue")
    rows = QUEUE_QUERIES[queue](user) if queue else queries.applications_visible_to(user)
    if data.get("q"):
        rows = rows.filter(Q(title__icontains=data["q"]) | Q(reference__icontains=data["q"]))
    if data.get("state"):
        rows = rows.filter(state=data["state"])
    if data.get("assistance_type"):
        rows = rows.filter(assistance_type=data["assistance_type"])
    if data.get("country"):
        rows = rows.filter(country=data["country"])
    if data.get("team"):
        rows = rows.filter(team=data["team"])
    if data.get("year"):
        rows = rows.filter(
            Q(submitted_at__year=data["year"])
            | Q(submitted_at__isnull=True, created_at__year=data["year"])
        )
    order = SORTS.get(data.get("sort") or "newest", SORTS["newest"])[1]
    return form, queries.with_list_columns(rows).order_by(*order)


@login_required
def application_list(request):
    form, rows = filtered_applications(request.user, request.GET)
    if request.GET.get("format") == "csv":
        return applications_csv(rows)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "applications/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "now": timezone.now(),
            "proposal_column": form.is_valid() and form.cleaned_data.get("queue") == "meeting",
        },
    )


CSV_COLUMNS = [
    "Reference",
    "Title",
    "State",
    "Type",
    "Country",
    "Window",
    "Lead institution",
    "Submitted",
    "Consultation deadline",
    "Team",
    "Case handler",
]


def applications_csv(rows):
    return csv_response(
        "requests.csv",
        CSV_COLUMNS,
        (
            [
                app.reference or f"Draft {app.pk}",
                app.title,
                app.get_state_display(),
                app.get_assistance_type_display(),
                app.country,
                app.window.name if app.window else "",
                app.lead_institution.name if app.lead_institution else "",
                app.submitted_at.date().isoformat() if app.submitted_at else "",
                timezone.localtime(app.consultation_deadline).strftime("%Y-%m-%d %H:%M")
                if app.consultation_deadline
                else "",
                app.team.name if app.team else "",
                app.case_handler.full_name if app.case_handler else "",
            ]
            for app in rows.iterator(chunk_size=500)
        ),
    )


def user_application(user, pk):
    """The request with this id if `user` may see it; 404 otherwise, so existence never leaks."""
    return get_object_or_404(
        queries.applications_visible_to(user).select_related(
            "country",
            "lead_institution__country",
            "lead_institution__kind",
            "window",
            "team",
            "case_handler",
            "created_by",
        ),
        pk=pk,
    )


@login_required
def application_new(request):
    if not roles_of(request.user).has(Role.APPLICANT):
        raise Http404
    return edit_page(request, None)


@login_required
def application_edit(request, pk):
    application = user_application(request.user, pk)
    if not request.user.has_perm("applications.edit_application", application):
        raise PermissionDenied
    return edit_page(request, application)


def edit_page(request, application):
    """The request form: "Save draft" stores any partial data; "Submit" saves, then submits."""
    instance = application or Application(created_by=request.user)
    problems = {}
    if request.method == "POST":
        form = ApplicationForm(request.POST, instance=instance, user=request.user)
        contacts = ContactFormSet(request.POST, prefix="contacts")
        if form.is_valid() and contacts.is_valid():
            fields, relations = form.split()
            try:
                if application is None:
                    application = services.create_draft(actor=request.user)
                application = services.save_draft(
                    application,
                    actor=request.user,
                    fields=fields,
                    relations=relations,
                    contacts=contacts_from(contacts),
                    expected_version=form.cleaned_data["version"],
                )
            except services.StaleEdit as error:
                form.add_error(None, str(error))
            except services.ApplicationError as error:
                messages.error(request, str(error))
                return redirect("applications:detail", application.pk)
            else:
                if "submit" not in request.POST:
                    messages.success(request, f"{application} saved as a draft.")
                    return redirect("applications:edit", application.pk)
                try:
                    application = services.submit_application(application, actor=request.user)
                except services.ApplicationError as error:
                    problems = error.problems
                    form = ApplicationForm(instance=application, user=request.user)
                    contacts = ContactFormSet(
                        prefix="contacts", initial=initial_contacts(application)
                    )
                    messages.error(
                        request,
                        "Your changes are saved, but the request cannot be submitted yet: "
                        "see the problems below.",
                    )
                except TransitionNotAllowed as error:
                    messages.error(request, str(error))
                    return redirect("applications:detail", application.pk)
                else:
                    messages.success(
                        request,
                        f"{application} was submitted to the national contact point.",
                    )
                    return redirect("applications:detail", application.pk)
    else:
        form = ApplicationForm(instance=instance, user=request.user)
        contacts = ContactFormSet(prefix="contacts", initial=initial_contacts(application))
        if application is not None and request.GET.get("check"):
            problems = submission_problems(application, timezone.localdate())
    status = (
        400 if request.method == "POST" and (form.errors or contacts.errors or problems) else 200
    )
    return render(
        request,
        "applications/form.html",
        {
            "form": form,
            "contacts": contacts,
            "application": application,
            "fieldsets": [
                (legend, [(form[name], problems.get(name, [])) for name in names])
                for legend, names in FIELDSETS
            ],
            "contact_problems": problems.get("contacts", []),
            "problem_list": [(form_label(form, name), msgs) for name, msgs in problems.items()],
        },
        status=status,
    )


FIELDSETS = [
    (
        "The request",
        [
            "assistance_type",
            "modality",
            "title",
            "lead_institution",
            "window",
            "partner_institutions",
        ],
    ),
    (
        "Purpose and EU law",
        ["objectives", "legislation", "celex_numbers", "chapters", "expected_results"],
    ),
    ("Dates and place", ["preferred_start", "preferred_end", "place"]),
    (
        "People",
        [
            "participants_count",
            "participants_profile",
            "experts_count",
            "expertise_wished",
            "member_state_preference",
            "working_languages",
        ],
    ),
]


def form_label(form, name):
    if name in form.fields:
        return form.fields[name].label or name
    return {"contacts": "Contact persons"}.get(name, name)


def initial_contacts(application):
    if application is None:
        return []
    return list(application.contacts.values("name", "position", "email", "phone"))


def detail_context(request, application, failed_action=None, bound=None):
    user = request.user
    can = {
        perm: user.has_perm(f"applications.{perm}_application", application)
        for perm in ("edit", "submit", "withdraw", "check", "assess", "decide", "hold", "comment")
    }
    state = application.state
    consultations = list(
        application.consultations.select_related("responded_by").order_by("round", "group")
    )
    roles = roles_of(user)
    my_consultations = [
        c
        for c in consultations
        if c.group in roles.consultee_groups and c.opinion == "pending" and state == S.CONSULTATION
    ]
    if state in (S.DRAFT, S.RETURNED):
        eligibility = [
            check.as_dict() for check in evaluate_eligibility(application, timezone.localdate())
        ]
        eligibility_when = "if submitted today"
    else:
        eligibility = application.eligibility
        eligibility_when = "at submission"
    application_with_relations = Application.objects.prefetch_related(
        "chapters",
        "working_languages",
        "member_state_preference",
        Prefetch(
            "partner_institutions",
            queryset=application.partner_institutions.select_related("country"),
        ),
        "contacts",
    ).get(pk=application.pk)
    return {
        "application": application,
        "relations": application_with_relations,
        "can": can,
        "actions": {
            "withdraw": can["withdraw"] and state not in (S.APPROVED, S.REJECTED, S.WITHDRAWN),
            "check": can["check"] and state == S.SUBMITTED,
            "propose": can["assess"] and state == S.ASSESSMENT,
            "decide": can["decide"] and state == S.PROPOSED,
            "hold": can["hold"]
            and state in (S.SUBMITTED, S.CONSULTATION, S.ASSESSMENT, S.PROPOSED),
            "resume": can["hold"] and state == S.ON_HOLD,
            "submit": can["submit"],
        },
        "my_consultations": my_consultations,
        "consultations": consultations,
        "assessments": Assessment.objects.filter(application=application).select_related(
            "case_handler"
        ),
        "timeline": activity_of(application),
        "comments": Comment.objects.filter(application=application).select_related("author"),
        "eligibility": eligibility,
        "eligibility_when": eligibility_when,
        "event": getattr(application, "event", None) if state == S.APPROVED else None,
        "forms": {
            action: bound if action == failed_action else form_class(prefix=action)
            for action, (_, form_class) in ACTIONS.items()
            if form_class is not None
        },
        "failed_action": failed_action,
        "now": timezone.now(),
    }


@login_required
def application_detail(request, pk):
    application = user_application(request.user, pk)
    return render(request, "applications/detail.html", detail_context(request, application))


# action -> (permission, form class); each form is prefixed with its action on the page
ACTIONS = {
    "submit": ("submit", None),
    "withdraw": ("withdraw", ReasonForm),
    "return": ("check", ReasonForm),
    "forward": ("check", NoteForm),
    "opinion": (None, OpinionForm),
    "propose": ("assess", ProposalForm),
    "decide": ("decide", DecisionForm),
    "send_back": ("decide", ReasonForm),
    "hold": ("hold", ReasonForm),
    "resume": ("hold", NoteForm),
    "comment": ("comment", CommentForm),
}


@login_required
@require_POST
def application_act(request, pk, action):
    """One move of a request, by its action name; the service decides whether it is allowed."""
    application = user_application(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    permission, form_class = ACTIONS[action]
    if permission and not request.user.has_perm(
        f"applications.{permission}_application", application
    ):
        raise PermissionDenied
    form = form_class(request.POST, prefix=action) if form_class else None
    if form is not None and not form.is_valid():
        return detail_with_errors(request, application, action, form)
    data = form.cleaned_data if form is not None else {}
    user = request.user
    try:
        if action == "submit":
            application = services.submit_application(application, actor=user)
        elif action == "withdraw":
            services.withdraw_application(application, actor=user, reason=data["reason"])
        elif action == "return":
            services.return_application(application, actor=user, reason=data["reason"])
        elif action == "forward":
            services.forward_application(application, actor=user, note=data["note"])
        elif action == "opinion":
            consultation_id = request.POST.get("consultation", "")
            if not consultation_id.isdigit():
                raise Http404
            consultation = get_object_or_404(
                Consultation.objects.filter(
                    application=application, round=latest_round(application)
                ),
                pk=int(consultation_id),
            )
            if not user.has_perm("applications.give_opinion", consultation):
                raise PermissionDenied
            services.record_opinion(
                consultation, actor=user, opinion=data["opinion"], comment=data["comment"]
            )
        elif action == "propose":
            services.propose_decision(
                application,
                actor=user,
                recommendation=data["recommendation"],
                criteria=dict.fromkeys(data["criteria"], True),
                reason=data["reason"],
            )
        elif action == "decide":
            services.decide_application(
                application, actor=user, decision=data["decision"], reason=data["reason"]
            )
        elif action == "send_back":
            services.send_back_for_assessment(application, actor=user, reason=data["reason"])
        elif action == "hold":
            services.put_on_hold(application, actor=user, reason=data["reason"])
        elif action == "resume":
            services.resume_application(application, actor=user, note=data["note"])
        elif action == "comment":
            services.add_comment(application, actor=user, body=data["body"])
    except services.ApplicationError as error:
        if action == "submit":
            messages.error(request, "The request cannot be submitted yet: see the problems below.")
            return redirect(f"{application_edit_url(application)}?check=1")
        for field, problems in error.problems.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
        if not error.problems:
            form.add_error(None, str(error))
        return detail_with_errors(request, application, action, form)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
        return redirect("applications:detail", application.pk)
    messages.success(request, DONE_MESSAGES[action])
    return redirect("applications:detail", application.pk)


def application_edit_url(application):
    from django.urls import reverse

    return reverse("applications:edit", args=[application.pk])


def latest_round(application):
    return application.consultations.order_by("-round").values_list("round", flat=True).first()


DONE_MESSAGES = {
    "submit": "The request was submitted to the national contact point.",
    "withdraw": "The request was withdrawn.",
    "return": "The request was returned to the applicant for correction.",
    "forward": "The request was forwarded; the consultation of the services has started.",
    "opinion": "Your opinion was recorded.",
    "propose": "Your proposal was sent to the planning meeting.",
    "decide": "The decision was recorded and sent to the applicant and the NCP.",
    "send_back": "The request was sent back for a new assessment.",
    "hold": "The request is on hold.",
    "resume": "The request was taken off hold.",
    "comment": "Your message was added.",
}


def detail_with_errors(request, application, action, form):
    context = detail_context(request, application, failed_action=action, bound=form)
    return render(request, "applications/detail.html", context, status=400)
