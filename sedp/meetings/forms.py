from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin


class MeetingForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("place"), max_length=255, required=False)
    men = forms.IntegerField(label=_("men attending"), min_value=0, initial=0)
    women = forms.IntegerField(label=_("women attending"), min_value=0, initial=0)
    ethnic_minority = forms.IntegerField(
        label=_("of whom ethnic minority people"), min_value=0, initial=0
    )
    poor_households = forms.IntegerField(
        label=_("of whom from poor households"), min_value=0, initial=0, required=False
    )
    agenda = forms.CharField(
        label=_("agenda"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    minutes = forms.CharField(
        label=_("minutes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    decisions_text = forms.CharField(
        label=_("decisions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConferenceForm(MeetingForm):
    """The commune conference: a meeting plus the agencies that took part."""

    agencies = forms.ModelMultipleChoiceField(
        label=_("agencies taking part"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies


class DecisionForm(BootstrapMixin, forms.Form):
    activity = forms.IntegerField(required=False, widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("move to"), required=False, choices=())
    priority = forms.IntegerField(
        label=_("priority rank"), required=False, min_value=1, max_value=999
    )
    allocation = forms.IntegerField(
        label=_("commune funds allocated (VND)"), required=False, min_value=0
    )
    text = forms.CharField(label=_("decision"), required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        from sedp.activities.models import ActivityStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "—")] + list(ActivityStatus.choices)
