"""Issuing official documents and reading them. Every state change goes through here."""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.accounts.models import EDITING_ROLES
from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event
from sedp.core.text import nfc
from sedp.directives import hooks
from sedp.directives.kinds import BY_CODE, kinds_issued_by
from sedp.directives.models import Attachment, Document, Recipient
from sedp.territory.models import AdminLevel, Agency, AgencyKind

MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Extension -> the bytes such a file starts with: a renamed file of another type is refused.
ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
ALLOWED_FILES = {
    "pdf": (b"%PDF",),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "odt": (ZIP,),
    "ods": (ZIP,),
    "doc": (OLE,),
    "xls": (OLE,),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG",),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
# "45/UBND-VP", "12/CT-UBND", "115/QĐ-UBND": a number, a slash, the issuer's symbol.
NUMBER_PATTERN = re.compile(r"^\d{1,6}[a-zA-Z]?/[\w.\-/]{1,50}$")


def can_issue(user, issuer) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.role_in(issuer) in EDITING_ROLES


def issuing_agencies(user) -> list[Agency]:
    """The user's agencies whose leader or planner they are and that issue some document."""
    scope = scope_for(user)
    return [
        m.agency for m in scope.memberships if m.role in EDITING_ROLES and kinds_issued_by(m.agency)
    ]


def recipients_by_rule(*, issuer, kinds, levels_below=1, sector_line=False):
    """Active agencies of `kinds` in the issuer's subtree, on its level and up to
    `levels_below` levels under it (and in its sector line if asked), the issuer excepted."""
    level = issuer.unit.level
    ranks = AdminLevel.objects.filter(
        structure_id=level.structure_id, rank__gte=level.rank, rank__lte=level.rank + levels_below
    )
    agencies = Agency.objects.filter(
        is_active=True,
        kind__in=list(kinds),
        unit__path__startswith=issuer.unit.path,
        unit__level__in=ranks,
    ).exclude(pk=issuer.pk)
    if sector_line and issuer.sector_id:
        agencies = agencies.filter(sector__path__startswith=issuer.sector.path)
    return agencies


def hand_pickable(issuer):
    """Agencies an issuer may add by hand: those of its own unit and of the units just below."""
    return (
        Agency.objects.filter(is_active=True, unit__path__startswith=issuer.unit.path)
        .filter(unit__depth__lte=issuer.unit.depth + 1)
        .exclude(pk=issuer.pk)
        .select_related("unit")
        .order_by("unit__path", "kind", "name")
    )


def _check_file(upload) -> tuple[str, str, bytes]:
    name = nfc(getattr(upload, "name", "") or "")[-255:]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_FILES:
        raise ValidationError(
            {
                "files": _(
                    "“%(name)s”: only PDF, Word, Excel, OpenDocument and JPEG/PNG files can be "
                    "attached."
                )
                % {"name": name}
            }
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"files": _("“%(name)s” is larger than 10 MB.") % {"name": name}})
    content = upload.read()
    if not content:
        raise ValidationError({"files": _("“%(name)s” is empty.") % {"name": name}})
    if not content.startswith(ALLOWED_FILES[extension]):
        raise ValidationError(
            {
                "files": _("“%(name)s” is not really a .%(ext)s file.")
                % {"name": name, "ext": extension}
            }
        )
    return name, CONTENT_TYPES[extension], content


