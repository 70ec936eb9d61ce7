from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sedp.accounts.scoping import scope_for
from sedp.accounts.selectors import get_unit_for_user
from sedp.core.events import history_of
from sedp.core.forms import apply_service_errors, report_service_errors
from sedp.indicators.selectors import report_year_from
from sedp.monitoring import dashboard, rules, selectors, services
from sedp.monitoring.assessment import assessment_fill, format_number, previous_plan_of
from sedp.monitoring.forms import AnswerForm, ProgressReportForm, QuestionForm, ValueReportForm
from sedp.monitoring.models import (
    MAX_DEADLINE_DAYS,
    ExplanationStatus,
    FrameworkState,
    Frequency,
    TaskStatus,
)
from sedp.monitoring.spreadsheet import export_framework
from sedp.monitoring.templatetags.monitoring_tags import STATUS_CSS
from sedp.plans.models import PlanStatus
from sedp.plans.selectors import get_plan_for_user, plans_visible_to
from sedp.territory.models import Reach

FIELDS = ["data_source", "collector", "frequency", "report_form", "report_to", "deadline_days"]


@login_required
def framework_list(request):
    """Plans the user sees that have (or can have) an M&E framework, for a report year."""
    year = report_year_from(request)
    plans = selectors.plans_with_frameworks(user=request.user, year=year)
    # The dashboards of the units the user oversees (a province's, a district's…).
    units = {
        m.agency.unit_id: m.agency.unit
        for m in scope_for(request.user).memberships
        if m.agency.reach == Reach.TERRITORY
    }
    return render(
        request,
        "monitoring/framework_list.html",
        {"plans": plans, "year": year, "units": sorted(units.values(), key=lambda u: u.path)},
    )


def _framework_context(request, plan, errors=None, posted=None):
    scope = scope_for(request.user)
    state = FrameworkState.objects.filter(plan=plan).first()
    can_edit = rules.can_edit_framework(scope, plan) and plan.status != PlanStatus.APPROVED
    agencies = list(services.allowed_agencies(plan).order_by("name")) if can_edit else []
    return {
        "plan": plan,
        "rows": list(selectors.framework_rows(plan)),
        "problems": services.framework_problems(plan),
        "state": state,
        "can_edit": can_edit,
        "can_start": rules.can_supervise(scope, plan) and plan.status == PlanStatus.APPROVED,
        "agencies": agencies,
        "agency_ids": {a.pk for a in agencies},
        "frequencies": Frequency.choices,
        "max_days": MAX_DEADLINE_DAYS,
        "errors": errors or {},
        "posted": posted,
        "previous": previous_plan_of(plan),
        "history": history_of(plan)[:10],
    }


def _changes_from(post, rows) -> dict:
    changes = {}
    for row in rows:
        data = {name: post.get(f"{row.pk}-{name}", "").strip() for name in FIELDS}
        if not any(f"{row.pk}-{name}" in post for name in FIELDS):
            continue
        for name in ("collector", "report_to"):
            data[name] = int(data[name]) if data[name].isdigit() else None
        changes[row.pk] = data
    return changes


