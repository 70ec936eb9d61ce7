from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin
from sedp.territory.models import (
    AdminLevel,
    Agency,
    AgencyKind,
    Reach,
    Sector,
    SectorGroup,
    TerritoryStructure,
    UnitType,
)


class UnitForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("official code"), max_length=20)
    name = forms.CharField(label=_("name"), max_length=200)
    unit_type = forms.ChoiceField(label=_("unit type"), choices=UnitType.choices)
    level = forms.ModelChoiceField(label=_("level"), queryset=AdminLevel.objects.none())
    valid_from = forms.DateField(
        label=_("valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("valid to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("reason for the change"), required=False, max_length=500)

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = AdminLevel.objects.filter(structure=structure)

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isalnum():
            raise forms.ValidationError(_("The code must contain only letters and digits."))
        return code

    def clean(self):
        data = super().clean()
        if (
            data.get("valid_from")
            and data.get("valid_to")
            and data["valid_to"] < data["valid_from"]
        ):
            self.add_error("valid_to", _("The end date is before the start date."))
        return data


class ImportForm(BootstrapMixin, forms.Form):
    structure = forms.ModelChoiceField(
        label=_("territory structure"), queryset=TerritoryStructure.objects.all()
    )
    file = forms.FileField(label=_("file (.csv or .xlsx)"))


class SectorForm(BootstrapMixin, forms.Form):
    code = forms.SlugField(label=_("code"), max_length=50)
    name = forms.CharField(label=_("name"), max_length=200)
    group = forms.ChoiceField(label=_("sector group"), choices=SectorGroup.choices)
    parent = forms.ModelChoiceField(
        label=_("parent sector"),
        required=False,
        queryset=Sector.objects.filter(parent__isnull=True),
    )
    order = forms.IntegerField(label=_("order"), min_value=0, max_value=30000, initial=0)


class SectorEditForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    order = forms.IntegerField(label=_("order"), min_value=0, max_value=30000)
    reason = forms.CharField(label=_("reason for the change"), required=False, max_length=500)


class AgencyForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("name"), max_length=255)
    short_name = forms.CharField(label=_("short name"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=AgencyKind.choices)
    sector = forms.ModelChoiceField(
        label=_("sector"), required=False, queryset=Sector.objects.all()
    )
    reach = forms.ChoiceField(
        label=_("reach"), choices=[("", _("By kind"))] + Reach.choices, required=False
    )


class AgencyContactForm(BootstrapMixin, forms.ModelForm):
    reason = forms.CharField(label=_("reason for the change"), required=False, max_length=500)

    class Meta:
        model = Agency
        fields = ["short_name", "address", "phone", "email"]
