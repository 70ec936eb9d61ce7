from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin
from sedp.groups.models import GroupLevel, MemberRole, MemberTitle, Sex

COMMUNE_ROWS, VILLAGE_ROWS = 7, 6  # leader, secretary, 5 members / leader, 5 members


class GroupForm(BootstrapMixin, forms.Form):
    decision_number = forms.CharField(
        label=_("decision number"), max_length=60, required=False, help_text=_("e.g. 45/QĐ-UBND")
    )
    decision_date = forms.DateField(
        label=_("decision date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class MemberForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("full name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("role in the group"), choices=MemberRole.choices)
    title = forms.ChoiceField(label=_("office"), choices=MemberTitle.choices)
    position = forms.CharField(label=_("position"), max_length=150, required=False)
    organisation = forms.CharField(label=_("organisation"), max_length=150, required=False)
    sex = forms.ChoiceField(label=_("sex"), choices=[("", "—")] + Sex.choices, required=False)
    ethnicity = forms.CharField(label=_("ethnicity"), max_length=50, required=False)
    poor_household = forms.BooleanField(label=_("represents poor households"), required=False)

    def __init__(self, *args, level=GroupLevel.VILLAGE, **kwargs):
        super().__init__(*args, **kwargs)
        if level == GroupLevel.VILLAGE:
            self.fields["title"].choices = [
                (value, label)
                for value, label in MemberTitle.choices
                if value not in {MemberTitle.COMMUNE_CHAIRMAN, MemberTitle.COMMUNE_VICE_CHAIRMAN}
            ]
        else:
            self.fields["title"].choices = [
                (value, label)
                for value, label in MemberTitle.choices
                if value not in {MemberTitle.VILLAGE_HEAD, MemberTitle.PARTY_CELL_SECRETARY}
            ]


MemberFormSet = forms.formset_factory(MemberForm, extra=0)


def member_initial(level, members) -> list[dict]:
    """The saved members, then blank rows up to the largest group the seed allows."""
    rows = [
        {
            "name": m.name,
            "role": m.role,
            "title": m.title,
            "position": m.position,
            "organisation": m.organisation,
            "sex": m.sex,
            "ethnicity": m.ethnicity,
            "poor_household": m.poor_household,
        }
        for m in members
    ]
    size = COMMUNE_ROWS if level == GroupLevel.COMMUNE else VILLAGE_ROWS
    if not rows:
        rows.append(
            {
                "role": MemberRole.CHAIR,
                "title": MemberTitle.COMMUNE_CHAIRMAN
                if level == GroupLevel.COMMUNE
                else MemberTitle.VILLAGE_HEAD,
            }
        )
        if level == GroupLevel.COMMUNE:
            rows.append({"role": MemberRole.SECRETARY, "title": MemberTitle.OTHER})
    while len(rows) < size:
        rows.append({"role": MemberRole.MEMBER, "title": MemberTitle.OTHER})
    return rows


class UploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
