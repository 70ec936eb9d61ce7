"""Consolidation: one operation at every level.

A consolidating plan (commune, later district and province) pulls the activities of its
accepted children — the plans of CHILD_KINDS in its unit's subtree for the same report
year — into lines of its own, each linked to the activity it came from (`origins`).
Running it again only adds what is new (a plan accepted since), so the planners' edits,
merges and statuses on earlier lines are kept. A few queries
whatever the number of villages: the copy is one INSERT … SELECT, the links one more (the
same statement on PostgreSQL).
"""

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connection, transaction
from django.db.models import CharField, DateTimeField, F, IntegerField, Max, Value
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.activities.models import COPIED_FIELDS, Activity, ActivityStatus
from sedp.core.events import record_event
from sedp.plans import hooks
from sedp.plans.models import CHILD_KINDS, Plan, PlanStatus
from sedp.plans.services import _lock, require_edit, require_editable

ACCEPTED = [PlanStatus.ACCEPTED, PlanStatus.APPROVED]

# Plan kinds whose children or lines are found another way (district and province plans
# combine sector lines and territories): kind -> function(plan) returning a queryset.
# Filled by sedp.upper in its AppConfig.ready.
CHILD_FINDERS = {}
LINE_FINDERS = {}


def children_of(plan):
    """The plans a consolidating plan collects (any status), in its unit's subtree."""
    if plan.kind in CHILD_FINDERS:
        return CHILD_FINDERS[plan.kind](plan)
    return Plan.objects.filter(
        kind__in=CHILD_KINDS.get(plan.kind, []),
        report_year=plan.report_year,
        unit__path__startswith=plan.unit.path,
    ).exclude(pk=plan.pk)


def _insert_sql(model, columns, sql, params) -> int:
    """INSERT INTO model (columns) <sql>; returns the number of rows. Django has no
    INSERT … SELECT, and copying in SQL keeps a 1000-line commune far below 300 ms."""
    quote = connection.ops.quote_name
    target = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({target}) {sql}", params)
        return cursor.rowcount


# Lines come out grouped by sector group and sector, then by place, by the villages' priority.
SORT_KEYS = ["sector__group", "sector__path", "plan__unit__path", "priority", "order", "pk"]


def _sorted_select(candidates, constants):
    """The SELECT of the copy (from the ORM, so the same on SQLite and PostgreSQL): the
    source id, COPIED_FIELDS and the constants, in the order of SORT_KEYS.

    The inner query puts the keys first in each row and compares the text keys bytewise
    (COLLATE "C" on PostgreSQL, SQLite's default); the outer one drops them. Sorting a
    province's 45 000 wide rows with the keys at the end of each row under the database's
    locale took most of the statement on PostgreSQL: each comparison walked the row to
    find its keys. Raises EmptyResultSet when there is no candidate plan."""
    keys = {}
    for number, key in enumerate(SORT_KEYS):
        expression = F(key)
        if connection.vendor == "postgresql" and key.endswith(("group", "path")):
            expression = Collate(expression, "C")
        keys[f"k{number}"] = expression
    values = {f"v{n}": F(name) for n, name in enumerate(["pk", *COPIED_FIELDS])}
    values.update(constants)
    sql, params = (
        candidates.annotate(**keys, **values)
        .order_by(*keys)
        .values_list(*keys, *values)
        .query.sql_with_params()
    )
    quote = connection.ops.quote_name
    return f"SELECT {', '.join(quote(n) for n in values)} FROM ({sql}) sorted_rows", params


def _copy_and_link(plan, columns, candidates, constants) -> int:
    """Copy the candidate rows into the plan and link each copy to its source; returns how
    many lines were added.

    PostgreSQL does both in one statement (the links come from the INSERT's RETURNING), with
    the sort in memory: the default 4 MB work_mem spilled a province's sort to disk (SET
    LOCAL ends with the transaction). SQLite has no INSERT in a WITH clause: the links are a
    second INSERT … SELECT over the lines added after the last existing id (the plan is
    locked, nobody else adds to it)."""
    try:
        sql, params = _sorted_select(candidates, constants)
    except EmptyResultSet:  # no accepted child yet: Django will not write `IN ()`
        return 0
    through = Activity.origins.through
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        target = ", ".join(quote(c) for c in columns)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute(
                f"WITH copied AS (INSERT INTO {quote(Activity._meta.db_table)} ({target}) {sql} "
                f"RETURNING id, source_id) "
                f"INSERT INTO {quote(through._meta.db_table)} (from_activity_id, to_activity_id) "
                f"SELECT id, source_id FROM copied",
                params,
            )
            return cursor.rowcount
    last_pk = Activity.objects.aggregate(m=Max("pk"))["m"] or 0
    added = _insert_sql(Activity, columns, sql, params)
    links = Activity.objects.filter(plan=plan, pk__gt=last_pk).order_by()
    _insert_sql(
        through,
        ["from_activity_id", "to_activity_id"],
        *links.values_list("pk", "source_id").query.sql_with_params(),
    )
    return added


@transaction.atomic
def plan_consolidate(*, user, plan) -> int:
    """Pull accepted children's new activities into the plan; returns how many were added."""
    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    if not plan.consolidates:
        raise ValidationError(_("Only a consolidating plan collects submissions."))
    start = plan.activities.count()
    constants = {
        "c_plan": Value(plan.pk, output_field=IntegerField()),
        "c_order": Value(start + 1, output_field=IntegerField()),
        "c_status": Value(ActivityStatus.PROPOSED.value, output_field=CharField()),
        "c_reason": Value("", output_field=CharField()),
        "c_note": Value("", output_field=CharField()),
        "c_funding": Value("", output_field=CharField()),
        "c_created": Value(timezone.now(), output_field=DateTimeField()),
    }
    # The children's ids first (one small query on the path index), then the activities by
    # plan_id, which the plan index answers: much faster than one nested query on SQLite.
    if plan.kind in LINE_FINDERS:
        candidates = LINE_FINDERS[plan.kind](plan)
    else:
        child_ids = list(children_of(plan).filter(status__in=ACCEPTED).values_list("pk", flat=True))
        candidates = Activity.objects.filter(plan_id__in=child_ids)
    already = Activity.origins.through.objects.filter(from_activity__plan=plan).values(
        "to_activity_id"
    )
    field = Activity._meta.get_field
    columns = ["source_id", *(field(name).column for name in COPIED_FIELDS)]
    columns += ["plan_id", "order", "status", "status_reason"]
    columns += ["feasibility_note", "possible_funding", "created_at"]
    added = _copy_and_link(plan, columns, candidates.exclude(pk__in=already), constants)
    event = record_event(
        actor=user,
        verb="plan.consolidated",
        target=plan,
        unit=plan.unit,
        payload={"added": added},
    )
    hooks.on_output(plan.agency, f"{plan.kind}.consolidated", event)
    return added
