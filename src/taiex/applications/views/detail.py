"""The request page and its actions: every move of the workflow from one page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taiex.accounts.models import Institution
from taiex.accounts.roles import roles_of
from taiex.core.audit import activity_of
from taiex.core.languages import language_of
from taiex.core.workflow import TransitionNotAllowed

from .. import queries, services
from ..eligibility import evaluate_eligibility, submission_warnings
from ..enums import ApplicationState as S
from ..forms import (
    AttachmentForm,
    CommentForm,
    DecisionForm,
    NoteForm,
    OpinionForm,
    ProposalForm,
    ReasonForm,
)
from ..models import (
    Assessment,
    Comment,
    Consultation,
    CountryConfirmation,
    InterpretationPair,
)
from ..partner_countries import (
    confirm_country_institutions,
    countries_to_confirm_by,
    partner_countries,
)


def user_application(user, pk):
    """The request with this id if `user` may see it; 404 otherwise, so existence never leaks."""
    return get_object_or_404(
        queries.applications_visible_to(user).select_related(
            "country",
            "lead_institution__country",
            "lead_institution__kind",
            "window",
            "host_country",
            "team",
            "case_handler",
            "created_by",
        ),
        pk=pk,
    )


def partner_confirmations(application):
    """(country, confirmation or None) for each partner country of a multi-country request."""
    confirmations = {
        c.country_id: c
        for c in CountryConfirmation.objects.filter(application=application).select_related(
            "confirmed_by"
        )
    }
    return [(country, confirmations.get(country.pk)) for country in partner_countries(application)]


def return_reason(application, timeline):
    """Why the NCP returned the request, while it waits for the applicant's correction."""
    if application.state != S.RETURNED:
        return None
    returns = [entry for entry in timeline if entry.action == "return_for_correction"]
    return returns[-1] if returns else None


def detail_context(request, application, failed_action=None, bound=None):
    user = request.user
    timeline = list(activity_of(application))
    can = {
        perm: user.has_perm(f"applications.{perm}_application", application)
        for perm in (
            "edit",
            "submit",
            "withdraw",
            "check",
            "confirm",
            "assess",
            "decide",
            "hold",
            "comment",
        )
    }
    state = application.state
    consultations = list(
        application.consultations.select_related("responded_by", "service").order_by(
            "round", "group", "service__name"
        )
    )
    roles = roles_of(user)
    my_consultations = [
        c
        for c in consultations
        if c.service_id in roles.consulted_service_ids
        and c.opinion == "pending"
        and state == S.CONSULTATION
    ]
    to_confirm = list(countries_to_confirm_by(user, application)) if can["confirm"] else []
    if state in (S.DRAFT, S.RETURNED):
        eligibility = [
            check.as_dict() for check in evaluate_eligibility(application, timezone.localdate())
        ]
        eligibility_when = _("if submitted today")
    else:
        eligibility = application.eligibility
        eligibility_when = _("at submission")
    prefetch_related_objects(
        [application],
        "chapters",
        "working_languages",
        "member_state_preference",
        Prefetch("partner_institutions", queryset=Institution.objects.select_related("country")),
        "contacts",
        Prefetch(
            "interpretation_pairs",
            queryset=InterpretationPair.objects.select_related("source", "target"),
        ),
    )
    return {
        "application": application,
        "relations": application,
        "can": can,
        "may_manage_contacts": request.user.has_perm(
            "applications.manage_contact_data", application
        ),
        "actions": {
            "withdraw": can["withdraw"] and state not in (S.APPROVED, S.REJECTED, S.WITHDRAWN),
            "check": can["check"] and state == S.SUBMITTED,
            "confirm": can["confirm"] and bool(to_confirm),
            "propose": can["assess"] and state == S.ASSESSMENT,
            "decide": can["decide"] and state == S.PROPOSED,
            "hold": can["hold"]
            and state in (S.SUBMITTED, S.CONSULTATION, S.ASSESSMENT, S.PROPOSED),
            "resume": can["hold"] and state == S.ON_HOLD,
            "submit": can["submit"],
            "delete": user.has_perm("applications.delete_application", application),
        },
        "my_consultations": my_consultations,
        "attachments": list(application.attachments.all()),
        "attachment_form": AttachmentForm(prefix="attach") if can["edit"] else None,
        # The evidence for "no overlap", for those who assess (events: a page of the events app).
        "similar_requests": (
            list(queries.similar_requests(application)) if can["assess"] else None
        ),
        "to_confirm": to_confirm,
        "partner_confirmations": partner_confirmations(application),
        "consultations": consultations,
        "assessments": Assessment.objects.filter(application=application).select_related(
            "case_handler"
        ),
        "timeline": timeline,
        "return_reason": return_reason(application, timeline),
        "comments": Comment.objects.filter(application=application).select_related("author"),
        "eligibility": eligibility,
        # The language the applicant reads and is written to in (their profile's), for the
        # staff who write to them.
        "applicant_language": get_language_info(language_of(application.created_by))[
            "name_translated"
        ],
        "eligibility_when": eligibility_when,
        # The series of events that answer an approved request (the events app's reverse link,
        # read without importing it): the first one, then its follow-ups.
        "events": list(
            application.events.select_related("case_handler").order_by(
                F("start_date").asc(nulls_last=True), "pk"
            )
        )
        if state == S.APPROVED
        else [],
        "forms": {
            action: bound if action == failed_action else form_class(prefix=action)
            for action, (_, form_class) in PAGE_FORMS.items()
            if form_class is not None
        },
        "failed_action": failed_action,
        "failed_form": bound if failed_action else None,
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
    "confirm": ("confirm", None),
    "opinion": (None, OpinionForm),
    "propose": ("assess", ProposalForm),
    "send_back": ("decide", ReasonForm),
    "hold": ("hold", ReasonForm),
    "resume": ("hold", NoteForm),
    "comment": ("comment", CommentForm),
}


