"""Demo of step 6: the province's official targets allocated to its districts, Bát Xát's to
its communes (so Mường Hum sees its assigned figures beside its proposal), two versions of
Mường Hum's plan with what changed and why, and its budget estimate waiting at phòng TCKH.

Idempotent: does nothing once the province has an allocation for the demo year.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model

from sedp.activities.models import ActivityStatus
from sedp.activities.services import activity_set_status
from sedp.indicators.models import Indicator, IndicatorValue, Kind
from sedp.indicators.services import value_set
from sedp.plans.models import Plan, PlanKind
from sedp.revisions.models import Stage
from sedp.revisions.services import version_record
from sedp.targets import services
from sedp.targets.models import Allocation
from sedp.territory.models import AdminUnit

YEAR = 2026
STRUCTURE, PROVINCE, DISTRICT, COMMUNE = "laocai-2015", "10", "082", "02728"
POOR_SHARE = Decimal("0.14")


def _split(total: int, parts: int) -> list[int]:
    """`total` in `parts` whole shares adding up exactly (the remainder on the first ones)."""
    base, rest = divmod(total, parts)
    return [base + (1 if n < rest else 0) for n in range(parts)]


def _allocate(user, unit, households: dict, poor: dict, basis: str) -> None:
    """Allocate households, poor households and the poverty rate to `unit`'s children."""
    codes = ("ho-dan", "ho-ngheo", "ty-le-ho-ngheo")
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    allocation = services.allocation_open(user=user, unit=unit, report_year=YEAR)
    entries = {}
    for child, count in households.items():
        entries[f"c-{indicators['ho-dan'].pk}-u{child.pk}"] = str(count)
        entries[f"c-{indicators['ho-ngheo'].pk}-u{child.pk}"] = str(poor[child])
        rate = (Decimal(poor[child]) / Decimal(count) * 100).quantize(Decimal("0.01"))
        entries[f"c-{indicators['ty-le-ho-ngheo'].pk}-u{child.pk}"] = str(rate)
    services.allocation_save(user=user, allocation=allocation, entries=entries)
    services.allocation_issue(user=user, allocation=allocation, basis=basis)


def load_demo_targets(say=lambda _msg: None) -> None:
    units = AdminUnit.objects.filter(structure__code=STRUCTURE)
    province = units.filter(code=PROVINCE).first()
    district = units.filter(code=DISTRICT).first()
    if province is None or district is None:
        return
    if Allocation.objects.filter(unit=province, report_year=YEAR).exists():
        return
    users = {u.username: u for u in get_user_model().objects.all()}
    skhdt, tckh = users.get("skhdt"), users.get("tckh.batxat")
    planner = users.get("kh.muonghum")
    if not (skhdt and tckh and planner):
        return
    commune_plan = Plan.objects.filter(
        kind=PlanKind.COMMUNE_PLAN,
        report_year=YEAR,
        unit__code=COMMUNE,
        unit__structure=province.structure,
    ).first()
    if commune_plan is not None:
        # Mường Hum's own proposal, so its page shows the gap to what it is assigned.
        commune = commune_plan.unit
        for code, value in [("ho-dan", "940"), ("ho-ngheo", "150"), ("ty-le-ho-ngheo", "15,96")]:
            value_set(
                user=planner, unit=commune, indicator=Indicator.objects.get(code=code),
                report_year=YEAR, kind=Kind.PROPOSED, value=value,
            )  # fmt: skip
        version_record(user=planner, plan=commune_plan, stage=Stage.DRAFT_1)

    # The province's official targets (from the centre), allocated to its districts.
    districts = list(AdminUnit.objects.filter(parent=province).order_by("code"))
    households = {d: 18_000 + 1_500 * n for n, d in enumerate(districts)}
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(code__in=["ho-dan", "ho-ngheo", "ty-le-ho-ngheo"])
    }
    poor = {d: int(h * POOR_SHARE) for d, h in households.items()}
    total, total_poor = sum(households.values()), sum(poor.values())
    for code, value in [
        ("ho-dan", total),
        ("ho-ngheo", total_poor),
        ("ty-le-ho-ngheo", (Decimal(total_poor) / total * 100).quantize(Decimal("0.01"))),
    ]:
        IndicatorValue.objects.update_or_create(
            unit=province, agency=None, indicator=indicators[code], report_year=YEAR,
            kind=Kind.ASSIGNED, defaults={"value": value, "source": "Bộ KHĐT giao"},
        )  # fmt: skip
    _allocate(skhdt, province, households, poor, "Nghị quyết HĐND tỉnh về KHPT KTXH năm 2027")

    # Bát Xát passes its figures on to its communes.
    communes = list(AdminUnit.objects.filter(parent=district).order_by("code"))
    assigned = dict(
        IndicatorValue.objects.filter(
            unit=district, agency=None, report_year=YEAR, kind=Kind.ASSIGNED
        ).values_list("indicator__code", "value")
    )
    # Whole shares that add up exactly to what the province assigned the district.
    shares = dict(zip(communes, _split(int(assigned["ho-dan"]), len(communes)), strict=True))
    poor_shares = dict(zip(communes, _split(int(assigned["ho-ngheo"]), len(communes)), strict=True))
    _allocate(
        tckh, district, shares, poor_shares, "Quyết định giao chỉ tiêu của UBND huyện Bát Xát"
    )
    say(f"Chỉ tiêu giao năm {YEAR + 1}: {len(districts)} huyện, {len(communes)} xã của Bát Xát")

    if commune_plan is None:
        return
    line = commune_plan.activities.filter(title="Kè chống sạt lở suối Nậm Pẻn").first()
    if line is not None:
        activity_set_status(
            user=planner,
            activity=line,
            status=ActivityStatus.FUNDABLE,
            reason="Phòng NN&PTNT huyện đã khảo sát; đưa vào danh mục vốn nông thôn mới.",
        )
    version_record(
        user=planner,
        plan=commune_plan,
        stage=Stage.DRAFT_2,
        reason="Cập nhật theo chỉ tiêu huyện giao và kết quả khảo sát kè suối Nậm Pẻn.",
    )
    estimate = services.budget_prepare(
        user=planner,
        plan=commune_plan,
        recurrent="2.850.000.000",
        recurrent_note="Chi thường xuyên: lương, phụ cấp cán bộ xã, hoạt động đoàn thể.",
    )
    services.budget_submit(user=planner, estimate=estimate)
    say("Xã Mường Hum: 2 phiên bản kế hoạch và dự toán ngân sách chờ phòng TCKH thẩm định")
