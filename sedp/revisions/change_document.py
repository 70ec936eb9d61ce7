"""The change report as an official Word document (Decree 30 layout): "state clearly what was
changed" (seed, step 6) — every change between two versions of a plan, grouped by indicators,
activities, funding and text, each with who made it, when and why.

Registered with the documents app (sedp.documents.registry) as its own target, a
`ChangeReport` (a pair of versions), so rendering in the background, keeping the file and
the progress page come from there. The template (docx_templates/change_report.docx, made by
tools/build_change_report_template.py) uses the plan documents' heading and signature tags;
the wording is Vietnamese whatever the interface language, as documents are issued.
"""

import hashlib
from pathlib import Path

from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from sedp.activities.models import FUNDING_FIELDS
from sedp.revisions.diff import ADDED, REMOVED, compare
from sedp.revisions.models import stage_label

TEMPLATE = Path(__file__).resolve().parent / "docx_templates" / "change_report.docx"
MAX_CELL = 1_500  # a section rewritten from end to end: its first lines say enough
FUNDING_ASPECTS = {"cost_estimate", *[name for name, _label in FUNDING_FIELDS]}
GROUPS = [
    ("indicators", "I", "CHỈ TIÊU"),
    ("activities", "II", "HOẠT ĐỘNG"),
    ("funding", "III", "KINH PHÍ VÀ NGUỒN VỐN"),
    ("text", "IV", "NỘI DUNG VĂN BẢN KẾ HOẠCH"),
]
CHANGE_WORDS = {ADDED: "Bổ sung", REMOVED: "Loại bỏ"}


def _funding_labels() -> set[str]:
    from sedp.revisions.diff import _labels

    labels = _labels()
    return {str(labels[name]) for name in FUNDING_ASPECTS}


def group_of(change, funding_labels) -> str:
    if change.area == "indicator":
        return "indicators"
    if change.area == "section":
        return "text"
    if change.change == "changed" and change.aspect in funding_labels:
        return "funding"
    return "activities"


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _who(causes) -> str:
    return "; ".join(f"{c.who}, {localtime(c.when):%d/%m/%Y %H:%M}" for c in causes)


def _why(causes, fallback: str) -> str:
    if not causes:
        return fallback
    return "; ".join(f"{c.what}" + (f": {c.reason}" if c.reason else "") for c in causes)


def _row(no, change, fallback) -> dict:
    if change.area == "section":
        before = "\n".join(text for tag, text in change.lines if tag == "-")
        after = "\n".join(text for tag, text in change.lines if tag == "+")
        what = CHANGE_WORDS.get(change.change, "Sửa đổi")
    else:
        before, after = change.before, change.after
        what = CHANGE_WORDS.get(change.change) or f"Sửa {change.aspect}"
    return {
        "heading": False,
        "no": str(no),
        "subject": change.subject,
        "change": what,
        "before": _clip(before).replace("\n", " / "),
        "after": _clip(after).replace("\n", " / "),
        "who": _who(change.causes),
        "why": _why(change.causes, fallback),
    }


def change_rows(comparison) -> tuple[list[dict], dict]:
    """The annex rows, a heading row per group then its changes; and the count per group."""
    funding = _funding_labels()
    grouped = {code: [] for code, _n, _t in GROUPS}
    for change in comparison.changes:
        grouped[group_of(change, funding)].append(change)
    fallback = "Theo lý do ghi khi lập phiên bản (mục I)"
    rows = []
    for code, numeral, title in GROUPS:
        rows.append(_heading_row(numeral, f"{title} ({len(grouped[code])} thay đổi)"))
        if not grouped[code]:
            rows.append(_heading_row("", "Không có thay đổi", heading=False))
        rows += [_row(i, change, fallback) for i, change in enumerate(grouped[code], start=1)]
    return rows, {code: len(items) for code, items in grouped.items()}


def _heading_row(no, subject, heading=True) -> dict:
    return {"heading": heading, "no": no, "subject": subject, "change": "", "before": "",
            "after": "", "who": "", "why": ""}  # fmt: skip


def _version_text(version) -> str:
    who = ""
    if version.created_by:
        who = f", {version.created_by.get_full_name() or version.created_by.username}"
    return (
        f"phiên bản {version.number} “{stage_label(version.label)}” "
        f"({localtime(version.created_at):%d/%m/%Y}{who})"
    )


def change_report_context(report, progress) -> dict:
    from sedp.documents.plan_documents import _signature, heading
    from sedp.documents.wording import in_text, points

    plan = report.plan
    progress(20, "compare")
    comparison = compare(plan, report.old, report.new)
    rows, counts = change_rows(comparison)
    progress(60, "rows")
    names = {code: title.lower() for code, _n, title in GROUPS}
    blocks = [
        {"style": "section", "text": "I. CÁC PHIÊN BẢN ĐƯỢC SO SÁNH"},
        *points(
            [
                f"Phiên bản trước: {_version_text(comparison.old)}",
                f"Phiên bản sau: {_version_text(comparison.new)}",
            ]
        ),
    ]
    reasons = [
        f"{c.who} ({localtime(c.when):%d/%m/%Y}) {c.what}" + (f": {c.reason}" if c.reason else "")
        for c in comparison.plan_causes
    ]
    if reasons:
        blocks.append({"style": "clause", "text": "Căn cứ và lý do chung của các thay đổi:"})
        blocks += points(reasons)
    blocks += [
        {"style": "section", "text": "II. TÓM TẮT NHỮNG NỘI DUNG THAY ĐỔI"},
        {
            "style": "body",
            "text": f"Tổng số {comparison.count} nội dung thay đổi; chi tiết từng nội dung "
            "(trước, sau, người thực hiện, thời gian và lý do) tại Phụ lục 01 kèm theo.",
        },
        *points(f"Về {names[code]}: {counts[code]} thay đổi" for code, _n, _t in GROUPS),
    ]
    return {
        **heading(plan, "BC-UBND"),
        "doc_type": "BÁO CÁO",
        "summary": f"Những nội dung thay đổi của {plan.get_kind_display()} năm {plan.plan_year} "
        f"— {in_text(plan.unit)}",
        "intro": [],
        "blocks": blocks,
        "signature": _signature(plan),
        "recipients": ["Như trên;", "Lưu: VT."],
        "annex_title": "CHI TIẾT CÁC NỘI DUNG THAY ĐỔI",
        "annex_reference": f"(Kèm theo Báo cáo những nội dung thay đổi của {in_text(plan.unit)})",
        "change_rows": rows,
        "change_rows_notes": [],
    }


