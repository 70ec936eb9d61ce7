"""A recorded official document as a Word (and PDF) file in the format of Decree 30/2020/NĐ-CP:
the provincial directive, the Department's guidance, the district's letters 1 and 2, the
commune's launch letter…

The type of a document (chỉ thị, hướng dẫn, kế hoạch, công văn…) is read from what the office
recorded: the type code in its number ("12/CT-UBND"), else the title ("V/v …" is a letter,
"Chỉ thị về …" a directive), else the kind's usual type. A letter (công văn) has no type
title: its subject ("V/v …") goes under the number and it opens with "Kính gửi:".
Registered with sedp.documents from DirectivesConfig.ready(); like the plan documents, the
wording is Vietnamese whatever the interface language.
"""

import hashlib
import re

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sedp.documents.registry import DocxKind, Target, register, register_target
from sedp.documents.wording import (
    committee,
    committee_short,
    in_text,
    place_date,
    superior_of,
    upper,
)
from sedp.territory.models import AgencyKind as A

LETTER = "CV"
# Type code (as written in the number) -> the type's name in the document's title.
TYPE_NAMES = {
    "CT": "CHỈ THỊ",
    "HD": "HƯỚNG DẪN",
    "KH": "KẾ HOẠCH",
    "QĐ": "QUYẾT ĐỊNH",
    "NQ": "NGHỊ QUYẾT",
    "TB": "THÔNG BÁO",
    "BC": "BÁO CÁO",
    "TTr": "TỜ TRÌNH",
}
# The usual type of each kind, when neither the number nor the title says it.
KIND_TYPES = {
    "tinh.launch_letter": LETTER,
    "tinh.preliminary_assessment": "BC",
    "tinh.directive": "CT",
    "tinh.supplementary_guidance": "HD",
    "tinh.district_orientation": LETTER,
    "tinh.commune_guidance": "HD",
    "tinh.update_request": LETTER,
    "tinh.resolution": "NQ",
    "tinh.official_targets": "QĐ",
    "tinh.plan_published": "TB",
    "sector.orientation_framework": "HD",
    "sector.supplementary_guidance": "HD",
    "huyen.letter1": LETTER,
    "huyen.letter2": "KH",
    "huyen.detailed_guidance": "HD",
    "huyen.supplementary_guidance": "HD",
    "huyen.update_request": LETTER,
    "huyen.resolution": "NQ",
    "huyen.official_targets": "QĐ",
    "huyen.plan_published": "TB",
    "xa.launch_letter": "CT",
    "xa.group_decision": "QĐ",
    "xa.consultation_response": "TB",
    "xa.resolution": "NQ",
}
# The symbol of the issuing body after the type code ("CT-UBND", "HD-SKHĐT").
KIND_SYMBOLS = {
    A.PEOPLES_COMMITTEE: "UBND",
    A.PEOPLES_COUNCIL: "HĐND",
    A.PLANNING_DEPARTMENT: "SKHĐT",
    A.FINANCE_DEPARTMENT: "STC",
    A.FINANCE_PLANNING_OFFICE: "TCKH",
    A.COMMUNE_PLANNING_GROUP: "TCT",
}
# Who signs for each kind of issuing body: (authority line, title).
SIGNATURES = {
    A.PEOPLES_COMMITTEE: ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    A.PEOPLES_COUNCIL: ("TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"),
    A.PLANNING_DEPARTMENT: ("", "GIÁM ĐỐC"),
    A.FINANCE_DEPARTMENT: ("", "GIÁM ĐỐC"),
    A.SECTOR_DEPARTMENT: ("", "GIÁM ĐỐC"),
    A.FINANCE_PLANNING_OFFICE: ("", "TRƯỞNG PHÒNG"),
    A.DISTRICT_SECTOR_OFFICE: ("", "TRƯỞNG PHÒNG"),
    A.COMMUNE_PLANNING_GROUP: ("TM. TỔ CÔNG TÁC", "TỔ TRƯỞNG"),
    A.VILLAGE_WORKING_GROUP: ("TM. TỔ CÔNG TÁC", "TỔ TRƯỞNG"),
}
# How a group of recipients of one kind is named in "Nơi nhận" ("UBND cấp xã (12)").
RECIPIENT_GROUPS = {
    A.PEOPLES_COMMITTEE: "UBND",
    A.PEOPLES_COUNCIL: "Thường trực HĐND",
    A.PARTY_COMMITTEE: "Cấp ủy",
    A.PLANNING_DEPARTMENT: "Sở Kế hoạch và Đầu tư",
    A.FINANCE_DEPARTMENT: "Sở Tài chính",
    A.SECTOR_DEPARTMENT: "Các Sở, ban, ngành",
    A.STATISTICS_OFFICE: "Cơ quan thống kê",
    A.FINANCE_PLANNING_OFFICE: "Phòng Tài chính - Kế hoạch",
    A.DISTRICT_SECTOR_OFFICE: "Các phòng, ban chuyên môn",
    A.PUBLIC_SERVICE_UNIT: "Các đơn vị sự nghiệp",
    A.COMMUNE_SPECIALIST: "Bộ phận chuyên môn",
    A.MASS_ORGANISATION: "Các đoàn thể",
    A.SCHOOL: "Các trường học",
    A.HEALTH_STATION: "Trạm y tế",
    A.ENTERPRISE: "Các doanh nghiệp",
    A.COOPERATIVE: "Các hợp tác xã",
    A.PROJECT_BOARD: "Các ban quản lý dự án",
    A.COMMUNE_PLANNING_GROUP: "Tổ công tác kế hoạch",
    A.VILLAGE_WORKING_GROUP: "Tổ công tác kế hoạch",
}
_TYPE_WORDS = {name.capitalize(): code for code, name in TYPE_NAMES.items()}
_TYPE_ALTERNATIVES = "|".join(map(re.escape, _TYPE_WORDS))
_TITLE_TYPE = re.compile(rf"^({_TYPE_ALTERNATIVES})\b\s*", re.IGNORECASE)
_SUBJECT = re.compile(r"^v/v\b\.?\s*", re.IGNORECASE)
# Lines of the recorded text that are headings: "PHẦN I", "I.", "1.", "1.1.", "a)".
_LINE_STYLES = [
    (re.compile(r"^PHẦN [IVXLC]+\b"), "part"),
    (re.compile(r"^[IVXLC]+\.\s"), "section"),
    (re.compile(r"^\d+\.\d+\.?\s"), "subclause"),
    (re.compile(r"^\d+\.\s"), "clause"),
    (re.compile(r"^[a-zđ]\)\s"), "point"),
]


