"""Staff pages of the rate tables: fee rules and daily allowances by country with their
validity; the head of unit and administrators add, edit and import rates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from taiex.core.dates import day_label

from . import rates
from .forms import FeeRuleForm, RateImportForm, SubsistenceRateForm
from .models import Country, FeeRule, SubsistenceRate


def check_may_change(request):
    if not request.user.has_perm("reference.see_rates"):
        raise Http404
    if not request.user.has_perm("reference.change_rates"):
        raise PermissionDenied


@login_required
def rate_list(request):
    if not request.user.has_perm("reference.see_rates"):
        raise Http404
    country = None
    code = request.GET.get("country", "")
    if code:
        country = Country.objects.filter(code=code).first()
    context = {
        "fee_rules": rates.fee_rules_listed(),
        "subsistence_rates": rates.subsistence_rates_listed(country),
        "countries": Country.objects.filter(subsistence_rates__isnull=False)
        .distinct()
        .order_by("name"),
        "country": country,
        "can_change": request.user.has_perm("reference.change_rates"),
    }
    return render(request, "reference/rate_list.html", context)


def _save_with(form, save):
    """Run `save` (a service call); a RateError becomes an error on the field it names."""
    try:
        save()
    except rates.RateError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    return True


@login_required
def fee_rule_add(request):
    check_may_change(request)
    form = FeeRuleForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_with(form, lambda: rates.add_fee_rule(actor=request.user, **form.cleaned_data))
    ):
        messages.success(request, _("The new fee rules are saved."))
        return redirect("rates:list")
    status = 400 if form.errors else 200
    return render(
        request,
        "reference/rate_form.html",
        {"form": form, "title": _("New fee rules")},
        status=status,
    )


@login_required
def fee_rule_edit(request, pk):
    check_may_change(request)
    rule = get_object_or_404(FeeRule, pk=pk)
    form = FeeRuleForm(request.POST or None, instance=FeeRule.objects.get(pk=pk))
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_with(
            form, lambda: rates.change_fee_rule(rule, actor=request.user, **form.cleaned_data)
        )
    ):
        messages.success(request, _("The fee rules are saved."))
        return redirect("rates:list")
    status = 400 if form.errors else 200
    title = _("Fee rules from %(day)s") % {"day": day_label(rule.valid_from)}
    return render(
        request, "reference/rate_form.html", {"form": form, "title": title}, status=status
    )


@login_required
def subsistence_add(request):
    check_may_change(request)
    initial = {}
    if request.GET.get("country"):
        initial["country"] = Country.objects.filter(code=request.GET["country"]).first()
    form = SubsistenceRateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        country = values.pop("country")
        if _save_with(
            form, lambda: rates.add_subsistence_rate(country, actor=request.user, **values)
        ):
            messages.success(
                request,
                _("The new daily allowance of %(country)s is saved.") % {"country": country},
            )
            return redirect(f"{redirect('rates:list').url}?country={country.code}")
    status = 400 if form.errors else 200
    context = {"form": form, "title": _("New daily allowance")}
    return render(request, "reference/rate_form.html", context, status=status)


@login_required
def subsistence_edit(request, pk):
    check_may_change(request)
    rate = get_object_or_404(SubsistenceRate.objects.select_related("country"), pk=pk)
    form = SubsistenceRateForm(request.POST or None, instance=SubsistenceRate.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        values.pop("country")
        if _save_with(
            form, lambda: rates.change_subsistence_rate(rate, actor=request.user, **values)
        ):
            messages.success(
                request,
                _("The daily allowance of %(country)s is saved.") % {"country": rate.country},
            )
            return redirect(f"{redirect('rates:list').url}?country={rate.country.code}")
    status = 400 if form.errors else 200
    title = _("Daily allowance of %(country)s from %(day)s") % {
        "country": rate.country,
        "day": day_label(rate.valid_from),
    }
    return render(
        request, "reference/rate_form.html", {"form": form, "title": title}, status=status
    )


@login_required
def subsistence_import(request):
    check_may_change(request)
    form = RateImportForm(request.POST or None, request.FILES or None)
    import_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            counts = rates.import_subsistence_rates(
                form.cleaned_data["file"], is_demo=form.cleaned_data["is_demo"], actor=request.user
            )
        except rates.RateImportFailed as failure:
            import_errors = failure.errors
        else:
            messages.success(
                request,
                _("Imported: %(created)s new rate(s), %(updated)s updated.") % counts,
            )
            return redirect("rates:list")
    status = 400 if form.errors or import_errors else 200
    context = {"form": form, "import_errors": import_errors}
    return render(request, "reference/rate_import.html", context, status=status)
