"""The printed structure of each level's plan (seed, NỘI DUNG BẢN KẾ HOẠCH …), as a tree.

These headings are the text of the official document, transcribed from the seed, and stay in
Vietnamese whatever the interface language: a plan is issued in Vietnamese (like the fixed
wording of the .docx templates). Each leaf names the PlanSection code (plans/outlines.py)
whose text fills it; the tree adds the parts and sections above the leaves. Depth gives the
Decree 30 numbering: PHẦN I → I. → 1. → 1.1.; `{X}` and `{X1}` are the report and plan years.

A node is (title, code) for a leaf or (title, [children]) for a heading.
"""

from sedp.plans.models import PlanKind

COMMUNE = [
    (
        "ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {X}",
        [
            (
                "Thuận lợi, khó khăn trong việc thực hiện KHPT KTXH xã năm {X}",
                [
                    (
                        "Những thuận lợi chính trong thực hiện KHPT KTXH xã năm {X}",
                        "p1.1.advantages",
                    ),
                    (
                        "Những khó khăn chính trong thực hiện KHPT KTXH xã năm {X}",
                        "p1.1.difficulties",
                    ),
                ],
            ),
            (
                "Kết quả thực hiện KHPT KTXH theo từng lĩnh vực",
                [
                    ("Tình hình thực hiện các chỉ tiêu KH định hướng", "p1.2.targets"),
                    (
                        "Đánh giá chi tiết theo lĩnh vực",
                        [
                            ("Lĩnh vực Kinh tế", "p1.2.economy"),
                            ("Lĩnh vực văn hóa - xã hội", "p1.2.culture_society"),
                            (
                                "Quản lý chính quyền và các hoạt động đoàn thể",
                                "p1.2.governance",
                            ),
                            ("Tài chính ngân sách", "p1.2.budget"),
                        ],
                    ),
                ],
            ),
            ("Đánh giá khái quát về tình hình phát triển KTXH trên địa bàn xã", "p1.3.overview"),
        ],
    ),
    (
        "MỤC TIÊU, NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN KHPT KTXH NĂM {X1}",
        [
            (
                "Những thuận lợi, khó khăn trong phát triển KTXH của xã năm {X1}",
                [
                    ("Thuận lợi", "p2.1.advantages"),
                    ("Khó khăn", "p2.1.difficulties"),
                    (
                        "Nhận định chung về mức độ thực hiện phát triển KTXH của xã năm {X1}",
                        "p2.1.outlook",
                    ),
                ],
            ),
            ("Dự báo nguồn lực tài chính trên địa bàn xã năm {X1}", "p2.2.resources"),
            (
                "Mục tiêu, giải pháp phát triển KTXH của xã năm {X1}",
                [
                    ("Mục tiêu KH định hướng", "p2.3.targets"),
                    (
                        "Mục tiêu, chỉ tiêu và giải pháp phát triển từng ngành, lĩnh vực",
                        [
                            ("Lĩnh vực Kinh tế", "p2.3.economy"),
                            ("Lĩnh vực văn hóa - xã hội", "p2.3.culture_society"),
                            (
                                "Quản lý chính quyền và các hoạt động đoàn thể",
                                "p2.3.governance",
                            ),
                            ("Tài chính ngân sách", "p2.3.budget"),
                        ],
                    ),
                ],
            ),
            ("Cân đối nguồn lực thực hiện KHPT KTXH xã", "p2.4.balance"),
            (
                "Tổ chức và phân công thực hiện",
                [
                    ("Phân công trách nhiệm thực hiện KH", "p2.5.responsibilities"),
                    ("Tổ chức theo dõi đánh giá KH", "p2.5.monitoring"),
                    (
                        "Điều kiện thực hiện KH",
                        [
                            ("Điều kiện giả định khi xây dựng kế hoạch", "p2.5.assumptions"),
                            ("Kiến nghị với cấp huyện và tỉnh", "p2.5.recommendations"),
                        ],
                    ),
                ],
            ),
        ],
    ),
]

