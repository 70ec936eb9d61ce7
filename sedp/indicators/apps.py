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
