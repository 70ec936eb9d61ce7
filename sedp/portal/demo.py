"""Demo of step 6 in Mường Hum (Bát Xát): last year's commune plan (report year 2025, plan
year 2026) taken through consultation, the People's Council and publication, so the public
portal and "Việc được giao" have content; and this year's draft (report year 2026) open for
residents' comments, with a few comments and a village consultation meeting.

Everything goes through the services. Called by sedp.demo.load_demo; idempotent.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from sedp.activities.services import activity_create
from sedp.consultation.models import AnswerKind, Consultation
from sedp.consultation.services import (
    comment_answer,
    comment_post,
    consultation_close,
    consultation_meeting_record,
    consultation_open,
    report_publish,
)
from sedp.plans.demo import complete_commune_draft
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.services import plan_accept, plan_create, plan_submit, plan_update_sections
from sedp.portal.models import Publication
from sedp.portal.services import (
    council_question_add,
    council_question_answer,
    council_submit,
    plan_publish,
    resolution_adopt,
)
from sedp.territory.models import Agency, AgencyKind, Sector

STRUCTURE, COMMUNE = "laocai-2015", "02728"
LAST_YEAR, THIS_YEAR = 2025, 2026

SECTIONS = {
    "p1.3.overview": "Năm 2025 xã hoàn thành 14/19 tiêu chí nông thôn mới; tỷ lệ hộ nghèo giảm "
    "còn 28,5%; 100% thôn có đường ô tô đến trung tâm.",
    "p2.3.economy": "Phát triển chè Shan tuyết và chăn nuôi trâu, bò; trồng mới 40 ha chè; "
    "bê tông hóa 2 km đường liên thôn.",
    "p2.3.culture_society": "Duy trì phổ cập giáo dục; 98% trẻ 6 tuổi vào lớp 1; giảm tỷ lệ "
    "suy dinh dưỡng trẻ em xuống dưới 20%.",
    "p2.5.responsibilities": "UBND xã chỉ đạo chung; các ban ngành, đoàn thể và thôn tổ chức "
    "thực hiện theo nhiệm vụ được giao.",
}


def _agencies(unit):
    agencies = Agency.objects.filter(unit=unit)
    return {
        "group": agencies.filter(kind=AgencyKind.COMMUNE_PLANNING_GROUP).first(),
        "school": agencies.filter(kind=AgencyKind.SCHOOL).first(),
        "coop": agencies.filter(kind=AgencyKind.COOPERATIVE).first(),
        "health": agencies.filter(kind=AgencyKind.HEALTH_STATION).first(),
    }


def _official_plan(admin, agencies, sectors, say):
    group = agencies["group"]
    plan = Plan.objects.filter(
        agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=LAST_YEAR
    ).first()
    if plan is None:
        plan = plan_create(
            user=admin, agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=LAST_YEAR
        )
        plan_update_sections(user=admin, plan=plan, bodies=SECTIONS)
        for title, sector, agency, cost in [
            ("Sửa chữa 4 phòng học điểm trường Pờ Hồ", "giao-duc", "school", 850_000_000),
            ("Trồng mới 40 ha chè Shan tuyết", "nong-nghiep", "coop", 1_200_000_000),
            ("Khám sàng lọc dinh dưỡng trẻ dưới 5 tuổi", "y-te", "health", 60_000_000),
        ]:
            if sector in sectors:
                activity_create(
                    user=admin,
                    plan=plan,
                    title=title,
                    sector=sectors[sector],
                    cost_estimate=cost,
                    fund_target_programmes=cost // 2,
                    responsible=agencies[agency],
                    timing="Năm 2026",
                )
        complete_commune_draft(admin, plan, plan.report_year)
        plan = plan_accept(user=admin, plan=plan_submit(user=admin, plan=plan))
    if plan.status == PlanStatus.ACCEPTED and not plan.consultations.exists():
        today = timezone.localdate()
        consultation = consultation_open(
            user=admin, plan=plan, opens_on=today, closes_on=today, intro=""
        )
        comment = comment_post(
            consultation=consultation,
            body="Đề nghị ưu tiên sửa phòng học trước mùa mưa.",
            display_name="Phụ huynh thôn Pờ Hồ",
            address="demo-1",
        )
        comment_answer(
            user=admin,
            comment=comment,
            kind=AnswerKind.ACCEPTED,
            answer="Xã tiếp thu: khởi công trong quý I năm 2026.",
        )
        consultation_close(user=admin, consultation=consultation)
        report_publish(
            user=admin,
            consultation=consultation,
            note="Cảm ơn bà con đã góp ý. Xã đã tiếp thu và đưa vào kế hoạch năm 2026.",
        )
        # Last year's consultation ran in November 2025.
        Consultation.objects.filter(pk=consultation.pk).update(
            opens_on=datetime.date(LAST_YEAR, 11, 10), closes_on=datetime.date(LAST_YEAR, 11, 24)
        )
        submission = council_submit(
            user=admin,
            plan=plan,
            number="112/TTr-UBND",
            submitted_on=datetime.date(LAST_YEAR, 12, 5),
        )
        question = council_question_add(
            user=admin,
            submission=submission,
            asked_by="Ban Kinh tế - Xã hội HĐND xã",
            question="Nguồn vốn trồng mới 40 ha chè lấy từ đâu?",
        )
        council_question_answer(
            user=admin,
            question=question,
            answer="Vốn Chương trình MTQG giảm nghèo bền vững và đối ứng của hợp tác xã.",
        )
        resolution_adopt(
            user=admin,
            plan=plan,
            number="25/NQ-HĐND",
            adopted_on=datetime.date(LAST_YEAR, 12, 18),
            text="HĐND xã Mường Hum thông qua Kế hoạch phát triển kinh tế - xã hội năm 2026 "
            "với các chỉ tiêu chủ yếu và danh mục hoạt động kèm theo.",
        )
        plan.refresh_from_db()
    if plan.status == PlanStatus.APPROVED and not Publication.objects.filter(plan=plan).exists():
        plan_publish(user=admin, plan=plan)
        say(f"Cổng công khai: kế hoạch năm {LAST_YEAR + 1} của xã Mường Hum đã công bố")


def _consultation_now(admin, group, say):
    plan = Plan.objects.filter(
        agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=THIS_YEAR
    ).first()
    if plan is None or plan.status == PlanStatus.APPROVED or plan.consultations.exists():
        return
    if not plan.sections.exclude(body="").exists():
        plan_update_sections(
            user=admin, plan=plan, bodies={"p2.3.economy": SECTIONS["p2.3.economy"]}
        )
    today = timezone.localdate()
    consultation = consultation_open(
        user=admin,
        plan=plan,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
        intro="UBND xã Mường Hum mời bà con đọc dự thảo kế hoạch năm 2027 và góp ý. Tổ công "
        "tác kế hoạch xã sẽ trả lời từng ý kiến.",
    )
    road = next((a for a in consultation.activities if "đường" in a["title"].lower()), None)
    first = comment_post(
        consultation=consultation,
        body="Thôn Sùng Bang đề nghị làm tuyến đường trước mùa mưa để bà con chở chè.",
        display_name="Ông Thào A Chư",
        target=f"a:{road['id']}" if road else "",
        address="demo-2",
    )
    comment_answer(
        user=admin,
        comment=first,
        kind=AnswerKind.EXPLAINED,
        answer="Tuyến đường đã xếp ưu tiên 1; thời gian thi công phụ thuộc vốn huyện giao.",
    )
    comment_post(
        consultation=consultation,
        body="Cần thêm lớp tập huấn trồng chè cho phụ nữ.",
        address="demo-3",
    )
    village = plan.unit.children.order_by("code").first()
    if village is not None:
        consultation_meeting_record(
            user=admin,
            consultation=consultation,
            village=village,
            date=today,
            place=f"Nhà văn hóa {village.name}",
            men=26,
            women=31,
            ethnic_minority=52,
            minutes="Bà con đọc dự thảo, góp ý về thứ tự ưu tiên các công trình.",
        )
    say(f"Tham vấn cộng đồng: dự thảo năm {THIS_YEAR + 1} của xã Mường Hum đang lấy ý kiến")


def _adjusted_plan(admin, group, say):
    """The official plan of 2026 adjusted once in the year (điều chỉnh): a landslide makes
    the commune add an embankment to its economic section; the council's adjusting resolution
    makes the revised version official and the portal shows the adjustment."""
    from sedp.portal.adjustments import adjustment_adopt, adjustment_start, adjustment_submit

    plan = Plan.objects.filter(
        agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=LAST_YEAR
    ).first()
    if plan is None or plan.status != PlanStatus.APPROVED or plan.adjustments.exists():
        return
    adjustment_start(
        user=admin, plan=plan, reason="Mưa lũ tháng 7/2026 gây sạt lở suối Pờ Hồ, cần bổ sung "
        "kè chống sạt lở vào kế hoạch."
    )  # fmt: skip
    plan.refresh_from_db()
    economy = plan.sections.get(code="p2.3.economy").body
    plan_update_sections(
        user=admin, plan=plan,
        bodies={"p2.3.economy": economy + " Bổ sung kè chống sạt lở suối Pờ Hồ dài 300 m."},
    )  # fmt: skip
    today = timezone.localdate()
    adjustment_submit(user=admin, plan=plan, number="78/TTr-UBND", submitted_on=today)
    adjustment_adopt(
        user=admin, plan=plan, number="12/NQ-HĐND", adopted_on=today,
        text="HĐND xã Mường Hum điều chỉnh Kế hoạch năm 2026: bổ sung kè chống sạt lở suối Pờ Hồ.",
    )  # fmt: skip
    say(f"Điều chỉnh: kế hoạch năm {LAST_YEAR + 1} của xã Mường Hum đã điều chỉnh, công bố lại")


def load_demo_portal(say=lambda _msg: None) -> None:
    group = Agency.objects.filter(
        unit__structure__code=STRUCTURE,
        unit__code=COMMUNE,
        kind=AgencyKind.COMMUNE_PLANNING_GROUP,
    ).first()
    admin = get_user_model().objects.filter(username="admin").first()
    if group is None or admin is None:
        return
    sectors = {s.code: s for s in Sector.objects.all()}
    _official_plan(admin, _agencies(group.unit), sectors, say)
    _consultation_now(admin, group, say)
    _adjusted_plan(admin, group, say)
