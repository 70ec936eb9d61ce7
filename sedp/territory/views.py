from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sedp.accounts.scoping import require_admin_request, scope_for
from sedp.accounts.selectors import (
    agencies_visible_to,
    child_units_with_counts,
    get_agency_for_user,
    get_unit_for_user,
    members_of,
    units_visible_to,
)
from sedp.core.events import history_of
from sedp.core.forms import changed_fields, submit_form
from sedp.core.text import unaccent
from sedp.territory import services
from sedp.territory.forms import (
    AgencyAdminForm,
    AgencyContactForm,
    AgencyForm,
    ImportForm,
    LevelForm,
    SectorEditForm,
    SectorForm,
    StructureForm,
    UnitForm,
)
from sedp.territory.importing import COLUMNS, ImportFailed, import_units
from sedp.territory.models import (
    AdminLevel,
    AgencyKind,
    Sector,
    TerritoryStructure,
    kind_display_order,
)

PAGE_SIZE = 50


@login_required
def structure_list(request):
    """Structures with the number of units the user can see at each level."""
    counts = (
        units_visible_to(user=request.user)
        .values("structure_id", "level__name", "level__rank")
        .annotate(total=Count("id"))
        .order_by("structure_id", "level__rank")
    )
    by_structure = {}
    for row in counts:
        by_structure.setdefault(row["structure_id"], []).append(row)
    structures = [
        (structure, by_structure[structure.pk])
        for structure in TerritoryStructure.objects.all()
        if structure.pk in by_structure
    ]
    roots = (
        units_visible_to(user=request.user)
        .filter(structure__in=[s for s, _rows in structures])
        .order_by("depth", "code")
    )
    top_of = {}
    for unit in roots[:500]:
        top_of.setdefault(unit.structure_id, unit)
    return render(
        request,
        "territory/structure_list.html",
        {
            "structures": [(s, rows, top_of.get(s.pk)) for s, rows in structures],
        },
    )


