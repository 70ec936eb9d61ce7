from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sedp.consultation.models import AnswerKind, CommentStatus
from sedp.core.forms import BootstrapMixin
from sedp.meetings.forms import MeetingForm


class OpenForm(BootstrapMixin, forms.Form):
    opens_on = forms.DateField(label=_("open from"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(
        label=_("open until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    intro = forms.CharField(
        label=_("introduction for residents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In plain words: what the draft is, how long comments are taken, who answers."),
    )
    section_codes = forms.MultipleChoiceField(
        label=_("sections to publish"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only sections with text are published; the activities are always shown."),
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(s.code, s.display_title) for s in sections if s.body.strip()]
        self.fields["section_codes"].choices = choices
        self.fields["section_codes"].initial = [code for code, _label in choices]


class CommentForm(forms.Form):
    """The resident's form. Lengths are checked by the service, which names the limit."""

    target = forms.CharField(label=_("Your comment is about"), required=False)
    body = forms.CharField(
        label=_("Your comment"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 4, "maxlength": settings.CONSULTATION_COMMENT_MAX_CHARS}
        ),
    )
    display_name = forms.CharField(
        label=_("Your name (optional, shown with the comment)"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 100, "autocomplete": "name"}),
    )
    village = forms.ModelChoiceField(
        label=_("Your village (optional, not shown)"), queryset=None, required=False
    )
    # A field people never see: robots fill every field they find.
    website = forms.CharField(required=False)

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        for name in ("target", "village"):
            self.fields[name].widget.attrs["class"] = "form-select"
        for name in ("body", "display_name"):
            self.fields[name].widget.attrs["class"] = "form-control"


class AnswerForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("answer"), choices=AnswerKind.choices)
    answer = forms.CharField(label=_("answer and reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ModerateForm(forms.Form):
    status = forms.ChoiceField(choices=CommentStatus.choices)
    reason = forms.CharField(required=False)


class ReportForm(BootstrapMixin, forms.Form):
    note = forms.CharField(
        label=_("summary for residents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConsultationMeetingForm(MeetingForm):
    village = forms.ModelChoiceField(
        label=_("village"), queryset=None, required=False, empty_label=_("At the commune")
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["village"].widget.attrs["class"] = "form-select"
        self.order_fields(["village"])
