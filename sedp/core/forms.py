"""Helpers shared by forms across apps."""

from django import forms
from django.core.exceptions import ValidationError


def apply_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, per field where it names one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class BootstrapMixin:
    """Give every widget Bootstrap's classes, and mark invalid fields after validation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            input_type = getattr(widget, "input_type", None)
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue  # rendered as a list of checkboxes
            if isinstance(widget, forms.Select):
                css = "form-select"
            elif input_type == "checkbox":
                css = "form-check-input"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid"
