from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin
from sedp.meetings.forms import ConferenceForm  # noqa: F401  (re-used by the conference page)


class OpinionForm(BootstrapMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("body"), queryset=None)
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("opinion"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = bodies


class MinistryForm(BootstrapMixin, forms.Form):
    ministry = forms.CharField(label=_("ministry"), max_length=255)


class DisagreementForm(BootstrapMixin, forms.Form):
    subject = forms.CharField(label=_("subject"), max_length=500)
    parties = forms.ModelMultipleChoiceField(
        label=_("bodies that disagree with you"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    positions = forms.CharField(
        label=_("positions of each party"), widget=forms.Textarea(attrs={"rows": 2})
    )
    arguments = forms.CharField(label=_("your arguments"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = parties


class SettleForm(BootstrapMixin, forms.Form):
    meeting = forms.ModelChoiceField(label=_("conference"), queryset=None)
    outcome = forms.CharField(
        label=_("how it was settled"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class AppraisalForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("reason for return"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
