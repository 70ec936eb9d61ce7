from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin
from sedp.revisions.models import Stage


class VersionForm(BootstrapMixin, forms.Form):
    # Official and revised versions come from the council's resolutions, not from this form.
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[(v, label) for v, label in Stage.choices if v not in {"official", "revised"}],
    )
    reason = forms.CharField(
        label=_("What was changed and why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class UpdateRequestForm(BootstrapMixin, forms.Form):
    text = forms.CharField(
        label=_("What the units must update"), widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = forms.DateField(label=_("Answer by"), widget=forms.DateInput(attrs={"type": "date"}))


class UpdateResponseForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("What was changed and why"), widget=forms.Textarea(attrs={"rows": 3})
    )
