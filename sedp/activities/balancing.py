"""The resource-balancing workbench of the commune conference (seed, commune step 4, part 2).

The conference ranks the activities that are still in play, shares the envelopes (commune
development funds, balanced revenue, other support, programmes…) out in rank order, and
draws a cut line where the money runs out: above it the fundable list, below it the
activities with no known funding. The group tries changes first (re-rank, other amounts,
another source, pull an activity over the line or push it under, weigh activities for
vulnerable groups) and sees the result at once; nothing is saved until it applies them
(`services.workbench_apply`), which records each change as a decision of the conference.

`load` reads the saved state in three queries (lines with their SQL-computed need,
allocations, envelopes); `read_changes` lays the form's what-if values over it; `compute`
is plain Python over those rows, so a recompute costs the same three queries whatever the
changes.
"""

import json
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from sedp.activities.models import (
    COST_CEILING,
    FUNDING_FIELDS,
    PEOPLE_FIELDS,
    ActivityStatus,
    Allocation,
    Beneficiary,
    EnvelopeSource,
    FundingEnvelope,
)
from sedp.activities.services import (
    amount_error,
    funding_above_cost_message,
    people_above_cost_message,
)

# The groups the seed's participatory planning asks to look after.
VULNERABLE = [
    Beneficiary.WOMEN,
    Beneficiary.CHILDREN,
    Beneficiary.ETHNIC_MINORITIES,
    Beneficiary.POOR_HOUSEHOLDS,
]
# Activities still in play at the conference; removed and to-be-verified ones are not.
IN_PLAY = [
    ActivityStatus.PROPOSED,
    ActivityStatus.UNFUNDED,
    ActivityStatus.FUNDABLE,
    ActivityStatus.FUNDED,
]
DEFAULT_WEIGHT = 2  # ranks gained per vulnerable group served, when the weight is on
MAX_WEIGHT = 20
PIN_IN, PIN_OUT = "in", "out"
PINS = ["", PIN_IN, PIN_OUT]
PAGE_SIZE = 50  # lines shown at once; the others keep their changes in the form's state


@dataclass
class Line:
    pk: int
    title: str
    sector: str
    group: str
    status: str
    priority: int | None
    cost: int
    other_funding: int  # people's contribution and funding not given by the workbench
    groups: list
    saved_allocations: dict  # envelope source -> amount given at an earlier apply
    people: int = 0  # the people's contribution alone (cash, labour, materials, land)
    rank: int = 0
    source: str = ""  # the envelope to draw on first
    saved_source: str = ""
    pin: str = ""  # "in": above the line whatever its rank; "out": below it
    saved_pin: str = ""
    moved: bool = False
    saved_rank: int = 0
    position: int = 0  # in the final order: above the line, then below
    saved_cost: int = 0
    # computed
    score: float = 0
    weight: int = 0
    above: bool = False
    allocations: dict = field(default_factory=dict)
    shortfall: int = 0

    @property
    def need(self) -> int:
        return max(self.cost - self.other_funding, 0)

    @property
    def allocated(self) -> int:
        return sum(self.allocations.values())

    @property
    def group_labels(self) -> list[str]:
        return [str(Beneficiary(g).label) for g in self.groups]


