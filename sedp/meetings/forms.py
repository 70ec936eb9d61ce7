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


class ConferenceForm(MeetingForm):
    """The commune conference: a meeting plus the agencies that took part."""

    agencies = forms.ModelMultipleChoiceField(
        label=_("agencies taking part"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agencies, **kwargs):
        from sedp.territory.models import SectorGroup

        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies
        self.fields["minutes"].label = _("minutes (part 2 and anything else)")
        # Part 1: the discussion in each sector group, before the minutes.
        for value, label in SectorGroup.choices:
            self.fields[f"part1_{value}"] = forms.CharField(
                label=_("Part 1 — %(group)s group: what the discussion concluded")
                % {"group": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )
        self.order_fields([*MeetingForm.base_fields, *self.part1_names(), "agencies"])

    @staticmethod
    def part1_names():
        from sedp.territory.models import SectorGroup

        return [f"part1_{value}" for value in SectorGroup.values]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["discussions"] = {
            name.removeprefix("part1_"): data.pop(name) for name in self.part1_names()
        }
        return data


class DecisionForm(BootstrapMixin, forms.Form):
    activity = forms.IntegerField(required=False, widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("move to"), required=False, choices=())
    priority = forms.IntegerField(
        label=_("priority rank"), required=False, min_value=1, max_value=999
    )
    allocation = forms.IntegerField(
        label=_("commune funds allocated (VND)"), required=False, min_value=0
    )
    text = forms.CharField(label=_("decision"), required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        from sedp.activities.models import ActivityStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "—")] + list(ActivityStatus.choices)


class KickoffForm(MeetingForm):
    """The commune kick-off meeting: a meeting, the people each invited agency sent, what was
    explained about the forms and the timetable agreed. One number field per agency."""

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda"].label = _("guidance given on filling in the forms")
        self.fields["agenda"].required = True
        self.fields["decisions_text"].label = _("timetable and assignments agreed")
        self.fields["decisions_text"].required = True
        self.fields["decisions_text"].help_text = _(
            "Who sends which form to the commune by when (before 1 June)."
        )
        self.agencies = list(agencies)
        for agency in self.agencies:
            self.fields[f"a-{agency.pk}"] = forms.IntegerField(
                label=agency.name,
                required=False,
                min_value=0,
                max_value=100_000,
                widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
            )

    def agency_fields(self):
        return [self[f"a-{agency.pk}"] for agency in self.agencies]

    def meeting_fields(self):
        return [self[name] for name in MeetingForm.base_fields]

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in MeetingForm.base_fields}
        data["attendance"] = {
            agency: self.cleaned_data[f"a-{agency.pk}"]
            for agency in self.agencies
            if self.cleaned_data.get(f"a-{agency.pk}")
        }
        return data
