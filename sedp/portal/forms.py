from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin


class SubmissionForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label=_("submission number"), max_length=50)
    submitted_on = forms.DateField(
        label=_("date of the submission"), widget=forms.DateInput(attrs={"type": "date"})
    )
    summary = forms.CharField(
        label=_("summary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QuestionForm(BootstrapMixin, forms.Form):
    asked_by = forms.CharField(label=_("asked by"), max_length=255)
    question = forms.CharField(label=_("question"), widget=forms.Textarea(attrs={"rows": 2}))


class ResolutionForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label=_("resolution number"), max_length=50)
    adopted_on = forms.DateField(
        label=_("date adopted"), widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        label=_("text of the resolution"), widget=forms.Textarea(attrs={"rows": 5})
    )


class AdjustmentForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("reason for the adjustment"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AdjustmentCancelForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("reason for cancelling"), widget=forms.Textarea(attrs={"rows": 2})
    )


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    kind = forms.CharField(required=False)
    year = forms.IntegerField(required=False, min_value=2000, max_value=2101)
