"""Consistency checks of a process template. The seed itself fails some; see
docs/process-templates.md for what they find there."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sedp.cycles.models import Activity, ActivityIO, Step
from sedp.territory.models import AgencyKind

# Inputs with these prefixes come from outside the process (ministries, M&E systems).
EXTERNAL_PREFIX = "ext."


@dataclass
class Finding:
    severity: str  # "error" | "warning" | "info"
    check: str
    message: str
    activities: list = field(default_factory=list)


def _doy(month, day) -> int:
    # Day of a fixed leap year, so that comparisons never depend on the cycle's year.
    return [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335][month - 1] + day


def validate_template(template) -> list[Finding]:
    findings: list[Finding] = []
    steps = list(Step.objects.filter(template=template).order_by("level_code", "number"))
    activities = list(
        Activity.objects.filter(template=template)
        .select_related("step")
        .prefetch_related("responsibilities", "waits_for")
    )
    ios = list(ActivityIO.objects.filter(activity__template=template))
    levels = set(template.levels)

    for activity in activities:
        step = activity.step
        due = _doy(activity.deadline_month, activity.deadline_day)
        start, end = _doy(step.start_month, step.start_day), _doy(step.end_month, step.end_day)
        if not start <= due <= end:
            findings.append(
                Finding(
                    "warning",
                    "deadline_outside_window",
                    _(
                        "%(code)s is due on %(due)s, outside its step %(level)s/%(step)s "
                        "(%(window)s: “%(text)s”)."
                    )
                    % {
                        "code": activity.code,
                        "due": activity.deadline_label,
                        "level": step.level_code,
                        "step": step.number,
                        "window": step.window_label,
                        "text": step.window_text,
                    },
                    [activity.code],
                )
            )
        responsibilities = list(activity.responsibilities.all())
        if not responsibilities:
            findings.append(
                Finding(
                    "error",
                    "no_responsible",
                    _("%(code)s has no responsible agency.") % {"code": activity.code},
                    [activity.code],
                )
            )
        for item in responsibilities:
            if item.level_code not in levels or item.kind not in AgencyKind.values:
                findings.append(
                    Finding(
                        "error",
                        "unknown_responsible",
                        _("%(code)s names an unknown level or agency kind “%(item)s”.")
                        % {"code": activity.code, "item": f"{item.level_code}:{item.kind}"},
                        [activity.code],
                    )
                )
        for before in activity.waits_for.all():
            before_due = _doy(before.deadline_month, before.deadline_day)
            if before_due > due:
                findings.append(
                    Finding(
                        "error",
                        "dependency_after_dependent",
                        _(
                            "%(code)s (due %(due)s) waits for %(before)s, which is only due on "
                            "%(before_due)s."
                        )
                        % {
                            "code": activity.code,
                            "due": activity.deadline_label,
                            "before": before.code,
                            "before_due": before.deadline_label,
                        },
                        [activity.code, before.code],
                    )
                )
            elif before_due == due:
                findings.append(
                    Finding(
                        "info",
                        "dependency_same_day",
                        _(
                            "%(code)s waits for %(before)s and both are due on %(due)s: "
                            "no time is left to pass the result on."
                        )
                        % {
                            "code": activity.code,
                            "before": before.code,
                            "due": activity.deadline_label,
                        },
                        [activity.code, before.code],
                    )
                )

    by_level = defaultdict(list)
    for step in steps:
        by_level[step.level_code].append(step)
    for level, level_steps in by_level.items():
        for earlier, later in zip(level_steps, level_steps[1:], strict=False):
            if _doy(later.start_month, later.start_day) < _doy(earlier.end_month, earlier.end_day):
                findings.append(
                    Finding(
                        "info",
                        "steps_overlap",
                        _(
                            "At level %(level)s, step %(later)s (%(later_window)s) starts before "
                            "step %(earlier)s (%(earlier_window)s) ends."
                        )
                        % {
                            "level": level,
                            "later": later.number,
                            "later_window": later.window_label,
                            "earlier": earlier.number,
                            "earlier_window": earlier.window_label,
                        },
                    )
                )

    produced = {io.code for io in ios if io.is_output}
    code_of = {a.pk: a.code for a in activities}
    for io in ios:
        if io.is_output or io.code.startswith(EXTERNAL_PREFIX) or io.code in produced:
            continue
        findings.append(
            Finding(
                "warning",
                "input_not_produced",
                _("%(code)s needs “%(name)s” (%(io)s), which no activity produces.")
                % {"code": code_of[io.activity_id], "name": io.name, "io": io.code},
                [code_of[io.activity_id]],
            )
        )
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (order[f.severity], f.check, f.activities))
    return findings
