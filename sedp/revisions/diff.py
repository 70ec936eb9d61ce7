"""Compare two versions of a plan and say, for each change, who made it and why.

The "what" comes from the two snapshots (sedp.revisions.snapshot): indicator values,
activities (added, removed, each changed field including every funding source and the
status) and section texts (a line-by-line diff). The "who and why" comes from the event log
between the two versions: the events on the changed activity, indicator value or section
(with their reason: a return comment, a meeting decision, an assigned target, a guidance
note), else the reason written when the newer version was recorded.

Built for size: a provincial plan with thousands of activities and thousands of indicator
values is compared with dictionaries keyed by id, and the events are read in one query.
"""

import difflib
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from sedp.activities.models import FUNDING_FIELDS, Activity, ActivityStatus
from sedp.core.models import Event
from sedp.core.text import format_vnd
from sedp.indicators.models import Indicator, IndicatorValue, Kind
from sedp.plans.outlines import outline_for
from sedp.revisions.models import stage_label
from sedp.revisions.snapshot import ACTIVITY_FIELDS, indicator_filter
from sedp.territory.models import AdminUnit, Agency, Sector

ADDED, REMOVED, CHANGED = "added", "removed", "changed"

# Events that explain a change even though their target is the plan, not the changed line.
PLAN_CAUSE_VERBS = {"plan.returned", "revision.update_requested", "revision.reopened"}
# Events on the plan that name the sections they wrote (payload "sections").
SECTION_VERBS = {"plan.sections_updated", "plan.prefilled"}
# The verbs the targets app writes on each value it assigns or withdraws.
ASSIGNED_VERBS = {"targets.assigned", "targets.withdrawn"}


@dataclass
class Cause:
    who: str
    what: str
    reason: str
    when: object
    event_id: int


@dataclass
class Change:
    area: str  # "indicator", "activity", "section"
    subject: str
    change: str  # ADDED, REMOVED, CHANGED
    aspect: str = ""  # the indicator kind or the activity field that changed
    before: str = ""
    after: str = ""
    lines: list = field(default_factory=list)  # section text diff: (tag, text)
    causes: list = field(default_factory=list)

    @property
    def change_label(self) -> str:
        return {ADDED: _("added"), REMOVED: _("removed"), CHANGED: _("changed")}[self.change]


@dataclass
class Comparison:
    old: object
    new: object
    indicators: list
    activities: list
    sections: list
    plan_causes: list

    @property
    def changes(self) -> list:
        return self.indicators + self.activities + self.sections

    @property
    def count(self) -> int:
        return len(self.changes)


def _labels():
    labels = {
        "title": _("title"),
        "sector_id": _("sector"),
        "place_id": _("place"),
        "timing": _("timing"),
        "responsible_id": _("responsible agency"),
        "cost_estimate": _("cost estimate (VND)"),
        "priority": _("priority"),
        "status": _("status"),
        "status_reason": _("reason"),
    }
    for name, label in FUNDING_FIELDS:
        labels[name] = str(label)
    return labels


AMOUNT_FIELDS = {"cost_estimate", *[name for name, _label in FUNDING_FIELDS]}


class _Names:
    """Readable names for the ids in snapshots, loaded once per comparison (4 queries)."""

    def __init__(self, activities):
        def ids(name):
            return {a[name] for a in activities if a.get(name)}

        self.sectors = dict(
            Sector.objects.filter(pk__in=ids("sector_id")).values_list("pk", "name")
        )
        self.places = dict(
            AdminUnit.objects.filter(pk__in=ids("place_id")).values_list("pk", "name")
        )
        self.agencies = dict(
            Agency.objects.filter(pk__in=ids("responsible_id")).values_list("pk", "name")
        )

    def show(self, name, value) -> str:
        if value is None or value == "":
            return "—"
        if name == "sector_id":
            return self.sectors.get(value, str(value))
        if name == "place_id":
            return self.places.get(value, str(value))
        if name == "responsible_id":
            return self.agencies.get(value, str(value))
        if name == "status":
            return str(ActivityStatus(value).label) if value in ActivityStatus.values else value
        if name in AMOUNT_FIELDS:
            return format_vnd(value)
        return str(value)


def _show_number(text) -> str:
    if text is None:
        return "—"
    return text.replace(".", ",")


class _Causes:
    """The events between the two versions, indexed by what they changed (one query)."""

    def __init__(self, plan, old, new):
        self.by_activity, self.by_value, self.by_section, self.assigned = {}, {}, {}, {}
        self.plan_level = []
        types = ContentType.objects.get_for_models(Activity, IndicatorValue, type(plan))
        activity_type, value_type, plan_type = (
            types[Activity].pk,
            types[IndicatorValue].pk,
            types[type(plan)].pk,
        )
        events = (
            Event.objects.filter(
                unit_id=plan.unit_id,
                created_at__gt=old.created_at,
                created_at__lte=new.created_at,
            )
            .select_related("actor")
            .order_by("created_at", "pk")
        )
        # Values at the same unit that are not the plan's (a sector agency's, or the unit's
        # own for a sector plan): their events explain nothing here.
        mine = indicator_filter(plan)
        others = {
            str(pk)
            for pk in IndicatorValue.objects.filter(
                unit_id=plan.unit_id, report_year=plan.report_year
            )
            .exclude(agency_id=mine["agency_id"])
            .values_list("pk", flat=True)
        }
        for event in events:
            if event.target_type_id == value_type and event.target_id in others:
                continue
            cause = Cause(
                who=event.actor_name,
                what=str(event.verb_label),
                reason=event.reason,
                when=event.created_at,
                event_id=event.pk,
            )
            if event.target_type_id == activity_type:
                self.by_activity.setdefault(event.target_id, []).append(cause)
            elif event.target_type_id == value_type:
                key = (event.payload.get("indicator"), event.payload.get("kind"))
                self.by_value.setdefault(key, []).append(cause)
                if event.verb in ASSIGNED_VERBS:
                    self.assigned.setdefault(key[0], []).append(cause)
            elif event.target_type_id == plan_type and event.target_id == str(plan.pk):
                if event.verb in SECTION_VERBS:
                    for code in event.payload.get("sections", []):
                        self.by_section.setdefault(code, []).append(cause)
                elif event.verb in PLAN_CAUSE_VERBS:
                    self.plan_level.append(cause)
        if new.note:
            self.plan_level.append(
                Cause(
                    who=new.created_by.get_full_name() or new.created_by.username
                    if new.created_by
                    else _("System"),
                    what=_("recorded version %(label)s") % {"label": stage_label(new.label)},
                    reason=new.note,
                    when=new.created_at,
                    event_id=0,
                )
            )


