"""Demo: the text of Mường Hum's commune plan, so that its Word document reads like a real
draft after `make demo`. Only empty sections are written (idempotent)."""

from django.contrib.auth import get_user_model

from sedp.plans.models import Plan, PlanKind

TEXTS = {
    "p1.1.advantages": "Được sự quan tâm của huyện, các chương trình mục tiêu quốc gia được "
    "triển khai đồng bộ; nhân dân đồng thuận đóng góp ngày công làm đường nội thôn.",
    "p1.1.difficulties": "Địa hình chia cắt, mưa lũ cuối tháng 7 gây sạt lở đường liên thôn; "
    "tỷ lệ hộ nghèo còn cao; nguồn thu ngân sách xã nhỏ.",
    "p1.2.targets": "Đa số chỉ tiêu đạt kế hoạch; các chỉ tiêu về thu nhập và sản lượng lương "
    "thực chưa đạt do ảnh hưởng của thời tiết.",
    "p1.2.economy": "Tổng sản lượng lương thực ước đạt 95% kế hoạch; mở rộng 12 ha chè; hoàn "
    "thành 2,1 km đường bê tông nội thôn.",
    "p1.2.culture_society": "Duy trì phổ cập giáo dục; 100% trẻ trong độ tuổi được tiêm chủng "
    "đầy đủ; giảm 4,2% hộ nghèo.",
    "p1.2.governance": "Bộ máy chính quyền hoạt động ổn định; các đoàn thể vận động nhân dân "
    "tham gia xây dựng nông thôn mới.",
    "p1.2.budget": "Thu ngân sách trên địa bàn ước đạt 92% dự toán; chi đúng dự toán được giao.",
    "p1.3.overview": "Kinh tế - xã hội của xã tiếp tục phát triển; đời sống nhân dân từng bước "
    "được cải thiện, quốc phòng - an ninh được giữ vững.",
    "p2.1.advantages": "Các chương trình mục tiêu quốc gia tiếp tục được bố trí vốn; hạ tầng "
    "giao thông đã kết nối đến các thôn.",
    "p2.1.difficulties": "Nguồn lực đầu tư còn hạn chế so với nhu cầu; nguy cơ thiên tai và "
    "dịch bệnh trên cây trồng, vật nuôi.",
    "p2.1.outlook": "Dự kiến các chỉ tiêu chủ yếu năm kế hoạch có khả năng hoàn thành nếu được "
    "bố trí đủ vốn theo dự kiến.",
    "p2.2.resources": "Ngân sách xã, vốn chương trình mục tiêu quốc gia và đóng góp của nhân "
    "dân là các nguồn chính.",
    "p2.3.targets": "Tăng thu nhập bình quân đầu người; giảm tỷ lệ hộ nghèo từ 3% trở lên; "
    "giữ vững các tiêu chí nông thôn mới đã đạt.",
    "p2.3.economy": "Phát triển vùng chè và lúa hàng hóa; hoàn thiện đường nội thôn và kênh "
    "mương; hỗ trợ giống cho hộ nghèo.",
    "p2.3.culture_society": "Sửa chữa phòng học, nâng cao chất lượng khám chữa bệnh tại trạm "
    "y tế; giữ gìn bản sắc văn hóa dân tộc.",
    "p2.3.governance": "Nâng cao năng lực cán bộ xã và tổ công tác thôn; công khai kế hoạch "
    "tới nhân dân.",
    "p2.3.budget": "Phấn đấu thu ngân sách đạt và vượt dự toán; ưu tiên chi cho các hoạt động "
    "đã được hội nghị xã thống nhất.",
    "p2.4.balance": "Các hoạt động chưa có nguồn được đưa vào danh mục đề nghị cấp trên hỗ "
    "trợ hoặc chuyển sang năm sau.",
    "p2.5.responsibilities": "Các bộ phận chuyên môn, thôn và đoàn thể thực hiện theo danh "
    "mục hoạt động tại Phụ lục 02.",
    "p2.5.monitoring": "Tổ công tác kế hoạch xã theo dõi hằng quý, báo cáo UBND xã và phòng "
    "Tài chính - Kế hoạch huyện.",
    "p2.5.assumptions": "Vốn được giao không thấp hơn năm trước; không có thiên tai lớn.",
    "p2.5.recommendations": "Đề nghị huyện hỗ trợ kè chống sạt lở suối Nậm Pẻn và bố trí vốn "
    "sửa chữa trường học.",
}


def load_demo_documents(say=lambda _msg: None) -> None:
    from sedp.plans.services import plan_update_sections

    plan = (
        Plan.objects.filter(kind=PlanKind.COMMUNE_PLAN, unit__name="Xã Mường Hum")
        .order_by("pk")
        .first()
    )
    if plan is None or not plan.is_editable:
        return
    empty = set(plan.sections.filter(body="").values_list("code", flat=True))
    bodies = {code: text for code, text in TEXTS.items() if code in empty}
    if not bodies:
        return
    planner = get_user_model().objects.filter(username="kh.muonghum").first()
    admin = get_user_model().objects.filter(username="admin").first()
    plan_update_sections(user=planner or admin, plan=plan, bodies=bodies)
    say(f"Nội dung kế hoạch xã Mường Hum: {len(bodies)} mục (xem văn bản Word của kế hoạch)")
