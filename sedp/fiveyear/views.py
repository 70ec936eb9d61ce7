from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sedp.accounts.models import EDITING_ROLES
from sedp.accounts.scoping import scope_for
from sedp.core.forms import apply_service_errors, report_service_errors, run_action, submit_form
from sedp.fiveyear import orientation, selectors, services
from sedp.fiveyear.forms import (
    Conference1Form,
    DialogueForm,
    FormGuidanceForm,
    IndicatorLineForm,
    ObjectiveForm,
    PlanForm,
    PlanTitleForm,
    ProgrammeForm,
    ProgressForm,
    TargetForm,
    TaskForm,
)
from sedp.fiveyear.models import (
    AnnualLink,
    Objective,
    OrientationIndicator,
    Programme,
    ProgrammeTask,
    Target,
)
from sedp.indicators.selectors import catalogue, report_year_from
from sedp.meetings.models import MeetingKind
from sedp.plans.rules import can_edit
from sedp.plans.selectors import get_plan_for_user
from sedp.territory.models import Agency, AgencyKind, Sector


def _editable_agencies(user):
    scope = scope_for(user)
    if scope.is_admin:
        return Agency.objects.filter(kind__in=services.AUTHOR_KINDS, is_active=True)
    return Agency.objects.filter(
        pk__in=[m.agency_id for m in scope.memberships if m.role in EDITING_ROLES],
        kind__in=services.AUTHOR_KINDS,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_list(request):
    """The five-year plans the user can see, and a form to record one of their agency's."""
    plans = selectors.five_year_plans_visible_to(user=request.user).order_by(
        "-start_year", "unit__path", "agency__name"
    )
    agencies = _editable_agencies(request.user)
    form = PlanForm(request.POST or None, agencies=agencies) if agencies.exists() else None
    if form is not None:
        created = submit_form(
            request,
            form,
            lambda data: services.five_year_plan_create(user=request.user, **data),
            _("The five-year plan was recorded. Add its objectives, targets and programmes."),
        )
        if created:
            return redirect("fiveyear-plan-detail", pk=created.pk)
    return render(request, "fiveyear/plan_list.html", {"plans": plans, "form": form})


def _detail_forms(plan, data=None, which=None):
    objectives = plan.objectives.all()
    return {
        "objective_form": ObjectiveForm(data if which == "objective" else None),
        "target_form": TargetForm(
            data if which == "target" else None,
            indicators=catalogue(active_only=True),
            objectives=objectives,
        ),
        "programme_form": ProgrammeForm(
            data if which == "programme" else None,
            agencies=Agency.objects.filter(
                unit__path__startswith=plan.unit.path,
                kind__in=[AgencyKind.SECTOR_DEPARTMENT, AgencyKind.DISTRICT_SECTOR_OFFICE],
                is_active=True,
            ).order_by("unit__depth", "name"),
            objectives=objectives,
        ),
        "task_form": TaskForm(data if which == "task" else None),
    }


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request, pk):
    """The five-year plan: objectives, targets, programmes and their tasks; its agency adds
    to it here (one POST per part, `part` says which)."""
    plan = selectors.get_five_year_plan_for_user(user=request.user, pk=pk)
    can_write = scope_for(request.user).can_change_agency(plan.agency)
    which = request.POST.get("part") if request.method == "POST" else None
    if which and not can_write:
        raise PermissionDenied
    forms = _detail_forms(plan, request.POST, which)
    if which in {"objective", "target", "programme", "task"}:
        form = forms[f"{which}_form"]
        if which == "task":
            programme = plan.programmes.filter(pk=request.POST.get("programme") or 0).first()
            if programme is None:
                raise Http404
            action = lambda data: services.task_add(user=request.user, programme=programme, **data)  # noqa: E731
        else:
            add = {
                "objective": services.objective_add,
                "target": services.target_add,
                "programme": services.programme_add,
            }[which]
            action = lambda data: add(user=request.user, plan=plan, **data)  # noqa: E731
        if submit_form(request, form, action, _("Saved.")):
            return redirect("fiveyear-plan-detail", pk=plan.pk)
    context = {"plan": plan, "can_write": can_write, **selectors.plan_with_parts(plan), **forms}
    return render(request, "fiveyear/plan_detail.html", context)