def compare(plan, old, new) -> Comparison:
    """The changes from version `old` to version `new` of `plan`, each with its causes."""
    if old.created_at > new.created_at:
        old, new = new, old
    a, b = old.snapshot, new.snapshot
    causes = _Causes(plan, old, new)
    return Comparison(
        old=old,
        new=new,
        indicators=_indicator_changes(_indicator_values(a), _indicator_values(b), causes),
        activities=_activity_changes(a.get("activities", []), b.get("activities", []), causes),
        sections=_section_changes(plan, a.get("sections", {}), b.get("sections", {}), causes),
        plan_causes=causes.plan_level,
    )


def _indicator_values(snapshot: dict) -> dict:
    """The snapshot's indicator values keyed "indicator_id:kind".

    Plans freeze their unit's values in that shape; the district directional plan freezes its
    proposed indicators as a list of lines by code (estimate of X, proposal for X+1, basis)."""
    values = snapshot.get("indicators", {})
    if isinstance(values, dict):
        return values
    ids = dict(
        Indicator.objects.filter(code__in=[row["code"] for row in values]).values_list("code", "pk")
    )
    keyed = {}
    for row in values:
        for name, kind in (("estimate", Kind.ESTIMATE), ("proposed", Kind.PROPOSED)):
            if row.get(name) is not None and row["code"] in ids:
                keyed[f"{ids[row['code']]}:{kind}"] = row[name]
    return keyed


def _indicator_changes(a: dict, b: dict, causes) -> list:
    keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    if not keys:
        return []
    ids = {int(k.split(":")[0]) for k in keys}
    indicators = {
        i.pk: i for i in Indicator.objects.filter(pk__in=ids).only("pk", "code", "name", "order")
    }
    kinds = dict(Kind.choices)
    changes = []
    for key in keys:
        indicator_id, kind = key.split(":")
        indicator = indicators.get(int(indicator_id))
        if indicator is None:
            continue
        before, after = a.get(key), b.get(key)
        found = list(causes.by_value.get((indicator.code, kind), []))
        if kind != Kind.ASSIGNED:
            # A proposal revised after the level above assigned its target: that caused it.
            found += [c for c in causes.assigned.get(indicator.code, []) if c not in found]
        changes.append(
            Change(
                area="indicator",
                subject=f"{indicator.name} — {kinds.get(kind, kind)}",
                change=ADDED if before is None else REMOVED if after is None else CHANGED,
                aspect=str(kinds.get(kind, kind)),
                before=_show_number(before),
                after=_show_number(after),
                causes=found,
            )
        )
    changes.sort(key=lambda c: c.subject)
    return changes


def _activity_changes(a: list, b: list, causes) -> list:
    before = {row["pk"]: row for row in a}
    after = {row["pk"]: row for row in b}
    names = _Names(a + b)
    labels = _labels()
    changes = []
    for pk, row in after.items():
        old = before.get(pk)
        found = causes.by_activity.get(str(pk), [])
        if old is None:
            changes.append(
                Change(
                    area="activity",
                    subject=row["title"],
                    change=ADDED,
                    after=names.show("cost_estimate", row.get("cost_estimate")),
                    aspect=labels["cost_estimate"],
                    causes=found,
                )
            )
            continue
        for name in ACTIVITY_FIELDS:
            if name in old and old.get(name) != row.get(name):
                changes.append(
                    Change(
                        area="activity",
                        subject=row["title"],
                        change=CHANGED,
                        aspect=labels[name],
                        before=names.show(name, old.get(name)),
                        after=names.show(name, row.get(name)),
                        causes=found,
                    )
                )
    for pk, row in before.items():
        if pk not in after:
            changes.append(
                Change(
                    area="activity",
                    subject=row["title"],
                    change=REMOVED,
                    aspect=labels["cost_estimate"],
                    before=names.show("cost_estimate", row.get("cost_estimate")),
                    causes=causes.by_activity.get(str(pk), []),
                )
            )
    return changes


def _section_changes(plan, a: dict, b: dict, causes) -> list:
    titles = {code: str(title) for code, title in outline_for(plan.kind)}
    changes = []
    for code in [c for c, _t in outline_for(plan.kind)] + sorted((set(a) | set(b)) - set(titles)):
        old, new = a.get(code, ""), b.get(code, "")
        if old == new:
            continue
        lines = [
            (line[0], line[2:])
            for line in difflib.ndiff(old.splitlines(), new.splitlines())
            if line[0] in "+- "
        ]
        changes.append(
            Change(
                area="section",
                subject=titles.get(code, code),
                change=ADDED if not old else REMOVED if not new else CHANGED,
                lines=lines,
                causes=causes.by_section.get(code, []),
            )
        )
    return changes
