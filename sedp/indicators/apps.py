from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "sedp.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from sedp.core.events import register_verbs

        register_verbs(
            {
                "indicator.created": _("created the indicator"),
                "indicator.updated": _("updated the indicator"),
                "indicator_value.set": _("entered an indicator value"),
                "indicator_value.cleared": _("cleared an indicator value"),
                "indicator_value.imported": _("imported indicator values"),
            }
        )
        from django.db.models.signals import post_save

        from sedp.core.models import Event

        post_save.connect(_unit_changed, sender=Event, dispatch_uid="indicator-figures-unit")


def _unit_changed(sender, instance, created, **kwargs):
    """A unit moved to another parent or changed type: its old and new ancestors' roll-up
    figures change. Territory services record every change as an event, written in the same
    transaction after the paths are rewritten; hooking it keeps territory unaware of indicators.
    Rare (administrative restructuring), so all figures are simply rebuilt."""
    if not created or instance.verb != "unit.updated":
        return
    # The payload holds names, not ids (two communes may share a name): any change counts.
    if {"parent", "unit_type"} & set(instance.payload.get("before", {})):
        from sedp.indicators import figures

        figures.rebuild()
