"""Which state of an object a generated file stands for.

A plan that is no longer editable (submitted, accepted, approved) is frozen at its latest
PlanVersion: its documents are keyed by that version, so the same version gives the same file.
A draft changes without new versions (and a plan may have none), so its documents are keyed by
a fingerprint of what they print: the plan's fields, sections, activities, results, meetings,
its children's proposals and the indicator values of its unit's subtree for the year.
"""

import hashlib

from django.db.models import Count, Max

from sedp.activities.models import COPIED_FIELDS, Activity
from sedp.indicators.models import IndicatorValue


class _Digest:
    def __init__(self):
        self.hash = hashlib.sha256()

    def add(self, rows):
        for row in rows:
            self.hash.update(repr(row).encode())
            self.hash.update(b"\n")
        self.hash.update(b"|")

    def hexdigest(self):
        return self.hash.hexdigest()


ACTIVITY_STATE = ["pk", *COPIED_FIELDS, "status", "status_reason", "priority", "order"]


def plan_fingerprint(plan) -> str:
    from sedp.plans.consolidation import children_of

    digest = _Digest()
    digest.add(
        [
            (
                plan.pk,
                plan.kind,
                plan.status,
                plan.reviewed_at,
                plan.submitted_at,
                plan.last_year_allocation,
                plan.expected_envelope,
                plan.unit.name,
                plan.agency.name,
            )
        ]
    )
    digest.add(plan.sections.order_by("code").values_list("code", "body"))
    digest.add(plan.results.order_by("pk").values_list("pk", "parent_id", "title", "order"))
    digest.add(
        Activity.objects.filter(plan=plan)
        .order_by("pk")
        .values_list(*ACTIVITY_STATE)
        .iterator(chunk_size=2000)
    )
    digest.add(
        Activity.origins.through.objects.filter(from_activity__plan=plan)
        .order_by("pk")
        .values_list("from_activity_id", "to_activity_id")
    )
    digest.add(
        plan.meetings.order_by("pk").values_list(
            "pk", "date", "place", "men", "women", "ethnic_minority", "decisions_text"
        )
    )
    children = children_of(plan) if plan.consolidates else plan.__class__.objects.none()
    digest.add(
        Activity.objects.filter(plan__in=children)
        .order_by("pk")
        .values_list("pk", "plan_id", "title", "cost_estimate")
        .iterator(chunk_size=2000)
    )
    digest.add(
        [
            IndicatorValue.objects.filter(
                unit__path__startswith=plan.unit.path, report_year=plan.report_year
            ).aggregate(n=Count("pk"), last=Max("entered_at"))
        ]
    )
    return digest.hexdigest()


def plan_state(plan):
    """(version, key): the latest version of a frozen plan, else a content fingerprint."""
    if not plan.is_editable:
        version = plan.versions.order_by("-number").first()
        if version is not None:
            return version, f"v{version.pk}"
    return None, plan_fingerprint(plan)[:40]


def meeting_state(meeting):
    digest = _Digest()
    digest.add(
        [
            (
                meeting.pk,
                meeting.kind,
                meeting.date,
                meeting.place,
                meeting.agenda,
                meeting.minutes,
                meeting.decisions_text,
                meeting.men,
                meeting.women,
                meeting.ethnic_minority,
                meeting.poor_households,
                meeting.unit.name,
            )
        ]
    )
    digest.add(meeting.attendance.order_by("pk").values_list("agency__name", "people"))
    digest.add(meeting.decisions.order_by("pk").values_list("pk", "text", "payload"))
    digest.add(
        meeting.disagreements.order_by("pk").values_list(
            "pk", "subject", "positions", "settled", "settled_where"
        )
    )
    return None, digest.hexdigest()[:40]


def parent_plan_fingerprint(plan) -> str:
    """Feedback to a village prints what became of its proposals in the commune's plan."""
    from sedp.plans.services import parent_plan_of

    parent = parent_plan_of(plan)
    return plan_fingerprint(parent)[:16] if parent else "none"


def framework_fingerprint(plan) -> str:
    """The M&E framework a plan document prints as its annex: it is often completed after the
    plan is frozen at a version, so it is part of the key of the plan's documents."""
    digest = _Digest()
    digest.add(
        plan.me_rows.order_by("order", "pk").values_list(
            "pk",
            "indicator__name",
            "indicator__unit_of_measure",
            "activity__title",
            "data_source",
            "collector__name",
            "frequency",
            "report_form",
            "report_to__name",
            "deadline_days",
        )
    )
    return digest.hexdigest()[:16]
