"""The reference catalogue: plan indicators of Lào Cai's provincial and commune SEDP
resolutions, and the items of the village basic-data form (biểu số liệu cơ bản thôn).

`ensure_catalogue()` creates what is missing and never overwrites an administrator's edits,
so the demo and a fresh installation can both call it any number of times.
"""

from decimal import Decimal

from django.db import transaction

from sedp.indicators.models import Comparison, Indicator, IndicatorGroup, Nature, Rule
from sedp.territory.models import Sector

PROVINCE = ["tinh", "tp_tw"]
DISTRICT = ["huyen", "quan", "thi_xa", "tp_thuoc_tinh"]
COMMUNE = ["xa", "phuong", "thi_tran", "dac_khu"]
VILLAGE = ["thon", "ban", "to_dan_pho"]
ALL = PROVINCE + DISTRICT + COMMUNE + VILLAGE
PLAN = PROVINCE + DISTRICT + COMMUNE
ABOVE_COMMUNE = PROVINCE + DISTRICT
# New-rural-development (NTM) criteria are for rural communes, not wards or townships.
RURAL = PROVINCE + DISTRICT + ["xa"]

G = IndicatorGroup
S, F = Nature.STOCK, Nature.FLOW


def _i(code, name, uom, group, sector, types, rule, nature=F, decimals=0, **extra):
    return dict(
        code=code,
        name=name,
        unit_of_measure=uom,
        group=group,
        sector=sector,
        unit_types=types,
        rule=rule,
        nature=nature,
        decimals=decimals,
        **extra,
    )


def _ratio(code, name, group, sector, types, numerator, denominator, **extra):
    extra.setdefault("decimals", 2)
    return _i(
        code,
        name,
        "%",
        group,
        sector,
        types,
        Rule.RATIO,
        S,
        numerator=numerator,
        denominator=denominator,
        factor=Decimal(100),
        **extra,
    )