@dataclass
class Balance:
    lines: list  # in the final order: above the line, then below
    envelopes: list  # dicts: source, label, amount, allocated, remaining
    weight: int
    errors: list = field(default_factory=list)
    changed: bool = False
    saved_envelopes: dict = field(default_factory=dict)

    @property
    def above(self):
        return [line for line in self.lines if line.above]

    @property
    def below(self):
        return [line for line in self.lines if not line.above]

    @property
    def envelope_total(self) -> int:
        return sum(e["amount"] for e in self.envelopes)

    @property
    def allocated_total(self) -> int:
        return sum(e["allocated"] for e in self.envelopes)

    @property
    def remaining_total(self) -> int:
        return self.envelope_total - self.allocated_total

    @property
    def cost_above(self) -> int:
        return sum(line.cost for line in self.above)

    @property
    def cost_below(self) -> int:
        return sum(line.cost for line in self.below)

    @property
    def shortfall(self) -> int:
        return sum(line.shortfall for line in self.lines)

    def state(self) -> str:
        """The what-if changes as JSON, for the lines of the other pages."""
        state = {}
        ranked = sorted(self.lines, key=lambda line: line.rank)
        if any(line.rank != line.saved_rank for line in ranked):
            state["order"] = [line.pk for line in ranked]
        for name in ("cost", "source", "pin"):
            changed = {
                str(line.pk): getattr(line, name)
                for line in self.lines
                if getattr(line, name) != getattr(line, f"saved_{name}")
            }
            if changed:
                state[name] = changed
        return json.dumps(state, separators=(",", ":")) if state else ""

    def page(self, number) -> dict:
        """The lines of one page of the final order, and where the cut line falls."""
        pages = max(1, -(-len(self.lines) // PAGE_SIZE))
        try:
            number = min(max(int(number), 1), pages)
        except (TypeError, ValueError):
            number = 1
        start = (number - 1) * PAGE_SIZE
        cut = len(self.above)  # the line falls after this many lines
        return {
            "number": number,
            "pages": pages,
            "numbers": range(1, pages + 1),
            "lines": self.lines[start : start + PAGE_SIZE],
            "cut": cut,
            "cut_page": min(cut // PAGE_SIZE + 1, pages),
        }

    def shares(self) -> list[dict]:
        """The share of the fundable cost going to each vulnerable group."""
        total = self.cost_above
        rows = []
        for group in VULNERABLE:
            cost = sum(line.cost for line in self.above if group in line.groups)
            rows.append(
                {
                    "label": Beneficiary(group).label,
                    "cost": cost,
                    "share": round(100 * cost / total) if total else 0,
                }
            )
        return rows


def load(plan, *, for_update=False):
    """The saved state: the lines in play (rank order), and the envelopes by source."""
    allocated = (
        Allocation.objects.filter(activity=OuterRef("pk"))
        .values("activity")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    # funding given by earlier applies is taken back out: the workbench gives it again
    funding = sum((F(name) for name, _label in FUNDING_FIELDS[1:]), F(FUNDING_FIELDS[0][0]))
    rows = (
        plan.activities.filter(status__in=IN_PLAY)
        .annotate(allocated=Coalesce(Subquery(allocated), Value(0)))
        .annotate(other_funding=funding - Coalesce(Subquery(allocated), Value(0)))
        .annotate(people=sum((F(name) for name in PEOPLE_FIELDS[1:]), F(PEOPLE_FIELDS[0])))
        .select_related("sector")
        .order_by("priority", "order", "pk")
    )
    if for_update:
        rows = rows.select_for_update(of=("self",))
    saved = {}
    allocations = Allocation.objects.filter(activity__plan=plan).select_related("envelope")
    for allocation in allocations.order_by("pk"):  # the order they were drawn in
        saved.setdefault(allocation.activity_id, {})[allocation.envelope.source] = allocation.amount
    lines = []
    for position, a in enumerate(rows, start=1):
        lines.append(
            Line(
                pk=a.pk,
                title=a.title,
                sector=a.sector.name,
                group=a.sector.group,
                status=a.status,
                priority=a.priority,
                cost=a.cost_estimate,
                saved_cost=a.cost_estimate,
                other_funding=a.other_funding,
                people=a.people,
                groups=[g for g in VULNERABLE if getattr(a, f"for_{g}")],
                saved_allocations=saved.get(a.pk, {}),
                rank=position,
                saved_rank=position,
                source=next(iter(saved.get(a.pk, {})), ""),
                saved_source=next(iter(saved.get(a.pk, {})), ""),
                pin=a.placement,
                saved_pin=a.placement,
            )
        )
    envelopes = {e.source: e.amount for e in FundingEnvelope.objects.filter(plan=plan)}
    return lines, envelopes


def _int(text, *, low=0, high=COST_CEILING):
    text = (text or "").replace(".", "").replace(" ", "").strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise ValueError from None
    if not low <= value <= high:
        raise ValueError
    return value


def _cost_error(line, text) -> str | None:
    """Set the line's what-if cost, or say why not, in the words the activity form and the
    service use: not a whole number, negative, above the ceiling, below the people's
    contribution or below the funding the workbench does not give."""
    text = (text or "").replace(".", "").replace(" ", "").strip()
    if not text:
        return None
    value, message = amount_error("cost_estimate", text)
    if message:
        return message
    if line.people > value:
        return people_above_cost_message(line.people, value)
    if line.other_funding > value:
        return funding_above_cost_message(line.other_funding, value)
    line.cost = value
    return None


def read_changes(lines, envelopes, data):
    """Lay the form's what-if values over the saved state; return (envelopes, weight,
    errors). Wrong values are named and left as they were, so the rest still computes."""
    errors = []
    envelopes = dict(envelopes)
    _restore(lines, data.get("state", ""))
    for source, label in EnvelopeSource.choices:
        key = f"env_{source}"
        if key in data:
            text = (data.get(key) or "").replace(".", "").replace(" ", "").strip()
            value, message = amount_error(key, text, label=label)
            if message:
                errors.append(message)
                continue
            envelopes[source] = value
    for line in lines:
        rank = data.get(f"rank_{line.pk}")
        if rank is not None:
            try:
                value = _int(rank, low=1, high=999) or line.rank
                # a line given another rank goes before the one that held it
                line.moved, line.rank = value != line.rank, value
            except ValueError:
                errors.append(
                    _("“%(title)s”: the rank is a number from 1 to 999.") % {"title": line.title}
                )
        cost = data.get(f"cost_{line.pk}")
        if cost is not None:
            message = _cost_error(line, cost)
            if message:
                errors.append(
                    _("“%(title)s”: %(message)s") % {"title": line.title, "message": message}
                )
        source = data.get(f"source_{line.pk}")
        if source is not None:
            line.source = source if source in EnvelopeSource.values else ""
        pin = data.get(f"pin_{line.pk}")
        if pin is not None:
            line.pin = pin if pin in (PIN_IN, PIN_OUT) else ""
    _move(lines, data.get("move", ""))
    weight = 0
    if data.get("weight_on"):
        try:
            weight = _int(data.get("weight"), low=0, high=MAX_WEIGHT)
        except ValueError:
            errors.append(
                _("The weight is a number of ranks from 0 to %(max)s.") % {"max": MAX_WEIGHT}
            )
            weight = DEFAULT_WEIGHT
        else:
            weight = DEFAULT_WEIGHT if weight is None else weight
    return envelopes, weight, errors


def _restore(lines, text: str) -> None:
    """Lay the what-if changes of the lines not on the shown page (kept in the form as
    JSON by `Balance.state`) back over the saved state."""
    try:
        state = json.loads(text) if text else {}
    except ValueError:
        return
    if not isinstance(state, dict):
        return
    by_pk = {line.pk: line for line in lines}
    order = [by_pk[pk] for pk in state.get("order", []) if isinstance(pk, int) and pk in by_pk]
    if len(order) == len(lines):
        for position, line in enumerate(order, start=1):
            line.rank = position
    for name, allowed in [("cost", None), ("source", EnvelopeSource.values), ("pin", PINS)]:
        values = state.get(name, {})
        if not isinstance(values, dict):
            continue
        for pk, value in values.items():
            line = by_pk.get(int(pk)) if str(pk).isdigit() else None
            if line is None:
                continue
            if allowed is None and isinstance(value, int) and 0 <= value <= COST_CEILING:
                line.cost = value
            elif allowed is not None and value in allowed:
                setattr(line, name, value)


def _move(lines, move: str) -> None:
    """'up:<pk>' or 'down:<pk>': swap the line with its neighbour in rank order."""
    direction, _sep, pk = move.partition(":")
    if direction not in ("up", "down") or not pk.isdigit():
        return
    ordered = sorted(lines, key=lambda line: line.rank)
    index = next((i for i, line in enumerate(ordered) if line.pk == int(pk)), None)
    if index is None:
        return
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, line in enumerate(ordered, start=1):
        line.rank = position


def compute(lines, envelopes: dict, *, weight=0, errors=(), saved_envelopes=None) -> Balance:
    """Share the envelopes out in rank order and draw the cut line.

    Ranks are renumbered 1…n (ties keep their saved order). With the weight on, each
    vulnerable group an activity serves moves it `weight` ranks up. Activities pulled over
    the line are served first; the others in order until the first one the money left
    cannot cover: the cut line, below which every other activity stays (except those that
    need nothing from the envelopes).
    """
    ordered = sorted(lines, key=lambda line: (line.rank, not line.moved))
    for position, line in enumerate(ordered, start=1):
        line.rank, line.moved = position, False
        line.weight = weight * len(line.groups)
        line.score = position - line.weight
        line.allocations, line.shortfall, line.above = {}, 0, False
    ordered.sort(key=lambda line: (line.score, line.rank))
    remaining = {source: envelopes.get(source, 0) for source in EnvelopeSource.values}

    def serve(line):
        left = line.need
        sources = [line.source] if line.source else []
        sources += [s for s in EnvelopeSource.values if s != line.source]
        for source in sources:
            take = min(left, remaining[source])
            if take:
                line.allocations[source] = take
                remaining[source] -= take
                left -= take
        line.shortfall = left
        line.above = True

    for line in ordered:
        if line.pin == PIN_IN:
            serve(line)
    cut = False
    for line in ordered:
        if line.pin:
            continue
        # an activity needing nothing from the envelopes (people's own work, funding
        # secured elsewhere) is never held back by the line
        if line.need == 0 or (not cut and line.need <= sum(remaining.values())):
            serve(line)
        else:
            cut = True
    final = [line for line in ordered if line.above] + [line for line in ordered if not line.above]
    for position, line in enumerate(final, start=1):
        line.position = position
    rows = [
        {
            "source": source,
            "label": label,
            "amount": envelopes.get(source, 0),
            "allocated": envelopes.get(source, 0) - remaining[source],
            "remaining": remaining[source],
        }
        for source, label in EnvelopeSource.choices
    ]
    balance = Balance(lines=final, envelopes=rows, weight=weight, errors=list(errors))
    balance.saved_envelopes = saved_envelopes or {}
    balance.changed = bool(changes(balance) or envelope_changes(balance))
    return balance


def _ranked(balance):
    return enumerate(balance.lines, start=1)


def new_status(line) -> str:
    if line.above:
        funded = line.status == ActivityStatus.FUNDED
        return ActivityStatus.FUNDED if funded else ActivityStatus.FUNDABLE
    return ActivityStatus.UNFUNDED


def _line_changed(line, position) -> bool:
    return (
        line.priority != position
        or line.status != new_status(line)
        or line.cost != line.saved_cost
        or line.allocations != line.saved_allocations
        or line.pin != line.saved_pin
    )


def changes(balance):
    """(position, line) for each line the apply would change."""
    return [(p, line) for p, line in _ranked(balance) if _line_changed(line, p)]


def envelope_changes(balance):
    """(source, label, before, after) for each envelope amount the apply would change."""
    saved = balance.saved_envelopes
    return [
        (row["source"], row["label"], saved.get(row["source"], 0), row["amount"])
        for row in balance.envelopes
        if row["amount"] != saved.get(row["source"], 0)
    ]


def workbench(plan, data=None) -> Balance:
    """The balance for the page: saved state, or with the form's what-if changes."""
    lines, saved = load(plan)
    envelopes, weight, errors = saved, 0, []
    if data is not None:
        envelopes, weight, errors = read_changes(lines, saved, data)
    return compute(lines, envelopes, weight=weight, errors=errors, saved_envelopes=saved)
