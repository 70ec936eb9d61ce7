"""Demo documents for report year 2026 on the three-tier Lào Cai: the province's launch
letter and directive, Bát Xát district's letters 1 and 2, Mường Hum's launch letter.
Issued through the service, so they reach their recipients' inboxes and complete the
issuers' tasks. Idempotent."""

import datetime

from django.contrib.auth import get_user_model

from sedp.directives.kinds import BY_CODE
from sedp.directives.models import Document
from sedp.directives.services import document_issue
from sedp.territory.models import AdminUnit, Agency, AgencyKind

YEAR = 2026
COMMUNE = ("laocai-2015", "02728")  # Mường Hum, huyện Bát Xát

K = AgencyKind
# (level: "province"/"district"/"commune", issuer kind, login, kind, number, day, title, body)
DOCUMENTS = [
    ("province", K.PEOPLES_COMMITTEE, "ubnd.tinh", "tinh.launch_letter", "1520/UBND-TH",
     datetime.date(2026, 4, 28),
     "V/v triển khai xây dựng kế hoạch phát triển kinh tế - xã hội năm 2027",
     "UBND tỉnh yêu cầu các Sở, ban, ngành, UBND các huyện, thị xã, thành phố triển khai xây "
     "dựng KHPT KTXH năm 2027 theo Quy trình ban hành kèm theo Quyết định 1131/QĐ-UBND; Sở "
     "KHĐT hướng dẫn chi tiết; báo cáo trước ngày 20/7/2026."),
    ("province", K.PEOPLES_COMMITTEE, "ubnd.tinh", "tinh.directive", "12/CT-UBND",
     datetime.date(2026, 6, 10),
     "Chỉ thị về xây dựng kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà "
     "nước năm 2027",
     "Các cấp, các ngành bám sát định hướng của tỉnh, lập kế hoạch có sự tham gia của người "
     "dân từ thôn, bản; ưu tiên các hoạt động cho hộ nghèo, phụ nữ và đồng bào dân tộc thiểu số."),
    ("district", K.PEOPLES_COMMITTEE, None, "huyen.letter1", "385/UBND-TCKH",
     datetime.date(2026, 5, 4),
     "V/v chuẩn bị xây dựng KHPT KTXH năm 2027 của huyện Bát Xát",
     "UBND huyện yêu cầu các phòng, ban và UBND các xã, thị trấn chuẩn bị lập kế hoạch năm "
     "2027: thành lập tổ công tác, thu thập thông tin từ thôn, bản trước ngày 01/6/2026."),
    ("district", K.FINANCE_PLANNING_OFFICE, "tckh.batxat", "huyen.letter2", "52/TCKH",
     datetime.date(2026, 7, 8),
     "V/v triển khai lập KHPT KTXH năm 2027 (Văn bản 2)",
     "Phòng TCKH thông báo kết luận Hội nghị lần 1, khung KH định hướng của huyện và hướng "
     "dẫn các xã hoàn thiện dự thảo kế hoạch."),
    ("commune", K.PEOPLES_COMMITTEE, "ubnd.muonghum", "xa.launch_letter", "45/UBND-VP",
     datetime.date(2026, 5, 6),
     "V/v triển khai lập kế hoạch phát triển kinh tế - xã hội năm 2027 của xã Mường Hum",
     "UBND xã giao các bộ phận chuyên môn, đoàn thể, các thôn và cơ quan, đơn vị trên địa bàn "
     "cung cấp thông tin lập kế hoạch; các thôn kiện toàn tổ công tác KH thôn và họp thôn "
     "trước ngày 01/6/2026."),
]  # fmt: skip


def load_demo_documents(say=lambda _msg: None) -> int:
    try:
        commune = AdminUnit.objects.select_related("parent").get(
            structure__code=COMMUNE[0], code=COMMUNE[1]
        )
    except AdminUnit.DoesNotExist:
        return 0
    units = {"commune": commune, "district": commune.parent,
             "province": AdminUnit.objects.get(pk=commune.ancestor_ids()[0])}  # fmt: skip
    users = {u.username: u for u in get_user_model().objects.all()}
    created = 0
    for level, agency_kind, login, kind, number, day, title, body in DOCUMENTS:
        issuer = Agency.objects.filter(unit=units[level], kind=agency_kind).order_by("pk").first()
        if issuer is None or Document.objects.filter(issuer=issuer, number=number).exists():
            continue
        spec = BY_CODE[kind]
        document_issue(
            user=users.get(login),
            issuer=issuer,
            kind=kind,
            number=number,
            issued_on=day,
            report_year=YEAR,
            title=title,
            body=body,
            recipient_kinds=spec.recipient_kinds,
            levels_below=spec.levels_below,
            sector_line=spec.sector_line,
        )
        created += 1
    if created:
        say(f"Văn bản: {created} văn bản chỉ đạo")
    return created
