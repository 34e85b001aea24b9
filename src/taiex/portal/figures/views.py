"""The managers' figures on requests: the page, its CSV and XLSX, for the programme's staff
(case handler, head of unit, administrator); 404 for anybody else."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from taiex.accounts.roles import roles_of
from taiex.core.csv_export import csv_response

from .export import figure_table, figures_workbook, workload_table
from .forms import FigureFilterForm
from .queries import figures_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def form_or_404(request):
    if not roles_of(request.user).is_staff_member:
        raise Http404(_("No such page."))
    return FigureFilterForm(request.GET or None)


def bad_filters(form):
    problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
    return HttpResponse(
        _("The filters are not valid: %(problems)s") % {"problems": problems},
        status=400,
        content_type="text/plain",
    )


@login_required
def request_figures_page(request):
    form = form_or_404(request)
    valid = not form.is_bound or form.is_valid()
    figures = figures_for(form.filters()) if valid else None
    context = {"form": form, "figures": figures, "query": request.GET.urlencode()}
    return render(request, "portal/figures/figures.html", context, status=200 if valid else 400)


def figures_or_400(request):
    form = form_or_404(request)
    if form.is_bound and not form.is_valid():
        return None, form
    return figures_for(form.filters()), form


@login_required
def request_figures_csv(request):
    figures, form = figures_or_400(request)
    if figures is None:
        return bad_filters(form)
    header, rows, total = figure_table(figures)
    return csv_response(f"request-figures-by-{figures.filters.by}.csv", header, [*rows, total])


@login_required
def workload_csv(request):
    figures, form = figures_or_400(request)
    if figures is None:
        return bad_filters(form)
    header, teams = workload_table(figures.teams, _("Thematic team or case handler"))
    _header, handlers = workload_table(figures.handlers, "")
    rows = [[_("Team: %(name)s") % {"name": r[0]}, *r[1:]] for r in teams]
    rows += [[_("Case handler: %(name)s") % {"name": r[0]}, *r[1:]] for r in handlers]
    return csv_response("request-workload.csv", header, rows)


@login_required
def request_figures_xlsx(request):
    figures, form = figures_or_400(request)
    if figures is None:
        return bad_filters(form)
    content = figures_workbook(
        figures, title=_("Requests by %(grouping)s") % {"grouping": figures.by_label.lower()}
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="request-figures-by-{figures.filters.by}.xlsx"'
    )
    return response
