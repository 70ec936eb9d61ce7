from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sedp.accounts import services
from sedp.accounts.forms import (
    MembershipForm,
    PasswordChangeForm,
    ReasonForm,
    RoleForm,
    UserCreateForm,
    UserUpdateForm,
)
from sedp.accounts.scoping import require_admin_request, scope_for
from sedp.accounts.selectors import (
    get_agency_for_user,
    get_membership_for_user,
    get_user_for_admin,
    users_for_admin,
)
from sedp.core.events import history_of
from sedp.core.forms import submit_form


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
    if submit_form(
        request,
        form,
        lambda data: services.membership_add(
            user=request.user,
            agency=agency,
            member=data["username"],
            role=data["role"],
            position=data["position"],
        ),
        _("The member was added."),
    ):
        return redirect("territory-agency-detail", pk=agency.pk)
    return render(request, "accounts/membership_form.html", {"agency": agency, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def membership_update(request, agency_pk, pk):
    agency = _agency_for_member_management(request, agency_pk)
    membership = get_membership_for_user(user=request.user, agency=agency, pk=pk)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if submit_form(
        request,
        form,
        lambda data: services.membership_change_role(
            user=request.user, membership=membership, role=data["role"], reason=data["reason"]
        ),
        _("The role was changed."),
    ):
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
    if submit_form(
        request,
        form,
        lambda data: services.membership_remove(
            user=request.user, membership=membership, reason=data["reason"]
        ),
        _("The member was removed."),
    ):
        return redirect("territory-agency-detail", pk=agency.pk)
    return render(
        request,
        "accounts/membership_confirm_delete.html",
        {"agency": agency, "form": form, "membership": membership},
    )


@login_required
def user_list(request):
    require_admin_request(request)
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(users_for_admin(query=query), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page, "query": query})


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    require_admin_request(request)
    form = UserCreateForm(request.POST or None)
    user = submit_form(
        request,
        form,
        lambda data: services.user_create(actor=request.user, **data),
        _("The account was created. Add it to an agency now."),
    )
    if user:
        return redirect("accounts-user-update", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def user_update(request, pk):
    require_admin_request(request)
    account = get_user_for_admin(pk=pk)
    form = UserUpdateForm(
        request.POST or None,
        initial={
            "full_name": account.get_full_name(),
            "email": account.email,
            "is_active": account.is_active,
        },
    )

    @transaction.atomic
    def save(data):
        services.user_update(
            actor=request.user,
            user=account,
            full_name=data["full_name"],
            email=data["email"],
            is_active=data["is_active"],
            reason=data["reason"],
        )
        if data["password"]:
            services.user_set_password(actor=request.user, user=account, password=data["password"])

    if submit_form(request, form, save, _("The account was saved.")):
        return redirect("accounts-user-list")
    return render(
        request,
        "accounts/user_form.html",
        {
            "form": form,
            "account": account,
            "memberships": account.memberships.select_related("agency__unit"),
            "history": history_of(account)[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    form = PasswordChangeForm(request.POST or None, user=request.user)
    if submit_form(
        request,
        form,
        lambda data: services.user_set_password(
            actor=request.user, user=request.user, password=data["password"]
        ),
        _("Your password was changed."),
    ):
        update_session_auth_hash(request, request.user)
        return redirect("core-home")
    return render(request, "accounts/password_change.html", {"form": form})