DISTRICT = [
    (
        "TÌNH HÌNH THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {X}",
        [
            (
                "Tình hình kinh tế - xã hội 6 tháng đầu năm {X}",
                [
                    ("Những kết quả đạt được", "d1.1.results"),
                    ("Những khó khăn yếu kém và nguyên nhân", "d1.1.difficulties"),
                ],
            ),
            (
                "Dự kiến khả năng thực hiện chỉ tiêu kế hoạch năm {X} và các biện pháp cần "
                "triển khai trong những tháng cuối năm",
                [
                    ("Những chỉ tiêu có khả năng thực hiện", "d1.2.achievable"),
                    ("Những chỉ tiêu khó thực hiện", "d1.2.difficult"),
                    ("Những giải pháp cần triển khai thực hiện", "d1.2.measures"),
                ],
            ),
        ],
    ),
    (
        "NHỮNG DỰ BÁO LIÊN QUAN ĐẾN PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {X1}",
        [
            (
                "Dự báo các yếu tố kinh tế - chính trị - xã hội",
                [
                    ("Yếu tố trong nước, quốc tế", "d2.1.national"),
                    ("Yếu tố tỉnh", "d2.1.province"),
                    ("Yếu tố trong huyện", "d2.1.district"),
                ],
            ),
            (
                "Dự báo các nguồn lực",
                [
                    ("Dự báo vốn đầu tư", "d2.2.investment"),
                    ("Dự báo nguồn dân số và lao động", "d2.2.labour"),
                    ("Dự báo ngân sách địa phương", "d2.2.budget"),
                ],
            ),
        ],
    ),
    (
        "NHIỆM VỤ VÀ ĐỊNH HƯỚNG CHÍNH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {X1}",
        [
            ("Nhiệm vụ phát triển kinh tế - xã hội", "d3.tasks"),
            ("Những định hướng chính phát triển kinh tế - xã hội", "d3.directions"),
            ("Những mục tiêu ưu tiên và chỉ tiêu KH", "d3.targets"),
        ],
    ),
]

PROVINCE = [
    (
        "ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH NĂM {X}",
        [
            (
                "Nhận định chung về những thuận lợi, khó khăn trong năm {X}",
                [
                    ("Đặc điểm chung", "v1.1.features"),
                    ("Những thuận lợi, khó khăn cơ bản trong năm {X}", "v1.1.conditions"),
                ],
            ),
            (
                "Đánh giá thực hiện kế hoạch năm {X}",
                [
                    ("Đánh giá thực hiện các chỉ tiêu KH định hướng", "v1.2.targets"),
                    (
                        "Đánh giá thực hiện KH theo nhiệm vụ và hoạt động năm {X}",
                        "v1.2.activities",
                    ),
                ],
            ),
            ("Đánh giá khái quát về thực trạng phát triển", "v1.3.overview"),
        ],
    ),
    (
        "DỰ BÁO CÁC YẾU TỐ TÁC ĐỘNG ĐẾN NĂM KẾ HOẠCH {X1}",
        [
            (
                "Dự báo tác động của bối cảnh quốc tế, trong vùng, trong nước",
                [
                    (
                        "Tác động bối cảnh tình hình quốc tế đến khả năng phát triển năm KH {X1}",
                        "v2.1.international",
                    ),
                    (
                        "Tác động bối cảnh tình hình trong nước đến khả năng phát triển "
                        "năm KH {X1}",
                        "v2.1.national",
                    ),
                    (
                        "Tác động bối cảnh tình hình trong vùng đến khả năng phát triển "
                        "năm KH {X1}",
                        "v2.1.regional",
                    ),
                    (
                        "Đánh giá những thuận lợi, khó khăn trong năm {X1}",
                        [
                            ("Những thuận lợi (cơ hội) cơ bản", "v2.1.opportunities"),
                            ("Những khó khăn (thách thức) chủ yếu", "v2.1.challenges"),
                        ],
                    ),
                ],
            ),
            (
                "Dự báo khả năng nguồn lực tài chính",
                [
                    ("Cơ cấu nguồn lực tài chính", "v2.2.structure"),
                    ("Căn cứ dự báo", "v2.2.basis"),
                    ("Phương pháp dự báo", "v2.2.method"),
                ],
            ),
        ],
    ),
    (
        "MỤC TIÊU, CHỈ TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP",
        [
            ("Mục tiêu", "v3.objectives"),
            ("Nhiệm vụ", "v3.tasks"),
            ("Chỉ tiêu định hướng", "v3.targets"),
            ("Các giải pháp thực hiện", "v3.solutions"),
        ],
    ),
    (
        "KẾ HOẠCH THEO DÕI ĐÁNH GIÁ VÀ TỔ CHỨC THỰC HIỆN",
        [
            (
                "Kế hoạch theo dõi đánh giá",
                [
                    ("Theo dõi đánh giá chỉ tiêu định hướng", "v4.1.targets"),
                    ("Theo dõi đánh giá chương trình hành động", "v4.1.actions"),
                ],
            ),
            (
                "Tổ chức phân công thực hiện KH",
                [
                    ("Phân công trách nhiệm thực hiện KH", "v4.2.responsibilities"),
                    ("Tổ chức theo dõi đánh giá KH", "v4.2.monitoring"),
                    ("Các điều kiện thực hiện KH và kiến nghị với tỉnh", "v4.2.conditions"),
                ],
            ),
        ],
    ),
]

