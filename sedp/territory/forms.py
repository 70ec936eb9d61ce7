from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin, ValidityDatesMixin
from sedp.territory.models import (
    AdminLevel,
    AgencyKind,
    Reach,
    Sector,
    SectorGroup,
    TerritoryStructure,
    UnitType,
)


class UnitForm(ValidityDatesMixin, BootstrapMixin, forms.Form):
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


class AgencyContactForm(BootstrapMixin, forms.Form):
    short_name = forms.CharField(label=_("short name"), max_length=100, required=False)
    address = forms.CharField(label=_("address"), max_length=255, required=False)
    phone = forms.RegexField(
        label=_("phone"),
        max_length=30,
        required=False,
        regex=r"^[0-9 +().-]*$",
        error_messages={"invalid": _("Use only digits, spaces and + ( ) . -")},
    )
    email = forms.EmailField(label=_("e-mail"), required=False)
    reason = forms.CharField(label=_("reason for the change"), required=False, max_length=500)


class AgencyAdminForm(AgencyContactForm):
    name = forms.CharField(label=_("name"), max_length=255)
    kind = forms.ChoiceField(label=_("kind"), choices=AgencyKind.choices)
    sector = forms.ModelChoiceField(
        label=_("sector"), required=False, queryset=Sector.objects.all()
    )
    reach = forms.ChoiceField(label=_("reach"), choices=Reach.choices)
    is_active = forms.BooleanField(label=_("active"), required=False)

    field_order = [
        "name",
        "short_name",
        "kind",
        "sector",
        "reach",
        "is_active",
        "address",
        "phone",
        "email",
        "reason",
    ]


class StructureForm(ValidityDatesMixin, BootstrapMixin, forms.Form):
    code = forms.SlugField(label=_("code"), max_length=50)
    name = forms.CharField(label=_("name"), max_length=200)
    valid_from = forms.DateField(
        label=_("valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("valid to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(
        label=_("description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LevelForm(BootstrapMixin, forms.Form):
    code = forms.SlugField(label=_("code"), max_length=30)
    name = forms.CharField(label=_("name"), max_length=100)
    rank = forms.IntegerField(
        label=_("rank"), min_value=0, max_value=20, help_text=_("0 is the top level")
    )
    unit_types = forms.MultipleChoiceField(
        label=_("unit types"), choices=UnitType.choices, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(label=_("reason for the change"), required=False, max_length=500)
