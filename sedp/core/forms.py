"""Helpers shared by forms across apps."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _


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


def submit_form(request, form, action, success_message):
    """The POST half of every form view: run the service, or show its errors on the form.

    `action(cleaned_data)` calls one service. Returns its result (True if it returns
    None) after a success message, or None when the form must be shown again.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        apply_service_errors(form, error)
        return None
    messages.success(request, success_message)
    return True if result is None else result


class ValidityDatesMixin:
    """valid_to may not come before valid_from."""

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date is before the start date."))
        return data


def changed_fields(data: dict, initial: dict) -> dict:
    """The form fields whose value differs from what the object had (reason excluded)."""
    return {name: data[name] for name in initial if name in data and data[name] != initial[name]}


def report_service_errors(request, error: ValidationError) -> None:
    """For actions without a form of their own (buttons): show a service's errors as messages."""
    for text in error.messages:
        messages.error(request, text)


def report_form_errors(request, form) -> None:
    """For a form posted from another page (a row's inline form): show its errors as
    messages, each naming its field."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for text in errors:
            messages.error(request, f"{str(label).capitalize()}: {text}" if label else text)


def run_action(request, action, success_message, back_to):
    """A button's POST: run the service call `action`, show its errors or the success
    message, and go back to the page (`back_to`, a URL) either way."""
    try:
        action()
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(request, success_message)
    return redirect(back_to)
