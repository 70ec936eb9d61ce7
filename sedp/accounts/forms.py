from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.accounts.models import Role
from sedp.accounts.selectors import user_by_username
from sedp.core.forms import BootstrapMixin


class MembershipForm(BootstrapMixin, forms.Form):
    username = forms.CharField(label=_("username"), max_length=150)
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    position = forms.CharField(label=_("position"), max_length=150, required=False)

    def clean_username(self):
        user = user_by_username(self.cleaned_data["username"].strip())
        if user is None:
            raise forms.ValidationError(_("No active user has this username."))
        return user


class RoleForm(BootstrapMixin, forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    reason = forms.CharField(label=_("reason for the change"), required=False, max_length=500)


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("reason"), required=False, max_length=500)


class UserCreateForm(BootstrapMixin, forms.Form):
    username = forms.RegexField(
        label=_("username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use only letters, digits and . @ + - _")},
    )
    full_name = forms.CharField(label=_("full name"), max_length=150)
    email = forms.EmailField(label=_("e-mail"), required=False)
    password = forms.CharField(
        label=_("initial password"), widget=forms.PasswordInput, max_length=128
    )


class UserUpdateForm(BootstrapMixin, forms.Form):
    full_name = forms.CharField(label=_("full name"), max_length=150)
    email = forms.EmailField(label=_("e-mail"), required=False)
    is_active = forms.BooleanField(label=_("active"), required=False)
    password = forms.CharField(
        label=_("new password (leave empty to keep)"),
        required=False,
        widget=forms.PasswordInput,
        max_length=128,
    )
    reason = forms.CharField(label=_("reason for the change"), required=False, max_length=500)


class PasswordChangeForm(BootstrapMixin, forms.Form):
    old_password = forms.CharField(label=_("current password"), widget=forms.PasswordInput)
    password = forms.CharField(label=_("new password"), widget=forms.PasswordInput, max_length=128)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_old_password(self):
        if not self.user.check_password(self.cleaned_data["old_password"]):
            raise forms.ValidationError(_("The current password is not correct."))
        return self.cleaned_data["old_password"]
