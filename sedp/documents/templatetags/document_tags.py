"""`{% document_links "plan" plan %}`: the documents an object's page offers for download."""

from django import template

from sedp.documents import docx_render
from sedp.documents.models import Format
from sedp.documents.registry import kinds_for

register = template.Library()


@register.inclusion_tag("documents/_links.html")
def document_links(target_code, obj, compact=False):
    kinds = kinds_for(target_code, obj)
    return {
        "target": target_code,
        "obj": obj,
        "kinds": [(kind, [(fmt, Format(fmt).label) for fmt in kind.formats]) for kind in kinds],
        "has_pdf": bool(docx_render.soffice_path()),
        "compact": compact,
    }