# The forms of the page: the actions above, and the decision, which is posted to the events app
# (an approval creates the event: `events.views.decisions`).
PAGE_FORMS = {**ACTIONS, "decide": ("decide", DecisionForm)}


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
        elif action == "confirm":
            countries = list(countries_to_confirm_by(user, application))
            if not countries:
                raise TransitionNotAllowed(
                    _("%(request)s has nothing left for you to confirm.") % {"request": application}
                )
            for country in countries:
                confirm_country_institutions(application, actor=user, country=country)
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
            return redirect(f"{reverse('applications:edit', args=[application.pk])}?check=1")
        add_problems(form, error)
        return detail_with_errors(request, application, action, form)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
        return redirect("applications:detail", application.pk)
    messages.success(request, DONE_MESSAGES[action])
    if action == "submit":
        for warning in submission_warnings(application, timezone.localdate()):
            messages.warning(request, warning)
    return redirect("applications:detail", application.pk)


def add_problems(form, error):
    """Put the problems of an ApplicationError on the form, by field where it has one."""
    for field, problems in error.problems.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)
    if not error.problems:
        form.add_error(None, str(error))


def latest_round(application):
    return application.consultations.order_by("-round").values_list("round", flat=True).first()


DONE_MESSAGES = {
    "submit": gettext_lazy("The request was submitted to the national contact point."),
    "withdraw": gettext_lazy("The request was withdrawn."),
    "return": gettext_lazy("The request was returned to the applicant for correction."),
    "forward": gettext_lazy(
        "The request was forwarded; the consultation of the services has started."
    ),
    "confirm": gettext_lazy("Your country's institutions are confirmed."),
    "opinion": gettext_lazy("Your opinion was recorded."),
    "propose": gettext_lazy("Your proposal was sent to the planning meeting."),
    "decide": gettext_lazy("The decision was recorded and sent to the applicant and the NCP."),
    "send_back": gettext_lazy("The request was sent back for a new assessment."),
    "hold": gettext_lazy("The request is on hold."),
    "resume": gettext_lazy("The request was taken off hold."),
    "comment": gettext_lazy("Your message was added."),
}


def detail_with_errors(request, application, action, form):
    context = detail_context(request, application, failed_action=action, bound=form)
    return render(request, "applications/detail.html", context, status=400)