def _template_digest(report) -> str:
    """Part of the file's key: editing the template in Word re-renders the reports."""
    return hashlib.sha256(TEMPLATE.read_bytes()).hexdigest()[:12]


def _load(pk):
    from sedp.revisions.models import ChangeReport

    return ChangeReport.objects.select_related(
        "plan__unit__parent", "plan__agency", "old__created_by", "new__created_by"
    ).get(pk=pk)


def _for_user(user, pk):
    from django.http import Http404

    from sedp.plans.selectors import get_plan_for_user
    from sedp.revisions.models import ChangeReport

    try:
        report = _load(pk)
    except (ChangeReport.DoesNotExist, ValueError):
        raise Http404 from None
    get_plan_for_user(user=user, pk=report.plan_id)  # 404 outside the user's scope
    return report


def _page_url(report) -> str:
    url = reverse("revisions-version-compare", args=[report.plan_id])
    return f"{url}?a={report.old_id}&b={report.new_id}"


def _filename(report) -> str:
    return f"bao-cao-thay-doi-ke-hoach-{report.plan_id}-v{report.old.number}-v{report.new.number}"


# The versions a plan's own change report measures from: the official one in force (or an
# adjustment's revised one), else the last submitted one (a returned plan sent again).
BASELINE_STAGES = ("official", "revised", "submitted")


def plan_change_pair(plan):
    """(previous official or submitted version, latest version) of a plan, None if it has no
    such earlier version: what the plan's documents panel offers the change report of.
    Two small queries (no snapshot read), as the panel asks on every plan page."""
    from sedp.plans.models import PlanVersion
    from sedp.revisions.models import Milestone

    latest = PlanVersion.objects.filter(plan=plan).only("pk", "number").order_by("-number").first()
    if latest is None:
        return None
    reached = list(
        Milestone.objects.filter(
            plan=plan, stage__in=BASELINE_STAGES, version__number__lt=latest.number
        )
        .order_by("-version__number")
        .values_list("stage", "version_id")
    )
    official = [pk for stage, pk in reached if stage != "submitted"]
    baseline = official[0] if official else (reached[0][1] if reached else None)
    return (baseline, latest.pk) if baseline else None


def _plan_report(plan):
    """The plan's change report as an unsaved ChangeReport, for the report's context."""
    from sedp.plans.models import PlanVersion
    from sedp.revisions.models import ChangeReport

    old_pk, new_pk = plan_change_pair(plan)
    versions = PlanVersion.objects.select_related("created_by").in_bulk([old_pk, new_pk])
    return ChangeReport(plan=plan, old=versions[old_pk], new=versions[new_pk])


def _plan_pair_state(plan) -> str:
    old_pk, new_pk = plan_change_pair(plan)
    return f"v{old_pk}-v{new_pk}-{_template_digest(None)}"


def _plan_filename(plan) -> str:
    report = _plan_report(plan)
    return f"bao-cao-thay-doi-ke-hoach-{plan.pk}-v{report.old.number}-v{report.new.number}"


def register_change_report() -> None:
    from sedp.documents.models import Format
    from sedp.documents.registry import DocxKind, Target, register, register_target

    register_target(
        Target(
            code="change_report",
            get_for_user=_for_user,
            load=_load,
            # Both versions are frozen: the newer one identifies the file with the older.
            state=lambda report: (report.new, f"v{report.old_id}-v{report.new_id}"),
            unit_of=lambda report: report.plan.unit,
            page_url=_page_url,
        )
    )
    register(
        DocxKind(
            code="change_report",
            label=_("Change report (Word)"),
            target="change_report",
            formats=(Format.DOCX, Format.PDF),
            template=lambda report: str(TEMPLATE),
            context=change_report_context,
            extra_state=_template_digest,
            filename=lambda r: (
                f"bao-cao-thay-doi-ke-hoach-{r.plan_id}-v{r.old.number}-v{r.new.number}"
            ),
        )
    )
    # The same report among the plan's own documents (its page's documents panel): the
    # latest version against the previous official or submitted one.
    register(
        DocxKind(
            code="plan_change_report",
            label=_("Change report since the official or submitted version (Word)"),
            target="plan",
            formats=(Format.DOCX, Format.PDF),
            applies=lambda plan: plan_change_pair(plan) is not None,
            template=lambda plan: str(TEMPLATE),
            context=lambda plan, progress: change_report_context(_plan_report(plan), progress),
            extra_state=_plan_pair_state,
            filename=_plan_filename,
            order=70,
        )
    )
