from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sedp.accounts.selectors import units_visible_to
from sedp.core.events import history_of
from sedp.core.forms import apply_service_errors, submit_form
from sedp.core.text import unaccent
from sedp.directives.services import issuing_agencies
from sedp.groups import basic_data as basic
from sedp.groups import selectors, services
from sedp.groups.forms import GroupForm, MemberFormSet, UploadForm, member_initial
from sedp.indicators.selectors import report_year_from
from sedp.indicators.services import can_enter_values
from sedp.indicators.spreadsheet import ImportFailed
from sedp.meetings.kickoff import can_record_kickoff
from sedp.plans.models import Plan, PlanKind
from sedp.territory.models import AgencyKind


@login_required
def step1_home(request):
    """Step 1 of the user's commune; people above a commune choose one."""
    mine = selectors.communes_of_user(user=request.user)
    mine = list(
        units_visible_to(user=request.user).filter(pk__in=mine).values_list("pk", flat=True)
    )
    if len(mine) == 1:
        return redirect("groups-step1", pk=mine[0])
    village_groups = selectors.village_groups_of_user(user=request.user)
    if not mine and len(village_groups) == 1:  # a village group sees its own group only
        return redirect(f"{reverse('groups-group-edit', args=[village_groups[0]])}")
    query = request.GET.get("q", "").strip()
    communes = units_visible_to(user=request.user).filter(level__code="xa").order_by("path")
    if query:
        communes = communes.filter(name_search__contains=unaccent(query))
    page = Paginator(communes.select_related("parent"), 50).get_page(request.GET.get("page"))
    return render(request, "groups/step1_home.html", {"page": page, "q": query})


@login_required
def step1(request, pk):
    commune = selectors.get_commune_for_user(user=request.user, pk=pk)
    year = report_year_from(request)
    context = selectors.step1(commune=commune, report_year=year)
    ubnd = [
        a
        for a in issuing_agencies(request.user)
        if a.unit_id == commune.pk and a.kind == AgencyKind.PEOPLES_COMMITTEE
    ]
    context.update(
        commune=commune,
        year=year,
        launch_issuer=ubnd[0] if ubnd else None,
        can_record_kickoff=can_record_kickoff(request.user, commune),
        commune_plan=Plan.objects.filter(
            kind=PlanKind.COMMUNE_PLAN, unit=commune, report_year=year
        ).first(),
    )
    context["openable"] = _openable(request.user, context)
    return render(request, "groups/step1.html", context)


def _openable(user, context) -> dict:
    """Which of the shown groups, documents and plans the user may open: a school or a sector
    office sees the commune's progress but not every group's page, so those are not linked."""
    from sedp.accounts.selectors import agencies_visible_to
    from sedp.directives.selectors import documents_visible_to
    from sedp.plans.selectors import plans_visible_to

    groups = [a.pk for a in context["commune_groups"] + context["village_groups"]]
    documents = [d.pk for d in context["received_documents"]]
    if context["launch_letter"]:
        documents.append(context["launch_letter"].pk)
    kickoff = context["kickoff"]
    plans = [p.pk for p in (context["commune_plan"], kickoff and kickoff.plan) if p]
    return {
        "groups": set(
            agencies_visible_to(user=user).filter(pk__in=groups).values_list("pk", flat=True)
        ),
        "documents": set(
            documents_visible_to(user=user).filter(pk__in=documents).values_list("pk", flat=True)
        ),
        "plans": set(plans_visible_to(user=user).filter(pk__in=plans).values_list("pk", flat=True)),
    }


