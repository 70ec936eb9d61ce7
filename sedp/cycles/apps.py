from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CyclesConfig(AppConfig):
    name = "sedp.cycles"
    label = "cycles"
    verbose_name = _("Planning cycles")

    def ready(self):
        from sedp.core.events import register_verbs

        register_verbs(
            {
                "template.loaded": _("loaded the process template"),
                "template.copied": _("copied the process template"),
                "template.rescheduled": _("changed a deadline of the process template"),
                "cycle.opened": _("opened the planning cycle"),
                "task.completed": _("completed the task"),
                "task.reopened": _("reopened the task"),
            }
        )