@login_required
def unit_list(request):
    """Search units by name (with or without diacritics) or code; HTMX refreshes the rows."""
    units = units_visible_to(user=request.user).select_related("parent", "structure")
    query = request.GET.get("q", "").strip()[:100]
    structure_id = request.GET.get("structure", "")
    if query:
        units = units.filter(Q(name_search__contains=unaccent(query)) | Q(code=query))
    if structure_id.isdigit():
        units = units.filter(structure_id=int(structure_id))
    page = Paginator(units.order_by("structure", "path"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = "territory/_unit_rows.html" if request.htmx else "territory/unit_list.html"
    return render(
        request,
        template,
        {
            "page": page,
            "query": query,
            "structure_id": structure_id,
            "structures": TerritoryStructure.objects.all(),
        },
    )


@login_required
def unit_detail(request, pk):
    unit = get_unit_for_user(user=request.user, pk=pk)
    scope = scope_for(request.user)
    return render(
        request,
        "territory/unit_detail.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors().select_related("level"),
            "children": child_units_with_counts(user=request.user, unit=unit),
            "agencies": agencies_visible_to(user=request.user)
            .filter(unit=unit)
            .order_by(kind_display_order(), "name"),
            "history": history_of(unit)[:20],
            "can_manage": scope.is_admin,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request):
    require_admin_request(request)
    parent = None
    if request.GET.get("parent", "").isdigit():
        parent = get_unit_for_user(user=request.user, pk=int(request.GET["parent"]))
        structure = parent.structure
    else:
        structure = get_object_or_404(TerritoryStructure, pk=request.GET.get("structure") or 0)
    form = UnitForm(request.POST or None, structure=structure)
    unit = submit_form(
        request,
        form,
        lambda data: services.unit_create(
            user=request.user,
            structure=structure,
            parent=parent,
            **{k: v for k, v in data.items() if k != "reason"},
        ),
        _("The unit was created."),
    )
    if unit:
        return redirect("territory-unit-detail", pk=unit.pk)
    return render(
        request,
        "territory/unit_form.html",
        {"form": form, "parent": parent, "structure": structure},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_update(request, pk):
    unit = get_unit_for_user(user=request.user, pk=pk)
    require_admin_request(request)
    fields = ("code", "name", "unit_type", "level", "valid_from", "valid_to")
    initial = {name: getattr(unit, name) for name in fields}
    form = UnitForm(request.POST or None, structure=unit.structure, initial=initial)
    if submit_form(
        request,
        form,
        lambda data: services.unit_update(
            user=request.user,
            unit=unit,
            reason=data["reason"],
            **changed_fields(data, initial),
        ),
        _("The unit was saved."),
    ):
        return redirect("territory-unit-detail", pk=unit.pk)
    return render(
        request,
        "territory/unit_form.html",
        {"form": form, "unit": unit, "structure": unit.structure},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_import(request):
    require_admin_request(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, report = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_units(
                user=request.user,
                structure=form.cleaned_data["structure"],
                filename=upload.name,
                content=upload.read(),
            )
        except ImportFailed as failure:
            errors = failure.errors
        else:
            messages.success(request, _("Imported %(n)s units.") % {"n": report.total})
    return render(
        request,
        "territory/unit_import.html",
        {"form": form, "errors": errors, "report": report, "columns": COLUMNS.values()},
    )


@login_required
def sector_list(request):
    sectors = Sector.objects.annotate(agency_count=Count("agencies")).order_by("path")
    return render(
        request,
        "territory/sector_list.html",
        {
            "sectors": sectors,
            "can_manage": scope_for(request.user).is_admin,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sector_create(request):
    require_admin_request(request)
    form = SectorForm(request.POST or None)
    if submit_form(
        request,
        form,
        lambda data: services.sector_create(user=request.user, **data),
        _("The sector was created."),
    ):
        return redirect("territory-sector-list")
    return render(request, "territory/sector_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def sector_update(request, pk):
    require_admin_request(request)
    sector = get_object_or_404(Sector, pk=pk)
    form = SectorEditForm(
        request.POST or None, initial={"name": sector.name, "order": sector.order}
    )
    if submit_form(
        request,
        form,
        lambda data: services.sector_update(user=request.user, sector=sector, **data),
        _("The sector was saved."),
    ):
        return redirect("territory-sector-list")
    return render(
        request,
        "territory/sector_form.html",
        {"form": form, "sector": sector, "history": history_of(sector)[:20]},
    )


@login_required
def agency_list(request):
    agencies = agencies_visible_to(user=request.user).select_related("unit__parent")
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    if query:
        agencies = agencies.filter(
            Q(name__icontains=query) | Q(unit__name_search__contains=unaccent(query))
        )
    if kind in AgencyKind.values:
        agencies = agencies.filter(kind=kind)
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "territory/_agency_rows.html" if request.htmx else "territory/agency_list.html"
    return render(
        request,
        template,
        {
            "page": page,
            "query": query,
            "kind": kind,
            "kinds": AgencyKind.choices,
        },
    )


@login_required
def agency_detail(request, pk):
    agency = get_agency_for_user(user=request.user, pk=pk)
    scope = scope_for(request.user)
    return render(
        request,
        "territory/agency_detail.html",
        {
            "agency": agency,
            "members": members_of(agency=agency),
            "history": history_of(agency)[:20],
            "my_role": scope.role_in(agency),
            "can_change": scope.can_change_agency(agency),
            "can_manage_members": scope.can_manage_members(agency),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_create(request):
    require_admin_request(request)
    unit = get_unit_for_user(user=request.user, pk=request.GET.get("unit") or 0)
    form = AgencyForm(request.POST or None)
    agency = submit_form(
        request,
        form,
        lambda data: services.agency_create(
            user=request.user, unit=unit, **{**data, "reach": data["reach"] or None}
        ),
        _("The agency was created."),
    )
    if agency:
        return redirect("territory-agency-detail", pk=agency.pk)
    return render(request, "territory/agency_form.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def agency_update(request, pk):
    """Leaders and planners edit their agency's contact details; administrators edit all."""
    agency = get_agency_for_user(user=request.user, pk=pk)
    scope = scope_for(request.user)
    if not scope.can_change_agency(agency):
        raise PermissionDenied
    form_class = AgencyAdminForm if scope.is_admin else AgencyContactForm
    initial = {name: getattr(agency, name) for name in form_class.base_fields if name != "reason"}
    form = form_class(request.POST or None, initial=initial)
    if submit_form(
        request,
        form,
        lambda data: services.agency_update(
            user=request.user, agency=agency, reason=data["reason"], **changed_fields(data, initial)
        ),
        _("The agency was saved."),
    ):
        return redirect("territory-agency-detail", pk=agency.pk)
    return render(request, "territory/agency_form.html", {"form": form, "agency": agency})


@login_required
def structure_detail(request, pk):
    structure = get_object_or_404(TerritoryStructure, pk=pk)
    counts = dict(
        units_visible_to(user=request.user)
        .filter(structure=structure)
        .values_list("level_id")
        .annotate(total=Count("id"))
    )
    levels = [(level, counts.get(level.pk, 0)) for level in structure.levels.all()]
    return render(
        request,
        "territory/structure_detail.html",
        {
            "structure": structure,
            "levels": levels,
            "can_manage": scope_for(request.user).is_admin,
            "history": history_of(structure)[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def structure_create(request):
    require_admin_request(request)
    form = StructureForm(request.POST or None)
    structure = submit_form(
        request,
        form,
        lambda data: services.structure_create(user=request.user, **data),
        _("The structure was created. Now add its levels."),
    )
    if structure:
        return redirect("territory-structure-detail", pk=structure.pk)
    return render(
        request, "territory/simple_form.html", {"form": form, "title": _("New territory structure")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def structure_update(request, pk):
    require_admin_request(request)
    structure = get_object_or_404(TerritoryStructure, pk=pk)
    initial = {
        name: getattr(structure, name) for name in ("name", "valid_from", "valid_to", "description")
    }
    form = StructureForm(request.POST or None, initial={**initial, "code": structure.code})
    form.fields["code"].disabled = True
    if submit_form(
        request,
        form,
        lambda data: services.structure_update(
            user=request.user, structure=structure, **changed_fields(data, initial)
        ),
        _("The structure was saved."),
    ):
        return redirect("territory-structure-detail", pk=structure.pk)
    return render(request, "territory/simple_form.html", {"form": form, "title": structure.name})


@login_required
@require_http_methods(["GET", "POST"])
def level_create(request, structure_pk):
    require_admin_request(request)
    structure = get_object_or_404(TerritoryStructure, pk=structure_pk)
    form = LevelForm(request.POST or None, initial={"rank": structure.levels.count()})
    del form.fields["reason"]
    if submit_form(
        request,
        form,
        lambda data: services.level_create(user=request.user, structure=structure, **data),
        _("The level was created."),
    ):
        return redirect("territory-structure-detail", pk=structure.pk)
    title = _("New level of %(structure)s") % {"structure": structure.name}
    return render(request, "territory/simple_form.html", {"form": form, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def level_update(request, pk):
    require_admin_request(request)
    level = get_object_or_404(AdminLevel.objects.select_related("structure"), pk=pk)
    form = LevelForm(
        request.POST or None,
        initial={
            "code": level.code,
            "name": level.name,
            "rank": level.rank,
            "unit_types": level.unit_types,
        },
    )
    # Code and rank identify the level in data files and imports; they stay.
    form.fields["code"].disabled = form.fields["rank"].disabled = True
    if submit_form(
        request,
        form,
        lambda data: services.level_update(
            user=request.user,
            level=level,
            name=data["name"],
            unit_types=data["unit_types"],
            reason=data["reason"],
        ),
        _("The level was saved."),
    ):
        return redirect("territory-structure-detail", pk=level.structure_id)
    return render(
        request,
        "territory/simple_form.html",
        {"form": form, "title": level.name, "history": history_of(level)[:20]},
    )