def type_code(document) -> str:
    """CT, HD, KH… or LETTER, from the number, else the title, else the kind."""
    symbol = document.number.split("/", 1)[1] if "/" in document.number else ""
    first = symbol.split("-", 1)[0].strip()
    if first in TYPE_NAMES and "-" in symbol:
        return first
    if "/" in document.number and first:  # "1520/UBND-TH": the issuer's symbol, a letter
        return LETTER
    if _SUBJECT.match(document.title):
        return LETTER
    match = _TITLE_TYPE.match(document.title)
    if match:
        return _TYPE_WORDS[match.group(1).capitalize()]
    return KIND_TYPES.get(document.kind, LETTER)


def _name_without_unit(agency) -> str:
    """'Phòng Tài chính - Kế hoạch huyện Bát Xát' -> 'Phòng Tài chính - Kế hoạch': the unit
    is the line above it in the heading."""
    name = agency.name
    for suffix in (in_text(agency.unit), agency.unit.name):
        if name.lower().endswith(" " + suffix.lower()):
            return name[: -len(suffix)].strip()
    return name


def issuer_symbol(agency) -> str:
    """'UBND', 'SKHĐT', 'TCKH'; another agency: the initials of its name ('SYT')."""
    if agency.kind in KIND_SYMBOLS:
        return KIND_SYMBOLS[agency.kind]
    words = re.findall(r"[^\W\d_]+", _name_without_unit(agency))
    if words and words[0].lower() == "phòng":
        words = words[1:]
    return "".join(w[0].upper() for w in words if w.lower() != "và") or "VP"


def number_line(document, code) -> str:
    """'Số: 12/CT-UBND' as recorded; a bare number gets the type and issuer's symbol."""
    number = document.number.strip()
    if "/" in number:
        return f"Số: {number}"
    symbol = issuer_symbol(document.issuer)
    return f"Số: {number}/{symbol if code == LETTER else f'{code}-{symbol}'}"


