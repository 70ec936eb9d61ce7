"""Download a village proposal or agency input as a pre-filled XLSX workbook; upload it back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sedp.accounts.scoping import scope_for
from sedp.groups.forms import UploadForm
from sedp.indicators.spreadsheet import ImportFailed
from sedp.plans import proposal_xlsx
from sedp.plans.rules import can_edit
from sedp.plans.selectors import get_plan_for_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _proposal_for_user(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    if plan.kind not in proposal_xlsx.KINDS:
        raise Http404
    return plan


@login_required
def proposal_download(request, pk):
    plan = _proposal_for_user(request, pk)
    response = HttpResponse(proposal_xlsx.export_proposal(plan), content_type=XLSX)
    name = f"de-xuat-{plan.unit.code}-{plan.agency_id}-{plan.plan_year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def proposal_upload(request, pk):
    plan = _proposal_for_user(request, pk)
    if not can_edit(scope_for(request.user), plan):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            counts = proposal_xlsx.import_proposal(
                user=request.user, plan=plan, content=form.cleaned_data["file"].read()
            )
        except ImportFailed as failure:
            errors = failure.errors
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _(
                    "The file was read: %(created)s activities added, %(updated)s updated, "
                    "%(deleted)s removed."
                )
                % counts,
            )
            return redirect("plans-plan-detail", pk=plan.pk)
    return render(
        request,
        "plans/proposal_upload.html",
        {"plan": plan, "form": form, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def framework_upload(request, pk):
    """The commune plan framework workbook, filled offline, uploaded back."""
    from sedp.plans import framework_xlsx
    from sedp.plans.models import PlanKind

    plan = get_plan_for_user(user=request.user, pk=pk)
    if plan.kind != PlanKind.COMMUNE_PLAN:
        raise Http404
    if not can_edit(scope_for(request.user), plan):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            count = framework_xlsx.import_framework(
                user=request.user, plan=plan, content=form.cleaned_data["file"].read()
            )
        except ImportFailed as failure:
            errors = failure.errors
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request, _("The file was read: %(count)s activities updated.") % {"count": count}
            )
            return redirect("plans-plan-framework", pk=plan.pk)
    return render(
        request,
        "plans/framework_upload.html",
        {"plan": plan, "form": form, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )
