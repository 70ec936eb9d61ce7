from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin
from sedp.indicators.models import Indicator
from sedp.territory.models import UnitType


class IndicatorForm(BootstrapMixin, forms.ModelForm):
    """The catalogue entry; the service checks that the rule has what it needs."""

    unit_types = forms.MultipleChoiceField(
        label=_("applicable unit types"),
        choices=UnitType.choices,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    reason = forms.CharField(label=_("reason for the change"), required=False, max_length=500)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "unit_of_measure",
            "group",
            "sector",
            "unit_types",
            "direction",
            "nature",
            "decimals",
            "allow_negative",
            "rule",
            "numerator",
            "denominator",
            "factor",
            "weight",
            "condition_indicator",
            "condition_operator",
            "condition_threshold",
            "formula",
            "order",
            "is_active",
        ]
        help_texts = {
            "formula": _(
                "Arithmetic over indicator codes with dashes written as underscores, "
                "e.g. grdp * 1000 / dan_so"
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields.pop("reason")
        self.fields["decimals"].widget.attrs["max"] = 4


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("file (.xlsx)"))