# The items of a five-year plan its agency may change or delete, by the URL's `part`:
# (how to find it in the plan, its form, the update and delete services).
ITEM_PARTS = {
    "objective": (lambda plan: Objective.objects.filter(plan=plan), "objective_form",
                  services.objective_update, services.objective_delete),
    "target": (lambda plan: Target.objects.filter(plan=plan), "target_form",
               services.target_update, services.target_delete),
    "programme": (lambda plan: Programme.objects.filter(plan=plan), "programme_form",
                  services.programme_update, services.programme_delete),
    "task": (lambda plan: ProgrammeTask.objects.filter(programme__plan=plan), "task_form",
             services.task_update, services.task_delete),
}  # fmt: skip
ITEM_FIELDS = {
    "objective": ["title"],
    "target": ["indicator", "measure", "baseline", "target_value", "objective"],
    "programme": ["kind", "code", "title", "lead_agency", "objective", "budget"],
    "task": ["title", "due_year"],
}


def _label(part, item) -> str:
    """How an item is named on its page and in messages (a target by its indicator)."""
    return item.indicator.name if part == "target" else str(item)


def _plan_item(request, pk, part, item_pk):
    """The five-year plan and one of its items, for its own agency only."""
    if part not in ITEM_PARTS:
        raise Http404
    plan = selectors.get_five_year_plan_for_user(user=request.user, pk=pk)
    if not scope_for(request.user).can_change_agency(plan.agency):
        raise PermissionDenied
    item = ITEM_PARTS[part][0](plan).filter(pk=item_pk).first()
    if item is None:
        raise Http404
    return plan, item


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk, part, item_pk):
    """Change an objective, target, programme or programme task of the five-year plan."""
    plan, item = _plan_item(request, pk, part, item_pk)
    _finder, form_name, update, _delete = ITEM_PARTS[part]
    initial = {name: getattr(item, name) for name in ITEM_FIELDS[part]}
    form = _detail_forms(plan, request.POST if request.method == "POST" else None, part)[form_name]
    form.initial = initial
    if submit_form(
        request,
        form,
        lambda data: update(user=request.user, **{part: item}, **data),
        _("The change was saved."),
    ):
        return redirect("fiveyear-plan-detail", pk=plan.pk)
    context = {"plan": plan, "item": item, "label": _label(part, item), "form": form}
    return render(request, "fiveyear/item_edit.html", context)


def _consequences(part, item) -> list[str]:
    """What else a deletion does, said on its confirmation page (services.py: why)."""
    if part == "programme":
        tasks = item.tasks.count()
        if tasks:
            return [_("Its %(count)s tasks are deleted with it.") % {"count": tasks}]
    if part == "objective":
        filed = item.targets.count() + item.programmes.count()
        if filed:
            return [
                _(
                    "The %(count)s targets and programmes filed under it stay in the plan, "
                    "filed under no objective."
                )
                % {"count": filed}
            ]
    return []


def _linked_annual(part, item) -> int:
    if part in ("objective", "programme"):
        return item.annual_links.count()
    return 0


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request, pk, part, item_pk):
    """Asks first (a page, so it works without JavaScript); the POST deletes."""
    plan, item = _plan_item(request, pk, part, item_pk)
    label = _label(part, item)
    if request.method == "POST":
        delete = ITEM_PARTS[part][3]
        return run_action(
            request,
            lambda: delete(user=request.user, **{part: item}),
            _("“%(item)s” was deleted.") % {"item": label},
            reverse("fiveyear-plan-detail", args=[plan.pk]),
        )
    linked = _linked_annual(part, item)
    context = {
        "plan": plan,
        "label": label,
        "consequences": _consequences(part, item),
        "blocked": _(
            "%(count)s annual results or activities carry it out: remove those links in the "
            "annual plans first."
        )
        % {"count": linked}
        if linked
        else "",
    }
    return render(request, "fiveyear/confirm_delete.html", context)