CATALOGUE = [
    # — Kinh tế —
    _i("tang-truong-grdp", "Tốc độ tăng trưởng kinh tế (GRDP)", "%", G.ECONOMY, "dau-tu",
       ABOVE_COMMUNE, Rule.NONE, decimals=2, allow_negative=True),
    _i("tang-truong-gtsx", "Tốc độ tăng giá trị sản xuất trên địa bàn", "%", G.ECONOMY, "dau-tu",
       COMMUNE, Rule.NONE, decimals=2, allow_negative=True),
    _i("grdp", "Quy mô GRDP (giá hiện hành)", "tỷ đồng", G.ECONOMY, "dau-tu", ABOVE_COMMUNE,
       Rule.SUM, decimals=1),
    _i("grdp-binh-quan", "GRDP bình quân đầu người", "triệu đồng/người", G.ECONOMY, "dau-tu",
       ABOVE_COMMUNE, Rule.DERIVED, decimals=1, formula="grdp * 1000 / dan_so"),
    _i("thu-nhap-binh-quan", "Thu nhập bình quân đầu người", "triệu đồng/người/năm", G.ECONOMY,
       "dau-tu", PLAN, Rule.WAVG, decimals=1, weight="dan-so"),
    _i("von-dau-tu", "Tổng vốn đầu tư phát triển toàn xã hội", "tỷ đồng", G.ECONOMY, "dau-tu",
       PLAN, Rule.SUM, decimals=1),
    _i("thu-ngan-sach", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", G.ECONOMY, "tai-chinh",
       PLAN, Rule.SUM, decimals=3),
    _i("chi-ngan-sach", "Chi ngân sách địa phương", "tỷ đồng", G.ECONOMY, "tai-chinh", PLAN,
       Rule.SUM, decimals=3),
    _i("san-luong-luong-thuc", "Tổng sản lượng lương thực có hạt", "tấn", G.ECONOMY,
       "trong-trot-bvtv", ALL, Rule.SUM),
    _i("dien-tich-lua", "Diện tích lúa cả năm", "ha", G.ECONOMY, "trong-trot-bvtv", ALL,
       Rule.SUM, decimals=1),
    _i("nang-suat-lua", "Năng suất lúa bình quân", "tạ/ha", G.ECONOMY, "trong-trot-bvtv", ALL,
       Rule.WAVG, decimals=1, weight="dien-tich-lua"),
    _i("dien-tich-che", "Diện tích chè", "ha", G.ECONOMY, "trong-trot-bvtv", ALL, Rule.SUM, S, 1),
    _i("dan-gia-suc", "Tổng đàn gia súc", "con", G.ECONOMY, "chan-nuoi-thu-y", ALL, Rule.SUM, S),
    _i("trong-rung-moi", "Diện tích trồng rừng mới", "ha", G.ECONOMY, "lam-nghiep", ALL,
       Rule.SUM, decimals=1),
    _i("khach-du-lich", "Tổng lượt khách du lịch", "lượt", G.ECONOMY, "du-lich", PLAN, Rule.SUM),
    _i("tieu-chi-ntm", "Số tiêu chí nông thôn mới đạt được", "tiêu chí", G.ECONOMY,
       "nong-thon-moi", ["xa"], Rule.NONE, S),
    _i("so-xa-ntm", "Số xã đạt chuẩn nông thôn mới", "xã", G.ECONOMY, "nong-thon-moi",
       ABOVE_COMMUNE, Rule.COUNT, S, condition_indicator="tieu-chi-ntm",
       condition_operator=Comparison.GE, condition_threshold=Decimal(19)),
    _i("thon-dat-ntm", "Thôn đạt chuẩn nông thôn mới (1 = đạt, 0 = chưa)", "đạt/chưa",
       G.ECONOMY, "nong-thon-moi", VILLAGE, Rule.NONE, S),
    _i("so-thon-ntm", "Số thôn đạt chuẩn nông thôn mới", "thôn", G.ECONOMY, "nong-thon-moi",
       RURAL, Rule.COUNT, S, condition_indicator="thon-dat-ntm",
       condition_operator=Comparison.EQ, condition_threshold=Decimal(1)),
    _i("duong-truc-thon", "Chiều dài đường trục thôn, liên thôn", "km", G.ECONOMY,
       "giao-thong-xay-dung", ALL, Rule.SUM, S, 2),
    _i("duong-truc-thon-cung-hoa", "Đường trục thôn, liên thôn được cứng hóa", "km", G.ECONOMY,
       "giao-thong-xay-dung", ALL, Rule.SUM, S, 2),
    _ratio("ty-le-duong-cung-hoa", "Tỷ lệ đường trục thôn, liên thôn được cứng hóa", G.ECONOMY,
           "giao-thong-xay-dung", ALL, "duong-truc-thon-cung-hoa", "duong-truc-thon"),
    # — Xã hội (biểu số liệu cơ bản thôn first) —
    _i("ho-dan", "Tổng số hộ", "hộ", G.SOCIETY, "lao-dong-xa-hoi", ALL, Rule.SUM, S),
    _i("dan-so", "Dân số trung bình", "người", G.SOCIETY, "dan-so", ALL, Rule.SUM, S),
    _i("nhan-khau-nam", "Nhân khẩu nam", "người", G.SOCIETY, "dan-so", ALL, Rule.SUM, S),
    _i("nhan-khau-nu", "Nhân khẩu nữ", "người", G.SOCIETY, "dan-so", ALL, Rule.SUM, S),
    _i("nhan-khau-dtts", "Nhân khẩu người dân tộc thiểu số", "người", G.SOCIETY, "dan-toc", ALL,
       Rule.SUM, S),
    _ratio("ty-le-dtts", "Tỷ lệ người dân tộc thiểu số", G.SOCIETY, "dan-toc", ALL,
           "nhan-khau-dtts", "dan-so", direction="neutral"),
    _i("ho-ngheo", "Số hộ nghèo", "hộ", G.SOCIETY, "giam-ngheo", ALL, Rule.SUM, S,
       direction="down"),
    _i("ho-can-ngheo", "Số hộ cận nghèo", "hộ", G.SOCIETY, "giam-ngheo", ALL, Rule.SUM, S,
       direction="down"),
    _ratio("ty-le-ho-ngheo", "Tỷ lệ hộ nghèo", G.SOCIETY, "giam-ngheo", ALL, "ho-ngheo",
           "ho-dan", direction="down"),
    _ratio("ty-le-ho-can-ngheo", "Tỷ lệ hộ cận nghèo", G.SOCIETY, "giam-ngheo", ALL,
           "ho-can-ngheo", "ho-dan", direction="down"),
    _i("giam-ty-le-ho-ngheo", "Mức giảm tỷ lệ hộ nghèo", "điểm %", G.SOCIETY, "giam-ngheo", PLAN,
       Rule.NONE, decimals=2),
    _i("nguoi-co-bhyt", "Số người tham gia bảo hiểm y tế", "người", G.SOCIETY, "y-te", ALL,
       Rule.SUM, S),
    _ratio("ty-le-bhyt", "Tỷ lệ dân số tham gia bảo hiểm y tế", G.SOCIETY, "y-te", ALL,
           "nguoi-co-bhyt", "dan-so"),
    _i("tre-duoi-5", "Số trẻ em dưới 5 tuổi", "trẻ", G.SOCIETY, "tre-em", ALL, Rule.SUM, S),
    _i("suy-dinh-duong", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi", "%", G.SOCIETY,
       "y-te-du-phong", PLAN, Rule.WAVG, S, 2, weight="tre-duoi-5", direction="down"),
    _i("dat-tieu-chi-y-te", "Xã đạt Bộ tiêu chí quốc gia về y tế xã (1 = đạt, 0 = chưa)",
       "đạt/chưa", G.SOCIETY, "y-te", COMMUNE, Rule.NONE, S),
    _i("so-xa-tieu-chi-y-te", "Số xã đạt Bộ tiêu chí quốc gia về y tế xã", "xã", G.SOCIETY,
       "y-te", ABOVE_COMMUNE, Rule.COUNT, S, condition_indicator="dat-tieu-chi-y-te",
       condition_operator=Comparison.EQ, condition_threshold=Decimal(1)),
    _i("tong-so-truong", "Tổng số trường học", "trường", G.SOCIETY, "giao-duc", PLAN, Rule.SUM, S),
    _i("truong-dat-chuan", "Số trường đạt chuẩn quốc gia", "trường", G.SOCIETY, "giao-duc",
       PLAN, Rule.SUM, S),
    _ratio("ty-le-truong-dat-chuan", "Tỷ lệ trường đạt chuẩn quốc gia", G.SOCIETY, "giao-duc",
           PLAN, "truong-dat-chuan", "tong-so-truong"),
    _i("viec-lam-moi", "Số lao động được tạo việc làm mới", "người", G.SOCIETY,
       "lao-dong-xa-hoi", PLAN, Rule.SUM),
    # — Môi trường —
    _i("dien-tich-tu-nhien", "Diện tích đất tự nhiên", "ha", G.ENVIRONMENT, "dat-dai", ALL,
       Rule.SUM, S, 1),
    _i("dien-tich-co-rung", "Diện tích đất có rừng", "ha", G.ENVIRONMENT, "lam-nghiep", ALL,
       Rule.SUM, S, 1),
    _ratio("do-che-phu-rung", "Tỷ lệ che phủ rừng", G.ENVIRONMENT, "lam-nghiep", ALL,
           "dien-tich-co-rung", "dien-tich-tu-nhien"),
    _i("ho-nuoc-hvs", "Số hộ sử dụng nước sinh hoạt hợp vệ sinh", "hộ", G.ENVIRONMENT,
       "ve-sinh-moi-truong", ALL, Rule.SUM, S),
    _ratio("ty-le-nuoc-hvs", "Tỷ lệ hộ sử dụng nước sinh hoạt hợp vệ sinh", G.ENVIRONMENT,
           "ve-sinh-moi-truong", ALL, "ho-nuoc-hvs", "ho-dan"),
    _i("ho-nha-tieu-hvs", "Số hộ có nhà tiêu hợp vệ sinh", "hộ", G.ENVIRONMENT,
       "ve-sinh-moi-truong", ALL, Rule.SUM, S),
    _ratio("ty-le-nha-tieu-hvs", "Tỷ lệ hộ có nhà tiêu hợp vệ sinh", G.ENVIRONMENT,
           "ve-sinh-moi-truong", ALL, "ho-nha-tieu-hvs", "ho-dan"),
    _i("rac-phat-sinh", "Khối lượng chất thải rắn sinh hoạt phát sinh", "tấn/ngày",
       G.ENVIRONMENT, "ve-sinh-moi-truong", PLAN, Rule.SUM, decimals=2),
    _i("rac-thu-gom", "Khối lượng chất thải rắn sinh hoạt được thu gom, xử lý", "tấn/ngày",
       G.ENVIRONMENT, "ve-sinh-moi-truong", PLAN, Rule.SUM, decimals=2),
    _ratio("ty-le-thu-gom-rac", "Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý",
           G.ENVIRONMENT, "ve-sinh-moi-truong", PLAN, "rac-thu-gom", "rac-phat-sinh"),
    # — Quản lý nhà nước —
    _i("ho-so-tthc", "Tổng số hồ sơ thủ tục hành chính tiếp nhận", "hồ sơ", G.GOVERNANCE,
       "hanh-chinh", PLAN, Rule.SUM),
    _i("ho-so-truc-tuyen", "Số hồ sơ thủ tục hành chính tiếp nhận trực tuyến", "hồ sơ",
       G.GOVERNANCE, "hanh-chinh", PLAN, Rule.SUM),
    _ratio("ty-le-ho-so-truc-tuyen", "Tỷ lệ hồ sơ thủ tục hành chính trực tuyến", G.GOVERNANCE,
           "hanh-chinh", PLAN, "ho-so-truc-tuyen", "ho-so-tthc"),
    _i("thon-an-toan-anninh", "Số thôn, tổ dân phố đạt tiêu chuẩn an toàn về an ninh, trật tự",
       "thôn", G.GOVERNANCE, "quoc-phong-an-ninh", PLAN, Rule.SUM, S),
]  # fmt: skip

_REFERENCES = ("numerator", "denominator", "weight", "condition_indicator")


@transaction.atomic
def ensure_catalogue() -> int:
    """Create the catalogue's missing indicators; return how many were created."""
    existing = {i.code: i for i in Indicator.objects.all()}
    sectors = {s.code: s for s in Sector.objects.all()}
    created = []
    for order, spec in enumerate(CATALOGUE, start=1):
        if spec["code"] in existing:
            continue
        fields = {k: v for k, v in spec.items() if k not in _REFERENCES}
        fields["sector"] = sectors.get(spec["sector"])
        indicator = Indicator.objects.create(order=order * 10, **fields)
        existing[indicator.code] = indicator
        created.append((indicator, spec))
    # Second pass: references may point to indicators listed later.
    for indicator, spec in created:
        for name in _REFERENCES:
            if spec.get(name):
                setattr(indicator, name, existing[spec[name]])
        indicator.save()
    return len(created)
