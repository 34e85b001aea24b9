"""Pages of the cost of events: one event's cost by kind (planned, paid, difference), and the
staff page of the costs of every event whose money the user sees, by event or aggregated, with
its CSV and XLSX downloads. Both follow the money rule
(`queries.fees.events_with_money_visible_to`): 404 for anyone who may not see the money."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from taiex.core.csv_export import csv_response

from ..forms.costs import CostFilterForm
from ..queries.costs import GROUPINGS, cost_of_event, costs_by_event, group_costs, total_of
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
    rows = (
        costs_by_event(request.user, form.filters(), with_chapters=by == "chapter") if valid else []
    )
    # By event, the rows are shown a page at a time (the totals still sum every row): over the
    # whole history they are tens of thousands.
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")) if by == "event" else None
    context = {
        "form": form,
        "by": by,
        "by_label": gettext(GROUPINGS[by]),
        "rows": rows,
        "page_obj": page,
        "groups": group_costs(rows, by) if by != "event" else [],
        "total": total_of(rows),
        "query": request.GET.urlencode(),
    }
    return render(request, "events/fees/costs.html", context, status=200 if valid else 400)


def export_rows_or_400(request):
    form = cost_form_or_404(request)
    if form.is_bound and not form.is_valid():
        return None, None, form
    by = form.grouping() if form.is_bound else "event"
    return costs_by_event(request.user, form.filters()), by, form


def bad_filters(form):
    problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
    return HttpResponse(
        gettext("The filters are not valid: %(problems)s") % {"problems": problems},
        status=400,
        content_type="text/plain",
    )


@login_required
def costs_csv(request):
    rows, by, form = export_rows_or_400(request)
    if rows is None:
        return bad_filters(form)
    header, body, total = cost_table(rows, by)
    return csv_response(f"costs-by-{by}.csv", header, [*body, total])


@login_required
def costs_xlsx(request):
    rows, by, form = export_rows_or_400(request)
    if rows is None:
        return bad_filters(form)
    title = gettext("Cost of events by %(grouping)s") % {"grouping": gettext(GROUPINGS[by]).lower()}
    content = cost_workbook(rows, by, title=title)
    return xlsx_response(content, f"costs-by-{by}.xlsx")
