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