def heading(document) -> dict:
    issuer, unit = document.issuer, document.issuer.unit
    if issuer.kind == A.PEOPLES_COMMITTEE:
        superior, name = superior_of(unit), committee(unit)
    elif issuer.kind == A.PEOPLES_COUNCIL:
        superior, name = "", f"HỘI ĐỒNG NHÂN DÂN {upper(unit.name)}"
    else:
        superior, name = committee_short(unit), upper(_name_without_unit(issuer))
    return {"superior": superior, "issuer": name}


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def recipient_lines(document) -> list[str]:
    """The recipients in "Nơi nhận" form: one agency by its name, several of one kind on one
    level as a group ('UBND cấp xã (12)'). One query whatever their number."""
    groups = (
        document.recipients.values(
            "agency__kind", "agency__unit__level__rank", "agency__unit__level__name"
        )
        .annotate(count=Count("pk"), name=Min("agency__name"))
        .order_by("agency__unit__level__rank", "agency__kind")
    )
    lines = []
    for group in groups:
        if group["count"] == 1:
            lines.append(group["name"])
        else:
            words = RECIPIENT_GROUPS.get(group["agency__kind"], "Các cơ quan, đơn vị")
            level = (group["agency__unit__level__name"] or "").lower()
            if not level.startswith("cấp "):  # levels are data: "Cấp xã", or "Thôn, bản"
                level = f"cấp {level}"
            lines.append(f"{words} {level} ({group['count']})")
    return lines


def _addressees(recipients) -> list[str]:
    """'Kính gửi: X.' for one recipient; a dash line for each of several."""
    if len(recipients) <= 1:
        return [f"Kính gửi: {recipients[0]}." if recipients else "Kính gửi:"]
    last = len(recipients) - 1
    return ["Kính gửi:"] + [
        f"- {line}{'.' if index == last else ';'}" for index, line in enumerate(recipients)
    ]


def body_blocks(document) -> list[dict]:
    """The recorded summary and text, one block per line; numbered lines keep their style."""
    blocks = []
    for line in f"{document.summary}\n{document.body}".splitlines():
        text = line.strip()
        if not text:
            continue
        style = next((s for pattern, s in _LINE_STYLES if pattern.match(text)), "body")
        blocks.append({"style": style, "text": text})
    return blocks or [{"style": "note", "text": "(Chưa có nội dung)"}]


def directive_context(document, report) -> dict:
    report(20, "text")
    code = type_code(document)
    recipients = recipient_lines(document)
    title = document.title.strip()
    authority, signer = SIGNATURES.get(document.issuer.kind, ("", "THỦ TRƯỞNG ĐƠN VỊ"))
    context = {
        **heading(document),
        "number_line": number_line(document, code),
        "place_date": place_date(document.issuer.unit, document.issued_on),
        "blocks": body_blocks(document),
        "signature": {"authority": authority, "title": signer, "note": "", "name": ""},
    }
    if code == LETTER:
        subject = _SUBJECT.sub("", title)
        context.update(
            doc_type="",
            summary="",
            subject_line=f"V/v {_first_lower(subject)}",
            intro=_addressees(recipients),
            recipients=["Như trên;", "Lưu: VT."],
        )
    else:
        summary = _TITLE_TYPE.sub("", title) if _TITLE_TYPE.match(title) else title
        context.update(
            doc_type=TYPE_NAMES[code],
            summary=_first_upper(summary),
            subject_line="",
            intro=[],
            recipients=[f"{line};" for line in recipients] + ["Lưu: VT."],
        )
    return context


def directive_state(document):
    """What the file prints: the recorded document and its recipients (by group)."""
    digest = hashlib.sha256()
    issuer = document.issuer
    for part in (
        document.kind,
        document.number,
        document.issued_on,
        document.title,
        document.summary,
        document.body,
        issuer.kind,
        issuer.name,
        issuer.unit.name,
        issuer.unit.parent.name if issuer.unit.parent_id else "",
        recipient_lines(document),
    ):
        digest.update(repr(part).encode())
        digest.update(b"|")
    return None, digest.hexdigest()[:40]


def _load(pk):
    from sedp.directives.models import Document

    return Document.objects.select_related("issuer__unit__parent", "unit").get(pk=pk)


def _for_user(user, pk):
    from sedp.directives.selectors import get_document_for_user

    return get_document_for_user(user=user, pk=pk)


def _filename(document) -> str:
    from django.utils.text import slugify

    from sedp.core.text import unaccent

    code = type_code(document)
    kind = "cong-van" if code == LETTER else slugify(unaccent(TYPE_NAMES[code]))
    number = slugify(unaccent(document.number.replace("/", "-")))
    return f"{kind}-{number}-{document.issued_on:%Y%m%d}"


def register_documents() -> None:
    register_target(
        Target(
            code="directive",
            get_for_user=_for_user,
            load=_load,
            state=directive_state,
            unit_of=lambda document: document.unit,
            page_url=lambda document: reverse("directives-document-detail", args=[document.pk]),
        )
    )
    register(
        DocxKind(
            code="official_document",
            label=_("The document in the state's format"),
            target="directive",
            template="directive.docx",
            context=directive_context,
            filename=_filename,
        )
    )
