from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "sedp.territory"
    label = "territory"
    verbose_name = _("Territory")

    def ready(self):
        from sedp.core.events import register_verbs

        register_verbs(
            {
                "unit.created": _("created the administrative unit"),
                "unit.updated": _("updated the administrative unit"),
                "unit.imported": _("imported administrative units"),
                "sector.created": _("created the sector"),
                "sector.updated": _("updated the sector"),
                "agency.created": _("created the agency"),
                "agency.updated": _("updated the agency"),
                "structure.created": _("created the territory structure"),
                "structure.updated": _("updated the territory structure"),
                "level.created": _("created the administrative level"),
                "level.updated": _("updated the administrative level"),
            }
        )