@login_required
def framework_detail(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        rows = list(plan.me_rows.all())
        try:
            count = services.framework_update(
                user=request.user, plan=plan, changes=_changes_from(request.POST, rows)
            )
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            context = _framework_context(request, plan, errors=errors, posted=request.POST)
            return render(request, "monitoring/framework_detail.html", context, status=400)
        messages.success(request, _("%(count)s rows saved.") % {"count": count})
        return redirect("monitoring-framework-detail", plan.pk)
    return render(request, "monitoring/framework_detail.html", _framework_context(request, plan))


def _plan_action(request, pk, action, success):
    plan = get_plan_for_user(user=request.user, pk=pk)
    try:
        result = action(plan)
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(request, success(result))
    return redirect("monitoring-framework-detail", plan.pk)


@login_required
@require_POST
def framework_prefill(request, pk):
    return _plan_action(
        request,
        pk,
        lambda plan: services.framework_prefill(user=request.user, plan=plan),
        lambda n: (
            _("%(count)s rows added from the plan's indicators and activities.") % {"count": n}
        ),
    )


@login_required
@require_POST
def framework_complete(request, pk):
    return _plan_action(
        request,
        pk,
        lambda plan: services.framework_complete(user=request.user, plan=plan),
        lambda state: _("The M&E framework is complete."),
    )


@login_required
@require_POST
def monitoring_start(request, pk):
    return _plan_action(
        request,
        pk,
        lambda plan: services.monitoring_start(user=request.user, plan=plan),
        lambda n: (
            _("Monitoring started: %(count)s data collection tasks were created.") % {"count": n}
        ),
    )


@login_required
@require_POST
def row_delete(request, pk):
    row = selectors.get_row_for_user(user=request.user, pk=pk)
    try:
        services.framework_row_delete(user=request.user, row=row)
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(request, _("The row was removed from the framework."))
    return redirect("monitoring-framework-detail", row.plan_id)


@login_required
def framework_export(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    response = HttpResponse(
        export_framework(plan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"khung-tddg-{plan.pk}-{plan.plan_year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def assessment_fill_view(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    try:
        count = assessment_fill(user=request.user, plan=plan)
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        if count:
            messages.success(
                request,
                _("The monitoring results were written into %(count)s sections.")
                % {"count": count},
            )
        else:
            messages.info(request, _("Last year's plan has no monitoring results to write."))
    return redirect("plans-plan-detail", plan.pk)


# ---- dashboard ----------------------------------------------------------------------


def _for_display(request, context) -> dict:
    """What each listed row shows, computed once here rather than by filters per cell (a
    province lists a few hundred rows)."""
    labels = {status: str(label) for status, label in rules.TargetStatus.choices}
    for row in context["targets"]:
        row["css"], row["label"] = STATUS_CSS[row["status"]], labels[row["status"]]
        row["target_text"] = format_number(row["target"])
        row["latest_text"] = format_number(row["latest_value"])
    prefix, suffix = reverse("monitoring-explanation-create", args=[0]).split("/0/")
    explain_prefix = reverse("monitoring-explanation-detail", args=[0]).removesuffix("0/")
    context.update(
        ask_prefix=f"{prefix}/",
        ask_suffix=f"/{suffix}",
        explain_prefix=explain_prefix,
        here=request.get_full_path(),
    )
    return context


@login_required
def dashboard_plan(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    context = dashboard.build(user=request.user, plan=plan)
    context["can_ask"] = rules.can_supervise(scope_for(request.user), plan)
    return render(request, "monitoring/dashboard.html", _for_display(request, context))


@login_required
def dashboard_unit(request, pk):
    unit = get_unit_for_user(user=request.user, pk=pk)
    year = report_year_from(request)
    context = dashboard.build(user=request.user, unit=unit, report_year=year)
    context["can_ask"] = rules.can_supervise_unit(scope_for(request.user), unit)
    context["years"] = [year - 1, year, year + 1]
    return render(request, "monitoring/dashboard.html", _for_display(request, context))


@login_required
@require_POST
def explanation_create(request, pk):
    row = selectors.get_row_for_user(user=request.user, pk=pk)
    form = QuestionForm(request.POST)
    form.is_valid()
    try:
        services.explanation_request(
            user=request.user, row=row, question=form.cleaned_data.get("question", "")
        )
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(
            request,
            _("The explanation request was sent to %(agency)s.")
            % {"agency": services.responsible_agency(row).name},
        )
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("monitoring-dashboard-plan", row.plan_id)


@login_required
def explanation_detail(request, pk):
    explanation = selectors.get_explanation_for_user(user=request.user, pk=pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.explanation_answer(
                user=request.user, request=explanation, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your explanation was recorded."))
            return redirect("monitoring-work-mine")
    scope = scope_for(request.user)
    return render(
        request,
        "monitoring/explanation_detail.html",
        {
            "explanation": explanation,
            "form": form,
            "can_answer": explanation.status == ExplanationStatus.OPEN
            and rules.can_report(scope, explanation.agency),
            # The agency asked may not see the plan (a school in the commune): no dead link.
            "can_see_dashboard": plans_visible_to(user=request.user)
            .filter(pk=explanation.plan_id)
            .exists(),
            "history": history_of(explanation)[:10],
        },
        status=400 if request.method == "POST" else 200,
    )


# ---- the collecting agency's work -------------------------------------------------------


@login_required
def work_mine(request):
    tasks = list(selectors.my_tasks(user=request.user)[:500])
    explanations = list(selectors.my_explanations(user=request.user)[:200])
    notices = list(selectors.my_notices(user=request.user)[:50])
    return render(
        request,
        "monitoring/work_mine.html",
        {
            "open_tasks": [t for t in tasks if t.status == TaskStatus.OPEN],
            "reported": [t for t in tasks if t.status == TaskStatus.REPORTED][:50],
            "explanations": explanations,
            "notices": notices,
            "today": dashboard.timezone.localdate(),
        },
    )


@login_required
def task_detail(request, pk):
    task = selectors.get_task_for_user(user=request.user, pk=pk)
    is_value = task.row.indicator_id is not None
    initial = (
        {"value": task.value, "note": task.note}
        if is_value
        else {
            "progress_status": task.progress_status,
            "percent_done": task.percent_done,
            "spent": task.spent,
            "note": task.note,
        }
    )
    form_class = ValueReportForm if is_value else ProgressReportForm
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if is_value:
                    services.report_value(
                        user=request.user, task=task, value=data["value"], note=data["note"]
                    )
                else:
                    services.report_progress(
                        user=request.user,
                        task=task,
                        status=data["progress_status"],
                        percent_done=data["percent_done"],
                        spent=data["spent"],
                        note=data["note"],
                        files=data["files"],
                    )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Your report was recorded."))
                return redirect("monitoring-work-mine")
    else:
        form = form_class(initial=initial)
    return render(
        request,
        "monitoring/task_detail.html",
        {
            "task": task,
            "form": form,
            "is_value": is_value,
            "can_report": rules.can_report(scope_for(request.user), task.agency),
            "evidence": list(task.evidence.all()),
            "history": history_of(task)[:10],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def evidence_download(request, pk, evidence_pk):
    task = selectors.get_task_for_user(user=request.user, pk=pk)
    evidence = task.evidence.filter(pk=evidence_pk).first()
    if evidence is None:
        raise Http404
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)