def _own_plan(request, pk):
    plan = selectors.get_five_year_plan_for_user(user=request.user, pk=pk)
    if not scope_for(request.user).can_change_agency(plan.agency):
        raise PermissionDenied
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def plan_rename(request, pk):
    plan = _own_plan(request, pk)
    form = PlanTitleForm(request.POST or None, initial={"title": plan.title})
    if submit_form(
        request,
        form,
        lambda data: services.five_year_plan_rename(user=request.user, plan=plan, **data),
        _("The five-year plan was renamed."),
    ):
        return redirect("fiveyear-plan-detail", pk=plan.pk)
    return render(request, "fiveyear/plan_rename.html", {"plan": plan, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def plan_delete(request, pk):
    """Asks first, naming what goes with the plan and the annual plans that still use it."""
    plan = _own_plan(request, pk)
    if request.method == "POST":
        title = plan.title
        try:
            services.five_year_plan_delete(user=request.user, plan=plan)
        except ValidationError as exc:
            report_service_errors(request, exc)
            return redirect("fiveyear-plan-delete", pk=plan.pk)
        messages.success(request, _("The five-year plan “%(plan)s” was deleted.") % {"plan": title})
        return redirect("fiveyear-plan-list")
    annual = services.linked_annual_plans(plan)
    counts = [
        _("%(count)s objectives") % {"count": plan.objectives.count()},
        _("%(count)s targets") % {"count": plan.targets.count()},
        _("%(count)s programmes") % {"count": plan.programmes.count()},
    ]
    context = {
        "plan": plan,
        "label": str(plan),
        "consequences": [_("Its %(parts)s are deleted with it.") % {"parts": ", ".join(counts)}],
        "blocked": _("These annual plans carry it out: remove their links to it first.")
        if annual
        else "",
        "annual": annual,
    }
    return render(request, "fiveyear/confirm_delete.html", context)


@login_required
def plan_progress(request, pk):
    """Progress of each target and programme up to mid-year X (?year=X)."""
    plan = selectors.get_five_year_plan_for_user(user=request.user, pk=pk)
    year = report_year_from(request)
    parts = selectors.plan_with_parts(plan)
    targets = selectors.target_progress(plan, parts["targets"], year)
    programmes = selectors.programme_progress(plan, parts["programmes"], year)
    counts = {}
    for row in targets:
        counts[row.status] = counts.get(row.status, 0) + 1
    return render(
        request,
        "fiveyear/plan_progress.html",
        {
            "plan": plan,
            "year": year,
            "years": range(plan.start_year, plan.end_year + 1),
            "targets": targets,
            "programmes": programmes,
            "counts": [(selectors.STATUS_LABELS[k], k, v) for k, v in sorted(counts.items())],
            "progress_form": ProgressForm(),
            "can_report": {
                p.programme.pk
                for p in programmes
                if services.can_report_progress(request.user, p.programme)
            },
        },
    )


@login_required
@require_POST
def task_progress(request, pk):
    scope = scope_for(request.user)
    task = (
        ProgrammeTask.objects.filter(scope.agency_q(prefix="programme__plan__agency__"))
        .select_related("programme__plan__agency", "programme__plan__unit")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        task = (
            ProgrammeTask.objects.filter(scope.agency_q(prefix="programme__lead_agency__"))
            .select_related("programme__plan__agency", "programme__plan__unit")
            .filter(pk=pk)
            .first()
        )
    if task is None:
        raise Http404
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Progress is a percentage from 0 to 100."))
    else:
        try:
            services.task_report_progress(user=request.user, task=task, **form.cleaned_data)
        except ValidationError as error:
            report_service_errors(request, error)
        else:
            messages.success(request, _("The progress was recorded."))
    year = request.POST.get("year", "")
    url = f"{redirect('fiveyear-plan-progress', pk=task.programme.plan_id).url}"
    return redirect(f"{url}?year={year}" if year.isdigit() else url)


# ───────────────────────────── links from annual plans ─────────────────────────────


def _annual_link(annual, pk):
    """One of the annual plan's links (through its result or its activity), else 404."""
    link = (
        AnnualLink.objects.filter(pk=pk, result__plan=annual).first()
        or AnnualLink.objects.filter(pk=pk, activity__plan=annual).first()
    )
    if link is None:
        raise Http404
    return link


@login_required
@require_http_methods(["GET", "POST"])
def annual_links(request, plan_pk):
    """Link an annual plan's results and activities to the five-year plans that frame it."""
    annual = get_plan_for_user(user=request.user, pk=plan_pk)
    editable = can_edit(scope_for(request.user), annual)
    frames = list(selectors.plans_framing(annual))
    objectives = {o.pk: o for f in frames for o in f.objectives.all()}
    programmes = {p.pk: p for f in frames for p in f.programmes.all()}
    results = {r.pk: r for r in annual.results.all()}
    activities = {a.pk: a for a in annual.activities.only("pk", "title", "plan_id")}
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if request.POST.get("delete", "").isdigit():
            link = _annual_link(annual, int(request.POST["delete"]))
            services.link_delete(user=request.user, link=link)
            messages.success(request, _("The link was removed."))
            return redirect("fiveyear-link-list", plan_pk=annual.pk)
        frame_key = request.POST.get("frame", "")
        frame_side, _sep, frame_number = frame_key.partition(":")
        frame_pick = {"objective": objectives, "programme": programmes}.get(frame_side, {})
        frame = frame_pick.get(int(frame_number)) if frame_number.isdigit() else None
        if request.POST.get("change", "").isdigit():
            link = _annual_link(annual, int(request.POST["change"]))
            if frame is None:
                messages.error(request, _("Choose what the result or activity carries out."))
                return redirect("fiveyear-link-list", plan_pk=annual.pk)
            return run_action(
                request,
                lambda: services.link_update(user=request.user, link=link, **{frame_side: frame}),
                _("The link was changed."),
                reverse("fiveyear-link-list", args=[annual.pk]),
            )
        annual_key = request.POST.get("annual", "")
        side, _sep, number = annual_key.partition(":")
        pick = {"result": results, "activity": activities}.get(side, {})
        item = pick.get(int(number)) if number.isdigit() else None
        if item is None or frame is None:
            messages.error(request, _("Choose a result or activity and what it carries out."))
        else:
            try:
                services.link_create(
                    user=request.user, annual_plan=annual, **{side: item, frame_side: frame}
                )
            except ValidationError as error:
                report_service_errors(request, error)
            else:
                messages.success(request, _("The link was recorded."))
        return redirect("fiveyear-link-list", plan_pk=annual.pk)
    links = AnnualLink.objects.filter(result__plan=annual) | AnnualLink.objects.filter(
        activity__plan=annual
    )
    links = links.select_related("result", "activity", "objective__plan", "programme__plan")
    return render(
        request,
        "fiveyear/annual_links.html",
        {
            "annual": annual,
            "editable": editable,
            "frames": frames,
            "results": results.values(),
            "activities": activities.values(),
            "links": links,
        },
    )


# ───────────────────────────── district steps 1–3 ─────────────────────────────


@login_required
def orientation_start(request):
    """Where the orientation work is done: the directional plans and forms the user sees."""
    year = report_year_from(request)
    return render(
        request,
        "fiveyear/orientation_list.html",
        {
            "year": year,
            "plans": orientation.orientation_plans_visible(user=request.user, report_year=year),
        },
    )


def _directional(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    if plan.kind != orientation.DIRECTIONAL:
        raise Http404
    return plan


@login_required
def orientation_detail(request, pk):
    """Phòng TCKH's workspace: forms received, the summary by sector, the draft directional
    plan with its main indicators and the basis of each figure, and conference 1."""
    plan = _directional(request, pk)
    rows = orientation.summary_rows(plan)
    return render(
        request,
        "fiveyear/orientation_detail.html",
        {
            "plan": plan,
            "rows": rows,
            "accepted": [row for row in rows if row.accepted],
            "indicators": orientation.district_indicators(plan),
            "sections": plan.sections.all(),
            "versions": plan.versions.all(),
            "meetings": plan.meetings.filter(kind=MeetingKind.DISTRICT_CONFERENCE)
            .select_related("plan")
            .prefetch_related("attendance__agency"),
            "dialogues": plan.meetings.filter(kind=MeetingKind.CONSULTATION).prefetch_related(
                "attendance__agency", "dialogue_proposals__sector"
            ),
            "can_edit": orientation.can_edit_plan(request.user, plan),
            "summary_sections": orientation.SUMMARY_SECTIONS,
        },
    )


def _action(request, plan, action, success):
    return run_action(
        request, action, success, reverse("fiveyear-orientation-detail", args=[plan.pk])
    )


@login_required
@require_POST
def orientation_summary(request, pk):
    plan = _directional(request, pk)
    return _action(
        request,
        plan,
        lambda: orientation.summary_close(user=request.user, plan=plan),
        _("The orientation summary was consolidated from the accepted forms."),
    )


@login_required
@require_POST
def orientation_issue(request, pk):
    plan = _directional(request, pk)
    return _action(
        request,
        plan,
        lambda: orientation.draft_issue(user=request.user, plan=plan),
        _("The draft directional plan was issued to the conference 1 delegates."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def conference1_create(request, pk):
    plan = _directional(request, pk)
    orientation.require_plan_edit(request.user, plan)
    form = Conference1Form(request.POST or None, agencies=orientation.conference1_agencies(plan))
    if submit_form(
        request,
        form,
        lambda data: orientation.conference1_record(user=request.user, plan=plan, **data),
        _("Conference 1 was recorded."),
    ):
        return redirect("fiveyear-orientation-detail", pk=plan.pk)
    return render(request, "fiveyear/conference1_form.html", {"plan": plan, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_create(request, pk):
    plan = _directional(request, pk)
    orientation.require_plan_edit(request.user, plan)
    form = DialogueForm(
        request.POST or None,
        enterprises=orientation.dialogue_enterprises(plan),
        sectors=Sector.objects.order_by("path"),
    )
    if submit_form(
        request,
        form,
        lambda data: orientation.dialogue_record(user=request.user, plan=plan, **data),
        _("The dialogue and its proposals were recorded."),
    ):
        return redirect("fiveyear-orientation-detail", pk=plan.pk)
    return render(
        request, "fiveyear/conference1_form.html", {"plan": plan, "form": form, "dialogue": True}
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_guidance_edit(request, pk):
    """Phòng TCKH records how it guided the district bodies on filling in the form (H1.3)."""
    plan = _directional(request, pk)
    orientation.require_plan_edit(request.user, plan)
    current = getattr(plan, "form_guidance", None)
    initial = (
        {"method": current.method, "given_on": current.given_on, "text": current.text}
        if current
        else {}
    )
    form = FormGuidanceForm(request.POST or None, initial=initial)
    if submit_form(
        request,
        form,
        lambda data: orientation.form_guidance_record(user=request.user, plan=plan, **data),
        _("The guidance on the orientation form was recorded."),
    ):
        return redirect("fiveyear-orientation-detail", pk=plan.pk)
    return render(
        request,
        "fiveyear/form_guidance.html",
        {"plan": plan, "form": form, "recipients": orientation.form_guidance_recipients(plan)},
    )


def _form_plan(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    if plan.kind != orientation.FORM:
        raise Http404
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def form_indicators(request, pk):
    """The indicator lines of a sector orientation form, and its sub-sector units' forms."""
    plan = _form_plan(request, pk)
    editable = orientation.can_edit_plan(request.user, plan)
    indicators = catalogue(active_only=True)
    if plan.agency.sector_id:
        indicators = indicators.filter(sector__path__startswith=plan.agency.sector.path)
    form = IndicatorLineForm(request.POST or None, indicators=indicators)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if request.POST.get("delete", "").isdigit():
            line = OrientationIndicator.objects.filter(
                plan=plan, pk=int(request.POST["delete"])
            ).first()
            if line is None:
                raise Http404
            orientation.indicator_line_delete(user=request.user, line=line)
            return redirect("fiveyear-form-indicators", pk=plan.pk)
        if form.is_valid():
            try:
                orientation.indicator_line_set(user=request.user, plan=plan, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("The indicator line was saved."))
                return redirect("fiveyear-form-indicators", pk=plan.pk)
    return render(
        request,
        "fiveyear/form_indicators.html",
        {
            "plan": plan,
            "form": form,
            "editable": editable,
            "lines": plan.orientation_indicators.select_related("indicator"),
            "sub_forms": orientation.sub_forms_of(plan),
            "guidance": orientation.guidance_for_form(plan),
        },
    )


@login_required
@require_POST
def form_gather(request, pk):
    plan = _form_plan(request, pk)
    try:
        count = orientation.gather_sub_sectors(user=request.user, plan=plan)
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(
            request, _("%(count)s sub-sector forms were gathered into yours.") % {"count": count}
        )
    return redirect("fiveyear-form-indicators", pk=plan.pk)
