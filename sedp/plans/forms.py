from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin


class SectionsForm(BootstrapMixin, forms.Form):
    """One textarea per section of the plan's outline."""

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        for section in sections:
            self.fields[section.code] = forms.CharField(
                label=section.display_title,
                required=False,
                initial=section.body,
                widget=forms.Textarea(attrs={"rows": 4}),
            )


class ReturnForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("reason for return"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    deadline = forms.DateField(
        label=_("resubmit by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class EnvelopeForm(BootstrapMixin, forms.Form):
    last_year_allocation = forms.IntegerField(
        label=_("last year's allocation (VND)"), required=False, min_value=0
    )
    expected_envelope = forms.IntegerField(
        label=_("expected envelope for the plan year (VND)"), required=False, min_value=0
    )


class CouncilOpinionForm(BootstrapMixin, forms.Form):
    given_by = forms.CharField(
        label=_("given by (name and position)"), max_length=255, required=False
    )
    date = forms.DateField(
        label=_("date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    opinion = forms.CharField(
        label=_("opinion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
