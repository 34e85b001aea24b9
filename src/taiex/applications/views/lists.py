"""The request queues of the role homes and the list of requests, with its filters and CSV
export."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of
from taiex.core.csv_export import csv_response
from taiex.reference.templatetags.countries import collect_footnotes

from .. import queries
from ..forms import (
    QUEUES,
    SORTS,
    ApplicationFilterForm,
)
from ..reminders import with_waiting

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


def queue_sections(user):
    """The request queues of the roles `user` holds: the first rows of each and its count."""
    roles = roles_of(user)
    sections = []
    for role, queue in QUEUES_OF_ROLE.items():
        if roles.has(role):
            rows = queries.with_list_columns(QUEUE_QUERIES[queue](user)).order_by(
                *SORTS["deadline" if queue in ("team", "opinion") else "newest"][1]
            )
            sections.append(
                {
                    "queue": queue,
                    "title": QUEUES[queue],
                    "rows": with_waiting(rows[:HOME_ROWS]),
                    "count": rows.count(),
                    "proposal_column": queue == "meeting",
                }
            )
    return sections


def filtered_applications(user, params):
    roles = roles_of(user)
    queues = {queue for role, queue in QUEUES_OF_ROLE.items() if roles.has(role)}
    form = ApplicationFilterForm(params, queues=queues)
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
    page.object_list = with_waiting(page.object_list)
    collect_footnotes(request, form.fields["country"].queryset.exclude(official_footnote=""))
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
