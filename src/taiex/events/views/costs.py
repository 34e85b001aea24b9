"""Pages of the cost of events: one event's cost by kind (planned, paid, difference), and the
staff page of the costs of every event whose money the user sees, by event or aggregated, with
its CSV and XLSX downloads. Both follow the money rule
(`queries.fees.events_with_money_visible_to`): 404 for anyone who may not see the money."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from taiex.core.csv_export import csv_response

from ..forms.costs import CostFilterForm
from ..queries.costs import (
    GROUPINGS,
    cost_of_event,
    costs_by_event,
    costs_page_by_event,
    grouped_costs,
    total_of,
)
from ..services.cost_export import cost_table, cost_workbook
from .fees import money_event_or_404, xlsx_response

PAGE_SIZE = 100  # events per page of the cost page by event


@login_required
def event_cost(request, pk):
    event = money_event_or_404(request, pk)
    context = {"event": event, "cost": cost_of_event(event)}
    return render(request, "events/fees/event_cost.html", context)


def cost_form_or_404(request):
    if not request.user.has_perm("events.see_payments"):
        raise Http404
    return CostFilterForm(request.GET or None)


@login_required
def costs(request):
    form = cost_form_or_404(request)
    valid = not form.is_bound or form.is_valid()
    by = form.grouping() if form.is_bound else "event"
    page, groups, total, events = None, [], None, 0
    if valid and by == "event":
        # A page at a time, the totals over every page: over the whole history the events are
        # tens of thousands.
        page, total = costs_page_by_event(
            request.user, form.filters(), request.GET.get("page"), PAGE_SIZE
        )
        events = page.paginator.count
    elif valid:
        grouped = grouped_costs(request.user, form.filters(), by)
        groups, total, events = grouped.groups, grouped.total, grouped.events
    context = {
        "form": form,
        "by": by,
        "by_label": gettext(GROUPINGS[by]),
        "page_obj": page,
        "groups": groups,
        "events": events,
        "total": total if total is not None else total_of([]),
        "query": request.GET.urlencode(),
    }
    return render(request, "events/fees/costs.html", context, status=200 if valid else 400)


def export_table_or_400(request):
    """(the event rows, or the costs grouped by the database; the grouping; the form), with
    None for the table when the filters are not valid."""
    form = cost_form_or_404(request)
    if form.is_bound and not form.is_valid():
        return None, None, form
    by = form.grouping() if form.is_bound else "event"
    if by == "event":
        return costs_by_event(request.user, form.filters()), by, form
    return grouped_costs(request.user, form.filters(), by), by, form


def bad_filters(form):
    problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
    return HttpResponse(
        gettext("The filters are not valid: %(problems)s") % {"problems": problems},
        status=400,
        content_type="text/plain",
    )


@login_required
def costs_csv(request):
    table, by, form = export_table_or_400(request)
    if table is None:
        return bad_filters(form)
    header, body, total = cost_table(table, by)
    return csv_response(f"costs-by-{by}.csv", header, [*body, total])


@login_required
def costs_xlsx(request):
    table, by, form = export_table_or_400(request)
    if table is None:
        return bad_filters(form)
    title = gettext("Cost of events by %(grouping)s") % {"grouping": gettext(GROUPINGS[by]).lower()}
    content = cost_workbook(table, by, title=title)
    return xlsx_response(content, f"costs-by-{by}.xlsx")
