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
