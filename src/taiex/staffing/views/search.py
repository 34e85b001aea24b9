"""Staff pages for finding experts: the search, the ranking for an event, and the staffing of
the events of a period. Everyone else gets a 404 (the pages' existence is not revealed)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from taiex.accounts.roles import roles_of
from taiex.core.csv_export import csv_response
from taiex.events.enums import EventState, ExpertRole
from taiex.events.models import Event
from taiex.events.services.hosting import NO_EXPERTS_ON_STUDY_VISIT, is_study_visit
from taiex.experts.forms.search import ExpertSearchForm
from taiex.reference.queries import working_level_on

from ..forms.staffing import StaffingForm
from ..models import Interest
from ..queries.search import experts_matching
from ..ranking.explain import PART_HELP, PART_LABELS, TIE_BREAK_HELP, date_span
from ..ranking.scoring import experts_ranked_for
from ..ranking.staffing import events_to_staff, propose_staffing

EXPERTS_PER_PAGE = 25


def staff_only(view):
    @wraps(view)
    @login_required
    def checked(request, *args, **kwargs):
        if not roles_of(request.user).is_staff_member:
            raise Http404
        return view(request, *args, **kwargs)

    return checked


@require_GET
@staff_only
def search(request):
    form = ExpertSearchForm(request.GET or None)
    experts = experts_matching(**form.filters())
    if request.GET.get("format") == "csv":
        return experts_csv(experts)
    page = Paginator(experts, EXPERTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "staffing/search/search.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


CSV_COLUMNS = [
    "Name",
    "E-mail",
    "Member State",
    "Employer",
    "Position",
    "Years of experience",
    "Languages",
    "Chapters",
    "Keywords",
    "Verification",
    "Active",
]


def experts_csv(experts):
    return csv_response(
        "experts.csv",
        CSV_COLUMNS,
        (
            [
                expert.user.full_name,
                expert.user.email,
                expert.member_state,
                expert.employer.name if expert.employer else "",
                expert.position,
                expert.years_of_experience,
                "; ".join(f"{row.language.name} {row.level}" for row in expert.languages.all()),
                "; ".join(str(chapter.number) for chapter in expert.chapters.all()),
                expert.keywords,
                expert.get_verification_state_display(),
                "yes" if expert.is_active else "no",
            ]
            for expert in experts.iterator(chunk_size=500)
        ),
    )


@require_GET
@staff_only
def ranking(request, event_pk):
    event = get_object_or_404(Event.objects.select_related("beneficiary", "window"), pk=event_pk)
    if is_study_visit(event):
        messages.error(request, NO_EXPERTS_ON_STUDY_VISIT)
        return redirect("events:detail", pk=event.pk)
    ranked = experts_ranked_for(event)
    # Who answered the call, shown beside the ranking (and listed when the ranking leaves them out).
    interests = {
        interest.expert_id: interest
        for interest in Interest.objects.filter(call__event=event).select_related(
            "expert__user", "expert__member_state"
        )
    }
    ranked_ids = {row.expert.pk for row in ranked}
    return render(
        request,
        "staffing/search/ranking.html",
        {
            "event": event,
            "ranked": ranked,
            "dates": date_span(event.start_date, event.end_date),
            "part_labels": PART_LABELS,
            "part_help": [(PART_LABELS[name], text) for name, text in PART_HELP.items()],
            "tie_break_help": TIE_BREAK_HELP,
            "minimum_level": working_level_on(event.start_date or timezone.localdate()),
            "can_invite": event.state == EventState.PLANNED,
            "interests": interests,
            "interested_not_ranked": [
                interest for expert_id, interest in interests.items() if expert_id not in ranked_ids
            ],
            "expert_roles": ExpertRole.choices,
        },
    )


@require_GET
@staff_only
def staffing(request):
    form = StaffingForm(request.GET or None)
    result = rows = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        result = propose_staffing(
            list(events_to_staff(data["start"], data["end"])), per_quarter=data["per_quarter"]
        )
        rows = [
            {
                "event": event,
                "dates": date_span(event.start_date, event.end_date),
                "proposed": result.assignments.get(event.pk, []),
            }
            for event in result.events
        ]
    return render(
        request,
        "staffing/search/staffing.html",
        {"form": form, "result": result, "rows": rows},
    )
