"""Pages: my assigned targets, the allocation grid, a plan's budget estimate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sedp.accounts.scoping import scope_for
from sedp.activities.models import FUNDING_FIELDS
from sedp.core.forms import report_service_errors, submit_form
from sedp.indicators.selectors import report_year_from
from sedp.plans.rules import can_edit
from sedp.plans.selectors import get_plan_for_user
from sedp.targets import grid as grids
from sedp.targets import official, selectors, services
from sedp.targets.forms import BudgetForm, BudgetReviewForm
from sedp.targets.models import Allocation, BudgetEstimate, BudgetStatus


@login_required
def target_mine(request):
    """Every one of the user's agencies: assigned figures beside proposals, and the gap."""
    year = report_year_from(request)
    context = {
        "year": year,
        "holders": selectors.own_targets(user=request.user, report_year=year),
        "allocating": selectors.allocating_units(user=request.user),
        "estimates": selectors.estimates_to_review(user=request.user),
    }
    return render(request, "targets/target_mine.html", context)


@login_required
def allocation_grid(request, unit_pk):
    unit = selectors.get_unit_in_scope(user=request.user, pk=unit_pk)
    year = report_year_from(request)
    if not services.can_allocate(request.user, unit):
        raise PermissionDenied(_("Only the unit's planning body allocates its targets."))
    allocation = Allocation.objects.filter(unit=unit, report_year=year).first()
    errors, posted = {}, {}
    if request.method == "POST":
        if allocation is None:
            allocation = services.allocation_open(user=request.user, unit=unit, report_year=year)
        try:
            if request.POST.get("issue"):
                count = services.allocation_issue(
                    user=request.user, allocation=allocation, basis=request.POST.get("basis", "")
                )
                messages.success(
                    request, _("%(n)s assigned figures were sent to the units.") % {"n": count}
                )
            else:
                services.allocation_save(
                    user=request.user, allocation=allocation, entries=request.POST
                )
                messages.success(request, _("The allocation was saved."))
            return redirect(f"{request.path}?year={year}")
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = {k: " ".join(v) for k, v in error.message_dict.items()}
                posted = {k: v for k, v in request.POST.items() if k.startswith("c-")}
                messages.error(request, _("Nothing was saved: correct the cells marked in red."))
            else:
                report_service_errors(request, error)
    # Nothing saved yet: an empty grid, without writing anything on a GET.
    grid = grids.load_grid(allocation or Allocation(unit=unit, report_year=year))
    rows = []
    for indicator in grid.indicators:
        cells = []
        for column in grid.columns:
            name = f"c-{indicator.pk}-{column.key}"
            value = grid.values.get((indicator.pk, column.key))
            cells.append(
                {
                    "name": name,
                    "applies": column.applies(indicator),
                    "text": posted.get(
                        name, grids.fmt(value, indicator.decimals) if value is not None else ""
                    ),
                    "proposed": grid.proposed.get((indicator.pk, column.key)),
                    "error": errors.get(name) or grid.cell_errors.get((indicator.pk, column.key)),
                }
            )
        rows.append(
            {
                "indicator": indicator,
                "parent": grid.parent[indicator.pk],
                "check": grid.checks[indicator.pk],
                "cells": cells,
            }
        )
    context = {
        "unit": unit,
        "year": year,
        "allocation": allocation,
        "grid": grid,
        "rows": rows,
        "errors": errors,
        "resolution": official.resolution_of(unit, year),
    }
    return render(request, "targets/allocation_grid.html", context)


def _budget_action(request, plan, estimate, form, review_form):
    """Run the posted budget action; True when it succeeded (then redirect)."""
    action = request.POST.get("action")
    if action == "prepare":
        return submit_form(
            request,
            form,
            lambda data: services.budget_prepare(user=request.user, plan=plan, **data),
            _("The budget estimate was prepared."),
        )
    if estimate is None:
        return False
    if action == "submit":
        try:
            services.budget_submit(user=request.user, estimate=estimate)
        except ValidationError as error:
            report_service_errors(request, error)
            return False
        messages.success(request, _("The budget estimate was sent to the finance body."))
        return True
    if action == "review":
        accept = request.POST.get("decision") == "accept"
        return submit_form(
            request,
            review_form,
            lambda data: services.budget_review(
                user=request.user, estimate=estimate, accept=accept, **data
            ),
            _("Your answer was recorded."),
        )
    return False


@login_required
def budget_estimate(request, pk):
    """A plan's budget estimate: prepared and sent by the plan's group, checked by the
    finance body (phòng TCKH above a commune, Sở TC above a district or for the province)."""
    plan = get_plan_for_user(user=request.user, pk=pk)
    estimate = BudgetEstimate.objects.filter(plan=plan).first()
    action = request.POST.get("action")
    form = BudgetForm(
        request.POST if action == "prepare" else None,
        initial={
            "recurrent": estimate.recurrent if estimate else "",
            "recurrent_note": estimate.recurrent_note if estimate else "",
        },
    )
    review_form = BudgetReviewForm(request.POST if action == "review" else None)
    if request.method == "POST" and _budget_action(request, plan, estimate, form, review_form):
        return redirect("targets-budget-estimate", pk=plan.pk)
    investment, total = services.investment_of(plan)
    context = {
        "plan": plan,
        "estimate": estimate,
        "form": form,
        "review_form": review_form,
        "can_edit": can_edit(scope_for(request.user), plan)
        and plan.kind in services.BUDGET_PLAN_KINDS,
        "can_review": estimate is not None
        and estimate.status == BudgetStatus.SUBMITTED
        and services.can_review_budget(request.user, plan),
        "sources": [
            (label, investment[name]) for name, label in FUNDING_FIELDS if investment[name]
        ],
        "investment_total": total,
    }
    return render(request, "targets/budget_estimate.html", context)