# A village proposal or an agency input (seed, commune step 2: assessment and solutions).
INPUT = [
    ("Kết quả thực hiện năm {X}", "results"),
    ("Những vấn đề, khó khăn cần giải quyết", "problems"),
    ("Nguyên nhân", "causes"),
    ("Giải pháp", "solutions"),
]

# District step 1: the sector orientation form (Mẫu cung cấp thông tin định hướng phát triển
# ngành/lĩnh vực), for the whole sector.
ORIENTATION = [
    ("Tình hình của ngành 6 tháng đầu năm và ước thực hiện năm {X}", "situation"),
    ("Những vấn đề của toàn ngành", "problems"),
    ("Nguyên nhân", "causes"),
    ("Mục tiêu phát triển của ngành năm {X1}", "objectives"),
    ("Nhiệm vụ, giải pháp chủ yếu và đề xuất", "proposals"),
]

# District step 2: the directional plan (KH định hướng), its three contents.
DISTRICT_ORIENTATION = [
    ("Đánh giá tình hình thực hiện 6 tháng đầu năm {X}", "p1.half_year"),
    ("Ước thực hiện năm {X}", "p1.estimate"),
    ("Dự báo các vấn đề của năm {X1}", "p2.forecast"),
    ("Khả năng tăng trưởng, đầu tư, chuyển dịch cơ cấu và giảm nghèo", "p2.resources"),
    ("Những mục tiêu phát triển chủ yếu năm {X1}", "p3.objectives"),
]

DOCUMENT_OUTLINES = {
    PlanKind.SECTOR_ORIENTATION: ORIENTATION,
    PlanKind.DISTRICT_ORIENTATION: DISTRICT_ORIENTATION,
    PlanKind.COMMUNE_PLAN: COMMUNE,
    PlanKind.DISTRICT_PLAN: DISTRICT,
    PlanKind.DISTRICT_SECTOR_PLAN: DISTRICT,
    PlanKind.PROVINCE_PLAN: PROVINCE,
    PlanKind.PROVINCE_SECTOR_PLAN: PROVINCE,
    PlanKind.VILLAGE_PROPOSAL: INPUT,
    PlanKind.AGENCY_INPUT: INPUT,
}

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
# Inputs have no parts: their top level is the Roman-numbered section.
STYLES_WITH_PARTS = ["part", "section", "clause", "subclause"]
STYLES_WITHOUT_PARTS = ["section", "clause", "subclause", "subclause"]


def roman(number: int) -> str:
    return ROMAN[number - 1] if number <= len(ROMAN) else str(number)


def walk(tree, *, with_parts=True):
    """Yield (style, numbered title, code or None) in document order, numbering by depth:
    PHẦN I: … / I. … / 1. … / 1.1. …"""
    styles = STYLES_WITH_PARTS if with_parts else STYLES_WITHOUT_PARTS

    def visit(nodes, depth, prefix):
        for index, (title, content) in enumerate(nodes, start=1):
            style = styles[min(depth, len(styles) - 1)]
            if style == "part":
                label, child_prefix = f"PHẦN {roman(index)}: {title}", ""
            elif style == "section":
                label, child_prefix = f"{roman(index)}. {title}", ""
            else:
                number = f"{prefix}{index}"
                label, child_prefix = f"{number}. {title}", f"{number}."
            if isinstance(content, list):
                yield style, label, None
                yield from visit(content, depth + 1, child_prefix)
            else:
                yield style, label, content

    yield from visit(tree, 0, "")


def leaf_codes(tree) -> list[str]:
    return [code for _style, _title, code in walk(tree) if code]
