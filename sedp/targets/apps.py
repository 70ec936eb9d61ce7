from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "sedp.targets"
    label = "targets"
    verbose_name = _("Assigned targets and budgets")

    def ready(self):
        from django.urls import reverse

        from sedp.core.events import register_verbs
        from sedp.cycles.outputs import register_output_link

        for code in ("tinh.official_targets", "huyen.official_targets", "xa.official_targets"):
            register_output_link(code, lambda task: reverse("targets-target-mine"))
        register_verbs(
            {
                "targets.allocation_opened": _("started allocating the assigned targets"),
                "targets.allocation_saved": _("saved the allocation of targets"),
                "targets.issued": _("assigned the targets to the units below"),
                "targets.assigned": _("assigned the target"),
                "targets.withdrawn": _("withdrew the assigned target"),
                "targets.official_pending": _(
                    "could not assign the official targets: the allocation does not add up"
                ),
                "budget.prepared": _("prepared the budget estimate"),
                "budget.submitted": _("sent the budget estimate to the finance body"),
                "budget.accepted": _("accepted the budget estimate"),
                "budget.returned": _("returned the budget estimate"),
            }
        )