def _clean(issuer, data) -> dict:
    errors, clean = {}, {}
    kind = BY_CODE.get(data.get("kind") or "")
    if kind is None or kind not in kinds_issued_by(issuer):
        errors["kind"] = _("%(agency)s does not issue this kind of document.") % {
            "agency": issuer.name
        }
    clean["kind"] = kind
    number = nfc(data.get("number") or "").replace(" ", "")
    if not NUMBER_PATTERN.match(number):
        errors["number"] = _("Write the number and symbol as on the document, e.g. 45/UBND-VP.")
    clean["number"] = number
    issued_on = data.get("issued_on")
    if not isinstance(issued_on, datetime.date):
        errors["issued_on"] = _("Enter the date the document was issued.")
    elif issued_on > timezone.localdate():
        errors["issued_on"] = _("A document cannot be recorded before it is issued.")
    clean["issued_on"] = issued_on
    try:
        report_year = int(data.get("report_year"))
    except (TypeError, ValueError):
        report_year = 0
    if not 2000 <= report_year <= 2100:
        errors["report_year"] = _("The report year must be between 2000 and 2100.")
    elif "issued_on" not in errors and abs(issued_on.year - report_year) > 1:
        errors["issued_on"] = _("The date is far from the report year %(year)s.") % {
            "year": report_year
        }
    clean["report_year"] = report_year
    title = nfc(data.get("title") or "")
    if not title:
        errors["title"] = _("Write the document's title (trích yếu).")
    elif len(title) > 500:
        errors["title"] = _("The title is too long (at most 500 characters).")
    clean["title"] = title
    clean["summary"] = nfc(data.get("summary") or "")
    clean["body"] = nfc(data.get("body") or "")
    if len(clean["body"]) > 100_000:
        errors["body"] = _("The text is too long; attach the document as a file instead.")
    if (
        not errors
        and Document.objects.filter(issuer=issuer, report_year=report_year, number=number).exists()
    ):
        errors["number"] = _("%(agency)s already recorded a document numbered %(number)s.") % {
            "agency": issuer.name,
            "number": number,
        }
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def document_issue(
    *,
    user,
    issuer,
    recipient_kinds=(),
    levels_below=1,
    sector_line=False,
    extra_recipients=(),
    files=(),
    **data,
) -> Document:
    """Record a document `issuer` issued and send it to the agencies chosen by rule
    (`recipient_kinds` on the issuer's level and `levels_below` under it, in its subtree)
    and by hand (`extra_recipients`). Completes the issuer's tasks producing this kind."""
    if user is not None and not can_issue(user, issuer):
        raise PermissionDenied(_("Only a leader or planner of the agency can issue its documents."))
    clean = _clean(issuer, data)
    errors = {}
    unknown_kinds = set(recipient_kinds) - set(AgencyKind.values)
    if unknown_kinds or not 0 <= int(levels_below) <= 3:
        errors["recipient_kinds"] = _("Unknown recipients.")
    picked = list(extra_recipients)
    allowed = set(hand_pickable(issuer).filter(pk__in=[a.pk for a in picked]).values_list(
        "pk", flat=True
    ))  # fmt: skip
    outside = [a.name for a in picked if a.pk not in allowed]
    if outside:
        errors["extra_recipients"] = _("%(names)s cannot receive this agency's documents.") % {
            "names": ", ".join(outside)
        }
    files = list(files)
    if len(files) > MAX_ATTACHMENTS:
        errors["files"] = _("Attach at most %(max)s files.") % {"max": MAX_ATTACHMENTS}
    if errors:
        raise ValidationError(errors)
    checked = [_check_file(upload) for upload in files]
    recipient_ids = (
        set(
            recipients_by_rule(
                issuer=issuer,
                kinds=recipient_kinds,
                levels_below=int(levels_below),
                sector_line=sector_line,
            ).values_list("pk", flat=True)
        )
        | allowed
    )
    if not recipient_ids:
        raise ValidationError(
            {"recipient_kinds": _("No agency receives the document: choose the recipients.")}
        )
    kind = clean.pop("kind")
    document = Document.objects.create(
        kind=kind.code,
        issuer=issuer,
        unit=issuer.unit,
        issued_by=user if user is not None and user.is_authenticated else None,
        **clean,
    )
    Recipient.objects.bulk_create(
        [Recipient(document=document, agency_id=pk) for pk in sorted(recipient_ids)],
        batch_size=1000,
    )
    Attachment.objects.bulk_create(
        Attachment(document=document, name=name, content_type=ctype, size=len(body), content=body)
        for name, ctype, body in checked
    )
    event = record_event(
        actor=user,
        verb="document.issued",
        target=document,
        unit=issuer.unit,
        payload={
            "kind": kind.code,
            "number": document.number,
            "recipients": len(recipient_ids),
            "attachments": [name for name, _ctype, _body in checked],
        },
    )
    hooks.on_issued(document, event)
    return document


@transaction.atomic
def document_mark_read(*, user, document) -> int:
    """The user's agencies among the recipients have now read the document (first time only)."""
    scope = scope_for(user)
    rows = list(
        Recipient.objects.select_for_update().filter(
            document=document, agency_id__in=scope.agency_ids, read_at__isnull=True
        )
    )
    if not rows:
        return 0
    Recipient.objects.filter(pk__in=[r.pk for r in rows]).update(
        read_at=timezone.now(), read_by=user
    )
    record_event(
        actor=user,
        verb="document.read",
        target=document,
        unit=document.unit,
        payload={"agencies": [r.agency_id for r in rows]},
    )
    return len(rows)
