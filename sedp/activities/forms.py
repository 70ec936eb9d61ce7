from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.activities import services as rules
from sedp.activities.models import (
    FUNDING_FIELDS,
    OTHER_FUNDING,
    PEOPLE_CONTRIBUTION,
    STATE_FUNDING,
    ActivityStatus,
    Beneficiary,
    ChainLevel,
    ResultItem,
)
from sedp.core.forms import BootstrapMixin
from sedp.plans.models import PlanKind
from sedp.territory.models import AdminUnit, Sector


def _amount(label, **extra):
    # inputmode=numeric brings up the digit keypad on a phone.
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1000"}),
        **extra,
    )


# The plans whose priority rank the villagers agree on (seed, commune step 2).
VILLAGERS_RANK = {PlanKind.VILLAGE_PROPOSAL, PlanKind.AGENCY_INPUT, PlanKind.COMMUNE_PLAN}


class ActivityForm(BootstrapMixin, forms.Form):
    """The activity row of a village proposal or agency input; the service checks the rules."""

    title = forms.CharField(label=_("activity"), max_length=500)
    sector = forms.ModelChoiceField(
        label=_("sector"),
        queryset=Sector.objects.order_by("path"),
        error_messages={"required": _("Choose the activity's sector.")},
    )
    place = forms.ModelChoiceField(label=_("place"), queryset=AdminUnit.objects.none())
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    beneficiaries = forms.MultipleChoiceField(
        label=_("beneficiaries"),
        required=False,
        choices=Beneficiary.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    cost_estimate = _amount(_("cost estimate (VND)"))
    priority = forms.IntegerField(
        label=_("priority agreed by the villagers (1 = most urgent)"),
        required=False,
        min_value=1,
        max_value=999,
    )
    self_reliant = forms.BooleanField(label=_("can be done without outside money"), required=False)
    timing = forms.CharField(label=_("timing"), max_length=100, required=False)
    result = forms.ModelChoiceField(
        label=_("output it contributes to"), required=False, queryset=ResultItem.objects.none()
    )
    people_labour_days = forms.IntegerField(
        label=_("people's labour days"),
        required=False,
        min_value=0,
        max_value=rules.MAX_LABOUR_DAYS,
    )

    def __init__(self, *args, plan, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = AdminUnit.objects.filter(
            path__startswith=area.path
        ).order_by("path")
        self.fields["place"].initial = plan.unit_id
        if plan.kind not in VILLAGERS_RANK:
            # Above the commune the rank is the office's own, not the villagers' agreement.
            self.fields["priority"].label = _("priority rank")
        self.fields["result"].queryset = ResultItem.objects.filter(
            plan=plan, level=ChainLevel.OUTPUT
        )
        for name, label in FUNDING_FIELDS:
            self.fields[name] = _amount(label)
            self.fields[name].widget.attrs["class"] = "form-control"
        self._name_the_field_in_errors()

    def _name_the_field_in_errors(self):
        """Django's own messages ("Ensure this value is greater than or equal to 0.") do not
        say which of a dozen amounts is wrong, and read oddly in Vietnamese: each number
        field says what the service says (the same functions), naming the field. Amounts above
        the ceiling and contributions above the cost are the service's to refuse; the view
        shows its message on the field."""
        for name in ["cost_estimate", *(n for n, _label in FUNDING_FIELDS)]:
            self.fields[name].error_messages.update(
                min_value=rules.negative_message(name), invalid=rules.not_whole_message(name)
            )
        days = rules.labour_days_message()
        self.fields["people_labour_days"].error_messages.update(
            min_value=days, max_value=days, invalid=days
        )
        rank = rules.priority_message()
        self.fields["priority"].error_messages.update(min_value=rank, max_value=rank, invalid=rank)

    def funding_groups(self):
        """(title, bound fields) for the funding part of the form, in the seed's groups."""
        return [
            (_("People's contribution"), [self[n] for n, _l in PEOPLE_CONTRIBUTION]),
            (_("State budget and target programmes"), [self[n] for n, _l in STATE_FUNDING]),
            (_("Other sources"), [self[n] for n, _l in OTHER_FUNDING]),
        ]

    def main_fields(self):
        names = ["title", "sector", "place", "cost_estimate", "priority", "timing", "result"]
        return [self[n] for n in names]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name, value in data.items():
            if value is None and name not in {"place", "priority", "sector", "result"}:
                data[name] = 0
        return data


def activity_initial(activity) -> dict:
    fields = ["title", "sector", "place", "description", "cost_estimate", "priority"]
    fields += ["self_reliant", "timing", "people_labour_days", "result"]
    fields += [name for name, _label in FUNDING_FIELDS]
    initial = {name: getattr(activity, name) for name in fields}
    initial["beneficiaries"] = activity.beneficiaries
    return initial


class StatusForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=ActivityStatus.choices)
    reason = forms.CharField(label=_("reason"), required=False, max_length=2000)


class ResultForm(BootstrapMixin, forms.Form):
    level = forms.ChoiceField(label=_("level"), choices=ChainLevel.choices)
    parent = forms.ModelChoiceField(
        label=_("serves"), required=False, queryset=ResultItem.objects.none()
    )
    title = forms.CharField(label=_("title"), max_length=500)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = ResultItem.objects.filter(plan=plan).exclude(
            level=ChainLevel.OUTPUT
        )
