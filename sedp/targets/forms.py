from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin


class BudgetForm(BootstrapMixin, forms.Form):
    recurrent = forms.CharField(label=_("Recurrent needs (VND)"), max_length=30)
    recurrent_note = forms.CharField(
        label=_("Recurrent needs: what they are"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BudgetReviewForm(BootstrapMixin, forms.Form):
    proposed_allocation = forms.CharField(
        label=_("Allocation you propose (VND)"), max_length=30, required=False
    )
    reason = forms.CharField(
        label=_("Reason for return"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