@login_required
@require_http_methods(["GET", "POST"])
def kickoff(request, pk):
    """Record (or correct) the commune's kick-off meeting of the year (seed, commune step 1)."""
    from sedp.meetings import kickoff as service
    from sedp.meetings.forms import KickoffForm

    commune = selectors.get_commune_for_user(user=request.user, pk=pk)
    year = report_year_from(request)
    if not can_record_kickoff(request.user, commune):
        raise PermissionDenied
    meeting = service.kickoff_of(commune=commune, report_year=year)
    initial = None
    if meeting is not None:
        initial = {name: getattr(meeting, name) for name in KickoffForm.base_fields}
        initial.update({f"a-{row.agency_id}": row.people for row in meeting.attendance.all()})
    form = KickoffForm(
        request.POST or None, initial=initial, agencies=service.kickoff_agencies(commune)
    )
    back = f"{reverse('groups-step1', args=[commune.pk])}?year={year}"
    if submit_form(
        request,
        form,
        lambda _data: service.kickoff_record(
            user=request.user, commune=commune, report_year=year, **form.service_data()
        ),
        _("The kick-off meeting was recorded."),
    ):
        return redirect(back)
    return render(
        request,
        "groups/kickoff_form.html",
        {"commune": commune, "year": year, "form": form, "meeting": meeting, "back": back},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    agency = selectors.get_group_agency_for_user(user=request.user, pk=pk)
    year = report_year_from(request)
    level = services.LEVEL_OF_KIND[agency.kind]
    can_edit = services.can_set_up(request.user, agency)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    group = selectors.group_of(agency=agency, report_year=year)
    members = list(group.members.all()) if group else []
    form = GroupForm(
        request.POST or None,
        initial={"decision_number": group.decision_number, "decision_date": group.decision_date}
        if group
        else None,
    )
    formset = MemberFormSet(
        request.POST or None,
        initial=None if request.POST else member_initial(level, members),
        form_kwargs={"level": level},
        prefix="m",
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            group, warnings = services.group_set_up(
                user=request.user,
                agency=agency,
                report_year=year,
                members=[row for row in formset.cleaned_data if row],
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The group was set up."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(f"{request.path}?year={year}")
    warnings = []
    if group is not None:
        women = sum(1 for m in members if m.sex == "f")
        warnings = services.composition_warnings(group.level, women)
    return render(
        request,
        "groups/group_form.html",
        {
            "agency": agency,
            "year": year,
            "group": group,
            "members": members,
            "warnings": warnings,
            "form": form,
            "formset": formset,
            "can_edit": can_edit,
            "level": level,
            "history": history_of(group)[:20] if group else [],
            "commune_id": _commune_link(request.user, agency),
        },
        status=400 if request.method == "POST" else 200,
    )


def _commune_link(user, agency):
    """The commune whose step-1 page the breadcrumb opens, if the user may see it."""
    commune_id = (
        agency.unit.parent_id if agency.kind == AgencyKind.VILLAGE_WORKING_GROUP else agency.unit_id
    )
    return commune_id if units_visible_to(user=user).filter(pk=commune_id).exists() else None


def _village_agency(request, pk):
    agency = selectors.get_group_agency_for_user(user=request.user, pk=pk)
    if agency.kind != AgencyKind.VILLAGE_WORKING_GROUP:
        raise PermissionDenied
    return agency


@login_required
@require_http_methods(["GET", "POST"])
def basic_data(request, pk):
    """The village basic-data form, one item per line (made for a phone)."""
    agency = _village_agency(request, pk)
    year = report_year_from(request)
    can_edit = can_enter_values(request.user, agency.unit)
    errors, entered = {}, {}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        entered = {key[2:]: value for key, value in request.POST.items() if key.startswith("v-")}
        try:
            changed, missing = basic.basic_data_save(
                user=request.user, agency=agency, report_year=year, entries=entered
            )
        except ValidationError as error:
            errors = error.message_dict
        else:
            if missing:
                messages.success(
                    request,
                    _("Saved. %(count)s items are still empty.") % {"count": missing},
                )
            else:
                messages.success(request, _("The basic-data form is complete."))
            return redirect(f"{request.path}?year={year}")
    rows = basic.basic_data_rows(unit=agency.unit, report_year=year)
    for row in rows:
        code = row["indicator"].code
        row["text"] = entered.get(code, _plain(row["value"]))
        row["error"] = " ".join(errors.get(code, []))
    return render(
        request,
        "groups/basic_data.html",
        {
            "agency": agency,
            "year": year,
            "rows": rows,
            "errors": errors,
            "can_edit": can_edit,
            "filled": sum(1 for row in rows if row["value"] is not None),
            "upload_form": UploadForm(),
            "commune_id": _commune_link(request.user, agency),
        },
        status=400 if errors else 200,
    )


def _plain(value) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")


@login_required
def basic_data_xlsx(request, pk):
    agency = _village_agency(request, pk)
    year = report_year_from(request)
    content = basic.basic_data_export(agency=agency, report_year=year)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"so-lieu-co-ban-{agency.unit.code}-{year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def basic_data_upload(request, pk):
    agency = _village_agency(request, pk)
    year = report_year_from(request)
    if not can_enter_values(request.user, agency.unit):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose an Excel file (.xlsx)."))
    else:
        try:
            changed, missing = basic.basic_data_import(
                user=request.user,
                agency=agency,
                report_year=year,
                content=form.cleaned_data["file"].read(),
            )
        except ImportFailed as failure:
            for error in failure.errors[:30]:
                messages.error(request, error)
            messages.error(request, _("Nothing was saved: correct the file and upload it again."))
        else:
            messages.success(
                request,
                _("%(count)s values were saved from the file; %(missing)s items are still empty.")
                % {"count": changed, "missing": missing},
            )
    return redirect(f"{request.path.rsplit('upload/', 1)[0]}?year={year}")
