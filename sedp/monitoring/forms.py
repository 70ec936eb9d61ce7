from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin
from sedp.monitoring.models import ProgressStatus


class ValueReportForm(BootstrapMixin, forms.Form):
    # Text, not a number field: the service reads Vietnamese numbers (1.234,5) and says
    # what is wrong with the rest.
    value = forms.CharField(
        label=_("actual value (year-to-date for flows, level at the period's end for stocks)"),
        max_length=40,
    )
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ProgressReportForm(BootstrapMixin, forms.Form):
    progress_status = forms.ChoiceField(label=_("status"), choices=ProgressStatus.choices)
    percent_done = forms.CharField(label=_("percentage done (0–100)"), max_length=10)
    spent = forms.CharField(label=_("spent so far (VND)"), max_length=30)
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    files = MultipleFileField(
        label=_("evidence files (PDF, JPG, PNG, DOCX, XLSX, ODT, ODS; at most 10 MB each)"),
        required=False,
    )


class QuestionForm(BootstrapMixin, forms.Form):
    question = forms.CharField(
        label=_("question (leave empty for the standard wording)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerForm(BootstrapMixin, forms.Form):
    answer = forms.CharField(label=_("explanation"), widget=forms.Textarea(attrs={"rows": 4}))
