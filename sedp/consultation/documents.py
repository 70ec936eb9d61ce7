"""The written feedback to residents (seed, commune step 6: "phản hồi bằng văn bản với người
dân"), a Word document in the Decree 30 layout made through the documents registry.

The target is a closed consultation; the document lists each comment shown on the public
page with what it is about, the answer (accepted / explained / not
accepted) and the reason, never the commenter's name or village. The planning group downloads
it from the consultation page; once the report is published, residents download it from the
public page (the registry's rendering and caching, requested without an account).

The printed wording is Vietnamese whatever the interface language, as in sedp.documents
(Decree 30/2020: documents are issued in Vietnamese).
"""

import hashlib
from pathlib import Path

from django.http import Http404
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from sedp.consultation.models import AnswerKind, CommentStatus, Consultation
from sedp.core.text import unaccent
from sedp.documents.registry import DocxKind, Target, register, register_target
from sedp.documents.wording import committee, in_text, number_line, place_date, superior_of

TEMPLATE = Path(__file__).resolve().parent / "docx_templates" / "consultation_feedback.docx"
KIND_CODE, TARGET_CODE = "consultation_feedback", "consultation"
OUTCOMES = {
    AnswerKind.ACCEPTED: "Tiếp thu",
    AnswerKind.EXPLAINED: "Giải trình",
    AnswerKind.NOT_ACCEPTED: "Không tiếp thu",
}


def _consultations():
    return Consultation.objects.select_related("plan__unit__parent", "plan__agency")


def get_for_user(user, pk) -> Consultation:
    """A consultation of a plan the user sees; without an account, only a published report."""
    from sedp.plans.selectors import plans_visible_to

    if user is None or not user.is_authenticated:
        queryset = _consultations().filter(report_published_at__isnull=False)
    else:
        queryset = _consultations().filter(plan__in=plans_visible_to(user=user).values("pk"))
    try:
        return queryset.get(pk=pk)
    except (Consultation.DoesNotExist, ValueError):
        raise Http404 from None


def _comments(consultation):
    """The comments shown to residents: hidden ones and those held for moderation aside."""
    return consultation.comments.filter(status=CommentStatus.VISIBLE).order_by("created_at", "pk")


def _meetings(consultation):
    from sedp.meetings.models import MeetingKind

    return consultation.plan.meetings.filter(
        kind=MeetingKind.CONSULTATION, date__gte=consultation.opens_on
    ).order_by("date", "pk")


def state(consultation):
    """What the document prints: a new file once an answer, the summary or a meeting changes."""
    digest = hashlib.sha256()
    rows = [
        # The publication date is printed: a file made before it is not the published one.
        (
            consultation.pk,
            str(consultation.closed_at),
            str(consultation.report_published_at),
            consultation.report_note,
        ),
        *_comments(consultation).values_list("pk", "target_label", "body", "answer_kind", "answer"),
        *_meetings(consultation).values_list("pk", "date", "men", "women"),
        (TEMPLATE.stat().st_mtime_ns,),
    ]
    for row in rows:
        digest.update(repr(row).encode())
    return None, digest.hexdigest()[:40]


def feedback_context(consultation, report) -> dict:
    report(20, "data")
    plan, commune = consultation.plan, consultation.plan.unit
    comments = list(_comments(consultation))
    rows = [
        {
            "no": number,
            "about": c.target_label or "Kế hoạch chung",
            "comment": c.body,
            "outcome": OUTCOMES.get(c.answer_kind, "Chưa trả lời"),
            "reason": c.answer,
        }
        for number, c in enumerate(comments, start=1)
    ]
    counts = {kind: sum(1 for c in comments if c.answer_kind == kind) for kind in OUTCOMES}
    meetings = list(_meetings(consultation))
    period = f"từ ngày {consultation.opens_on:%d/%m/%Y} đến ngày {consultation.closes_on:%d/%m/%Y}"
    blocks = [
        {
            "style": "body",
            "text": f"UBND {in_text(commune)} đã công khai dự thảo Kế hoạch phát triển kinh tế - "
            f"xã hội năm {plan.plan_year} để lấy ý kiến Nhân dân {period}. Tổng hợp được "
            f"{len(comments)} ý kiến góp ý; trong đó tiếp thu {counts[AnswerKind.ACCEPTED]} ý "
            f"kiến, giải trình {counts[AnswerKind.EXPLAINED]} ý kiến, không tiếp thu "
            f"{counts[AnswerKind.NOT_ACCEPTED]} ý kiến.",
        }
    ]
    if meetings:
        people = sum(m.men + m.women for m in meetings)
        women = sum(m.women for m in meetings)
        blocks.append(
            {
                "style": "body",
                "text": f"Đã tổ chức {len(meetings)} cuộc họp tham vấn cộng đồng tại thôn, bản "
                f"với {people} lượt người tham dự (trong đó {women} nữ).",
            }
        )
    if consultation.report_note:
        blocks.append({"style": "body", "text": consultation.report_note})
    blocks.append(
        {
            "style": "body",
            "text": f"UBND {in_text(commune)} phản hồi từng ý kiến như sau:",
        }
    )
    published = consultation.report_published_at
    report(50, "rows")
    return {
        "superior": superior_of(commune),
        "issuer": committee(commune),
        "number_line": number_line("TB-UBND"),
        "place_date": place_date(
            commune, published.date() if published else None, plan.report_year
        ),
        "doc_type": "THÔNG BÁO",
        "summary": "Kết quả tiếp thu, giải trình ý kiến của Nhân dân về dự thảo Kế hoạch phát "
        f"triển kinh tế - xã hội năm {plan.plan_year} của {in_text(commune)}",
        "intro": [f"Kính gửi: Nhân dân các thôn, bản trên địa bàn {in_text(commune)}"],
        "blocks": blocks,
        "comment_rows": rows,
        "closing": [
            {
                "style": "body",
                "text": "Đề nghị Trưởng các thôn, bản thông báo nội dung này đến Nhân dân; "
                f"UBND {in_text(commune)} cảm ơn Nhân dân đã đóng góp ý kiến./.",
            }
        ],
        "signature": {
            "authority": "TM. ỦY BAN NHÂN DÂN",
            "title": "CHỦ TỊCH",
            "note": "",
            "name": "",
        },
        "recipients": [
            "Thường trực HĐND xã;",
            "Các thôn, bản;",
            "Tổ công tác KH xã;",
            "Lưu: VT.",
        ],
    }


def _filename(consultation) -> str:
    unit = slugify(unaccent(consultation.plan.unit.name))
    return f"phan-hoi-y-kien-nhan-dan-{consultation.plan.plan_year}-{unit}"


def register_documents() -> None:
    register_target(
        Target(
            code=TARGET_CODE,
            get_for_user=get_for_user,
            load=lambda pk: _consultations().get(pk=pk),
            state=state,
            unit_of=lambda consultation: consultation.plan.unit,
            page_url=lambda consultation: reverse(
                "consultation-plan-manage", args=[consultation.plan_id]
            ),
        )
    )
    register(
        DocxKind(
            code=KIND_CODE,
            label=_("Written feedback to residents on their comments"),
            target=TARGET_CODE,
            template=str(TEMPLATE),  # absolute: the registry joins it to its own folder
            context=feedback_context,
            applies=lambda consultation: consultation.closed_at is not None,
            filename=_filename,
            order=10,
        )
    )
