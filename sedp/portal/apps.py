from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "sedp.portal"
    label = "portal"
    verbose_name = _("Approval and public portal")

    def ready(self):
        from sedp.core.events import register_verbs
        from sedp.portal.hooks import register_work_pages

        register_work_pages()

        register_verbs(
            {
                "council.submitted": _("submitted the plan to the People's Council"),
                "council.question_asked": _("recorded a question of the People's Council"),
                "council.question_answered": _("answered a question of the People's Council"),
                "council.resolution_adopted": _("recorded the resolution adopting the plan"),
                "portal.published": _("published the official plan on the public portal"),
                "portal.adjustment_started": _("started an adjustment of the official plan"),
                "portal.adjustment_cancelled": _("cancelled the adjustment of the official plan"),
                "council.adjustment_adopted": _("recorded the resolution adjusting the plan"),
                "portal.republished": _("republished the adjusted plan on the public portal"),
            }
        )
