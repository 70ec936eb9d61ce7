from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sedp.core.events import history_of
from sedp.core.forms import apply_service_errors, report_form_errors
from sedp.cycles import selectors, services
from sedp.cycles.forms import CycleOpenForm, RescheduleForm, TaskCompleteForm, TemplateCopyForm
from sedp.cycles.models import Activity, ActivityIO, Step
from sedp.cycles.outputs import work_url
from sedp.cycles.validation import validate_template


def _steps_by_level(template):
    """The template's steps, grouped by level in the template's level order, with activities."""
    activities = Activity.objects.prefetch_related(
        "responsibilities", "waits_for", Prefetch("ios", queryset=ActivityIO.objects.order_by("id"))
    ).order_by("order")
    steps = Step.objects.filter(template=template).prefetch_related(
        Prefetch("activities", queryset=activities)
    )
    by_level = {level: [] for level in template.levels}
    for step in steps.order_by("number"):
        by_level.setdefault(step.level_code, []).append(step)
    return [(level, rows) for level, rows in by_level.items() if rows]


@login_required
def template_list(request):
    templates = selectors.templates_visible_to(user=request.user).annotate(
        activity_total=Count("activities", distinct=True)
    )
    return render(request, "cycles/template_list.html", {"templates": templates})


@login_required
def template_detail(request, pk):
    template = selectors.get_template_for_user(user=request.user, pk=pk)
    return render(
        request,
        "cycles/template_detail.html",
        {
            "template": template,
            "levels": _steps_by_level(template),
            "copy_form": TemplateCopyForm(
                initial={"code": f"{template.code}-ban-sao", "name": template.name}
            ),
            "can_edit": template.is_editable
            and template.province is not None
            and services.can_lead_planning(request.user, template.province),
            "reschedule_form": RescheduleForm(),
            "history": history_of(template)[:20],
        },
    )


@login_required
def template_validate(request, pk):
    template = selectors.get_template_for_user(user=request.user, pk=pk)
    return render(
        request,
        "cycles/template_validate.html",
        {"template": template, "findings": validate_template(template)},
    )


@login_required
@require_POST
def template_copy(request, pk):
    template = selectors.get_template_for_user(user=request.user, pk=pk)
    form = TemplateCopyForm(request.POST)
    if form.is_valid():
        try:
            copy = services.template_copy(user=request.user, template=template, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The template was copied; you can now adjust its dates."))
            return redirect("cycles-template-detail", copy.pk)
    return render(
        request,
        "cycles/template_detail.html",
        {"template": template, "levels": _steps_by_level(template), "copy_form": form},
        status=400,
    )


@login_required
@require_POST
def activity_reschedule(request, pk, activity_pk):
    template = selectors.get_template_for_user(user=request.user, pk=pk)
    activity = Activity.objects.filter(template=template, pk=activity_pk).first()
    if activity is None:
        raise Http404
    form = RescheduleForm(request.POST)
    if form.is_valid():
        day, month = form.day_month()
        try:
            activity = services.activity_reschedule(
                user=request.user,
                activity=activity,
                day=day,
                month=month,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(code)s is now due on %(date)s; %(count)d open task moved with it.",
                    "%(code)s is now due on %(date)s; %(count)d open tasks moved with it.",
                    activity.tasks_moved,
                )
                % {
                    "code": activity.code,
                    "date": form.cleaned_data["deadline"],
                    "count": activity.tasks_moved,
                },
            )
    else:
        report_form_errors(request, form)
    return redirect("cycles-template-detail", template.pk)


@login_required
def cycle_list(request):
    cycles = selectors.cycles_visible_to(user=request.user).annotate(task_total=Count("tasks"))
    return render(request, "cycles/cycle_list.html", {"cycles": cycles})


@login_required
def cycle_open(request):
    form = CycleOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle, new = services.cycle_open(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The cycle is open: %(count)s new tasks were created.") % {"count": new},
            )
            return redirect("cycles-cycle-list")
    return render(request, "cycles/cycle_open.html", {"form": form})


@login_required
def task_mine(request):
    tasks = list(
        selectors.my_tasks(user=request.user).prefetch_related(
            Prefetch("activity__ios", queryset=ActivityIO.objects.filter(is_output=True))
        )
    )
    for task in tasks:
        task.outputs = list(task.activity.ios.all())
        task.work_url = work_url(task, [io.code for io in task.outputs])
    groups = selectors.group_my_tasks(tasks)
    return render(request, "cycles/task_mine.html", {"groups": groups, "total": len(tasks)})


@login_required
def task_detail(request, pk):
    task = selectors.get_task_for_user(user=request.user, pk=pk)
    form = TaskCompleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_complete(
                user=request.user, task=task, evidence=form.cleaned_data["evidence"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The task is marked done."))
            return redirect("cycles-task-mine")
    activity = task.activity
    return render(
        request,
        "cycles/task_detail.html",
        {
            "task": task,
            "activity": activity,
            "ios": list(activity.ios.order_by("id")),
            "waits_for": list(activity.waits_for.select_related("step")),
            "feeds": list(activity.feeds.select_related("step")),
            "form": form,
            "can_complete": services.can_complete(request.user, task),
            "days_left": (task.due_date - selectors.today()).days,
            "history": history_of(task)[:20],
        },
        status=400 if request.method == "POST" else 200,
    )
