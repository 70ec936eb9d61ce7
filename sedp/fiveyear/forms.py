from django import forms
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin
from sedp.fiveyear.models import GuidanceMethod, Measure, ProgrammeKind
from sedp.meetings.forms import MeetingForm


class PlanForm(BootstrapMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("agency"), queryset=None)
    start_year = forms.IntegerField(label=_("first year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("title"), max_length=300)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class PlanTitleForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)


class ObjectiveForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("objective"), max_length=500)


class TargetForm(BootstrapMixin, forms.Form):
    indicator = forms.ModelChoiceField(label=_("indicator"), queryset=None)
    measure = forms.ChoiceField(label=_("how it is measured"), choices=Measure.choices)
    baseline = forms.DecimalField(label=_("baseline (year before the period)"), required=False)
    target_value = forms.DecimalField(label=_("target for the end year"))
    objective = forms.ModelChoiceField(label=_("objective"), queryset=None, required=False)

    def __init__(self, *args, indicators, objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["objective"].queryset = objectives


class ProgrammeForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ProgrammeKind.choices)
    code = forms.CharField(label=_("number"), max_length=30, required=False)
    title = forms.CharField(label=_("title"), max_length=500)
    lead_agency = forms.ModelChoiceField(label=_("lead agency"), queryset=None, required=False)
    objective = forms.ModelChoiceField(label=_("objective"), queryset=None, required=False)
    budget = forms.IntegerField(label=_("five-year budget (VND)"), required=False, min_value=0)

    def __init__(self, *args, agencies, objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_agency"].queryset = agencies
        self.fields["objective"].queryset = objectives


class TaskForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("task"), max_length=500)
    due_year = forms.IntegerField(label=_("due in year"), min_value=2000, max_value=2100)


class ProgressForm(BootstrapMixin, forms.Form):
    progress = forms.IntegerField(label=_("progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("progress note"), required=False, max_length=2000)


class IndicatorLineForm(BootstrapMixin, forms.Form):
    indicator = forms.ModelChoiceField(label=_("indicator"), queryset=None)
    actual_previous = forms.DecimalField(label=_("actual of year X-1"), required=False)
    estimate = forms.DecimalField(label=_("estimated actual of year X"), required=False)
    proposed = forms.DecimalField(label=_("proposed for year X+1"), required=False)
    basis = forms.CharField(
        label=_("basis of calculation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators


class Conference1Form(MeetingForm):
    """Conference 1: a meeting, its participants by agency and its conclusions."""

    agencies = forms.ModelMultipleChoiceField(
        label=_("agencies taking part"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies
        self.fields["decisions_text"].label = _("conclusions")


class DialogueForm(MeetingForm):
    """A dialogue with enterprises: a meeting, the enterprises present and their proposals."""

    enterprises = forms.ModelMultipleChoiceField(
        label=_("enterprises taking part"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    sector = forms.ModelChoiceField(label=_("sector"), queryset=None, required=False)
    proposals = forms.CharField(
        label=_("proposals (one a line)"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, enterprises, sectors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprises"].queryset = enterprises
        self.fields["sector"].queryset = sectors
        self.fields["decisions_text"].label = _("conclusions")


class FormGuidanceForm(BootstrapMixin, forms.Form):
    """Phòng TCKH's guidance on filling in the sector orientation form (task H1.3)."""

    method = forms.ChoiceField(
        label=_("how the guidance was given"), choices=GuidanceMethod.choices
    )
    given_on = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("guidance"), widget=forms.Textarea(attrs={"rows": 6}))
