from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sedp.core.forms import BootstrapMixin
from sedp.directives.kinds import kinds_issued_by
from sedp.territory.models import AgencyKind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


LEVEL_CHOICES = [
    (0, _("Its own level only")),
    (1, _("Its own level and the level below")),
    (2, _("Its own level and two levels below")),
    (3, _("Its own level and three levels below")),
]


class DocumentForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("kind"))
    number = forms.CharField(label=_("number"), max_length=60, help_text=_("e.g. 45/UBND-VP"))
    issued_on = forms.DateField(
        label=_("date issued"), widget=forms.DateInput(attrs={"type": "date"})
    )
    report_year = forms.IntegerField(label=_("report year X"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("title"), max_length=500)
    summary = forms.CharField(
        label=_("summary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        label=_("text"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    recipient_kinds = forms.MultipleChoiceField(
        label=_("send to agencies of these kinds"),
        required=False,
        choices=AgencyKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    levels_below = forms.TypedChoiceField(
        label=_("on these levels"), choices=LEVEL_CHOICES, coerce=int, initial=1
    )
    sector_line = forms.BooleanField(label=_("only the issuer's sector line"), required=False)
    extra_recipients = forms.ModelMultipleChoiceField(
        label=_("and these agencies"), required=False, queryset=None
    )
    files = MultipleFileField(
        label=_("attachments"),
        required=False,
        help_text=_("PDF, Word, Excel, OpenDocument, JPEG or PNG; at most 5 files of 10 MB."),
    )

    def __init__(self, *args, issuer, pickable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.code, k.label) for k in kinds_issued_by(issuer)]
        self.fields["extra_recipients"].queryset = pickable
        self.fields["extra_recipients"].label_from_instance = lambda agency: (
            f"{agency.name} — {agency.unit.name}"
        )
        self.fields["extra_recipients"].widget.attrs["size"] = 8
        if not self.is_bound:
            self.initial.setdefault("issued_on", timezone.localdate())
            self.initial.setdefault("report_year", timezone.localdate().year)
