"""Pages: a plan's versions (record one, compare two), the change report, the update round."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sedp.accounts.scoping import scope_for
from sedp.core.forms import report_service_errors, submit_form
from sedp.plans.models import CHILD_KINDS
from sedp.plans.rules import can_edit
from sedp.plans.selectors import get_plan_for_user, plans_visible_to
from sedp.revisions import report_html, selectors, services
from sedp.revisions.change_document import plan_change_pair
from sedp.revisions.diff import compare
from sedp.revisions.forms import UpdateRequestForm, UpdateResponseForm, VersionForm
from sedp.revisions.models import stage_label
from sedp.revisions.spreadsheet import export_comparison


@login_required
def version_list(request, pk):
    """A plan's versions, the form to record one, and the update requests it sent or got."""
    plan = get_plan_for_user(user=request.user, pk=pk)
    editable = can_edit(scope_for(request.user), plan)
    form = VersionForm(request.POST or None)
    if editable and submit_form(
        request,
        form,
        lambda data: services.version_record(
            user=request.user, plan=plan, stage=data["stage"], reason=data["reason"]
        ),
        _("The version was recorded."),
    ):
        return redirect("revisions-version-list", pk=plan.pk)
    versions = list(selectors.versions_of(plan))
    for version in versions:
        version.stage = stage_label(version.label)
    context = {
        "plan": plan,
        "versions": versions,
        "can_edit": editable,
        "form": form,
        "received": selectors.requests_received(plan),
        "response_form": UpdateResponseForm(),
        "sent": plan.update_requests.all() if plan.consolidates else [],
        "can_request": services.can_issue_request(request.user, plan),
        "request_form": UpdateRequestForm(),
        # The plan's own change report (latest version against the official or submitted one).
        "change_pair": plan_change_pair(plan),
    }
    return render(request, "revisions/version_list.html", context)


@login_required
def agency_plan(request, agency_pk, year):
    """From a calendar task: the versions page of the agency's plan of report year X; for a
    body without a plan of its own (the UBND sending the update request), the consolidating
    plan of its unit; else the plan list."""
    plans = plans_visible_to(user=request.user).filter(report_year=year).order_by("pk")
    plan = plans.filter(agency_id=agency_pk).first() or (
        plans.filter(kind__in=list(CHILD_KINDS), unit__agencies=agency_pk).first()
    )
    if plan is None:
        messages.info(request, _("This body has no plan for that year yet."))
        return redirect("plans-plan-list")
    return redirect("revisions-version-list", pk=plan.pk)


@login_required
def version_compare(request, pk):
    """The change report between versions ?a= and ?b= (default: the first and the last);
    ?format=xlsx downloads it."""
    plan = get_plan_for_user(user=request.user, pk=pk)
    versions = list(selectors.versions_of(plan))
    if len(versions) < 2:
        messages.info(request, _("Two versions are needed for a comparison."))
        return redirect("revisions-version-list", pk=plan.pk)
    old = selectors.get_version(plan=plan, pk=request.GET.get("a") or versions[0].pk)
    new = selectors.get_version(plan=plan, pk=request.GET.get("b") or versions[-1].pk)
    comparison = compare(plan, old, new)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            export_comparison(plan, comparison),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"thay-doi-ke-hoach-{plan.pk}-v{comparison.old.number}-v{comparison.new.number}"
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    for version in versions:
        version.stage = stage_label(version.label)
    context = {
        "plan": plan,
        "versions": versions,
        "comparison": comparison,
        "old_label": stage_label(comparison.old.label),
        "new_label": stage_label(comparison.new.label),
        "printable": request.GET.get("print") == "1",
        "see_reason": _("see the version's reason"),
        "indicator_rows": report_html.indicator_rows(
            comparison.indicators, _("see the version's reason")
        ),
        "activity_rows": report_html.activity_rows(
            comparison.activities, _("see the version's reason")
        ),
    }
    return render(request, "revisions/version_compare.html", context)


@login_required
@require_POST
def change_report_docx(request, pk):
    """The change report of versions a and b as a Word document (kept by the documents app)."""
    plan = get_plan_for_user(user=request.user, pk=pk)
    old = selectors.get_version(plan=plan, pk=request.POST.get("a"))
    new = selectors.get_version(plan=plan, pk=request.POST.get("b"))
    try:
        report = services.change_report_prepare(user=request.user, plan=plan, old=old, new=new)
    except ValidationError as error:
        report_service_errors(request, error)
        return redirect("revisions-version-list", pk=plan.pk)
    return redirect(
        "documents-document-get",
        target="change_report",
        pk=report.pk,
        kind="change_report",
        fmt=request.POST.get("fmt") if request.POST.get("fmt") == "pdf" else "docx",
    )


@login_required
@require_POST
def request_issue(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    form = UpdateRequestForm(request.POST)
    if submit_form(
        request,
        form,
        lambda data: services.update_request_issue(
            user=request.user, plan=plan, text=data["text"], deadline=data["deadline"]
        ),
        _("The update request was sent to every plan this one consolidates."),
    ):
        return redirect("revisions-version-list", pk=plan.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("revisions-version-list", pk=plan.pk)


def _child_action(request, pk, request_pk, action, success):
    plan = get_plan_for_user(user=request.user, pk=pk)
    # The child may not see the consolidating plan: the request is found among those it got.
    update_request = next(
        (r for r in selectors.requests_received(plan) if r.pk == request_pk), None
    )
    if update_request is None:
        raise Http404
    try:
        action(plan, update_request)
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(request, success)
    return redirect("revisions-version-list", pk=plan.pk)


@login_required
@require_POST
def request_reopen(request, pk, request_pk):
    return _child_action(
        request,
        pk,
        request_pk,
        lambda plan, r: services.update_reopen(user=request.user, request=r, plan=plan),
        _("The plan is open again for the update."),
    )


@login_required
@require_POST
def request_respond(request, pk, request_pk):
    reason = request.POST.get("reason", "")
    return _child_action(
        request,
        pk,
        request_pk,
        lambda plan, r: services.update_respond(
            user=request.user, request=r, plan=plan, reason=reason
        ),
        _("The updated plan was sent with what was changed."),
    )


@login_required
def request_detail(request, request_pk):
    """The consolidating level's view of an update round: per child, what changed."""
    update_request = selectors.get_request_for_user(user=request.user, pk=request_pk)
    if request.method == "POST" and request.POST.get("close"):
        try:
            services.update_request_close(user=request.user, request=update_request)
        except ValidationError as error:
            report_service_errors(request, error)
        return redirect("revisions-request-detail", request_pk=update_request.pk)
    rows = selectors.request_overview(update_request)
    context = {
        "update_request": update_request,
        "plan": update_request.plan,
        "rows": rows,
        "answered": sum(1 for _child, response in rows if response),
        "can_request": services.can_issue_request(request.user, update_request.plan),
    }
    return render(request, "revisions/request_detail.html", context)
