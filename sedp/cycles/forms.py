from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin
from sedp.cycles.models import ProcessTemplate
from sedp.territory.models import AdminUnit, TerritoryStructure


class CycleOpenForm(BootstrapMixin, forms.Form):
    report_year = forms.IntegerField(
        label=_("report year (X)"),
        min_value=2015,
        max_value=2100,
        help_text=_("The plan year is X+1."),
    )
    template = forms.ModelChoiceField(
        label=_("process template"), queryset=ProcessTemplate.objects.all()
    )
    structure = forms.ModelChoiceField(
        label=_("territory structure"), queryset=TerritoryStructure.objects.all()
    )


class TemplateCopyForm(BootstrapMixin, forms.Form):
    province = forms.ModelChoiceField(
        label=_("province"),
        queryset=AdminUnit.objects.filter(parent__isnull=True).select_related("structure"),
    )
    code = forms.SlugField(label=_("code"), max_length=80)
    name = forms.CharField(label=_("name"), max_length=255)


class RescheduleForm(BootstrapMixin, forms.Form):
    deadline = forms.RegexField(
        label=_("new deadline (dd/mm)"),
        regex=r"^\d{1,2}/\d{1,2}$",
        error_messages={"invalid": _("Write the deadline as day/month, e.g. 21/06.")},
    )
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)

    def day_month(self):
        day, month = (int(part) for part in self.cleaned_data["deadline"].split("/"))
        return day, month


class TaskCompleteForm(BootstrapMixin, forms.Form):
    evidence = forms.CharField(
        label=_("evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Document number and date, link, or where the minutes are kept."),
    )
