from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UpperConfig(AppConfig):
    name = "sedp.upper"
    label = "upper"
    verbose_name = _("District and provincial planning")

    def ready(self):
        from sedp.core.events import register_verbs
        from sedp.upper import sources

        sources.register()
        register_verbs(
            {
                "upper.routed": _("routed the commune plans by sector"),
                "upper.draft_issued": _("issued a draft"),
                "upper.dispatched": _("sent the plan"),
                "upper.dispatch_accepted": _("accepted the plan sent up the sector line"),
                "upper.dispatch_returned": _("returned the plan sent up the sector line"),
                "upper.opinion_recorded": _("recorded an opinion on the plan"),
                "upper.disagreement_raised": _("kept its own position against a commune"),
                "upper.disagreement_settled": _("settled a disagreement at the conference"),
            }
        )
