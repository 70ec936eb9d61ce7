from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sedp.accounts import services
from sedp.accounts.forms import MembershipForm, ReasonForm, RoleForm
from sedp.accounts.scoping import scope_for
from sedp.accounts.selectors import get_agency_for_user, get_membership_for_user
from sedp.core.forms import apply_service_errors


def _agency_for_member_management(request, agency_pk):
    agency = get_agency_for_user(user=request.user, pk=agency_pk)
    if not scope_for(request.user).can_manage_members(agency):
        raise PermissionDenied
    return agency


@login_required
@require_http_methods(["GET", "POST"])
def membership_create(request, agency_pk):
    agency = _agency_for_member_management(request, agency_pk)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_add(
                user=request.user,
                agency=agency,
                member=form.cleaned_data["username"],
                role=form.cleaned_data["role"],
                position=form.cleaned_data["position"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The member was added."))
            return redirect("territory-agency-detail", pk=agency.pk)
    return render(request, "accounts/membership_form.html", {"agency": agency, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def membership_update(request, agency_pk, pk):
    agency = _agency_for_member_management(request, agency_pk)
    membership = get_membership_for_user(user=request.user, agency=agency, pk=pk)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_role(
                user=request.user,
                membership=membership,
                role=form.cleaned_data["role"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The role was changed."))
            return redirect("territory-agency-detail", pk=agency.pk)
    return render(
        request,
        "accounts/membership_form.html",
        {"agency": agency, "form": form, "membership": membership},
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_delete(request, agency_pk, pk):
    agency = _agency_for_member_management(request, agency_pk)
    membership = get_membership_for_user(user=request.user, agency=agency, pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_remove(
                user=request.user, membership=membership, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The member was removed."))
            return redirect("territory-agency-detail", pk=agency.pk)
    return render(
        request,
        "accounts/membership_confirm_delete.html",
        {"agency": agency, "form": form, "membership": membership},
    )
