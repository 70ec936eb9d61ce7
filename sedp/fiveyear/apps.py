from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiveYearConfig(AppConfig):
    name = "sedp.fiveyear"
    label = "fiveyear"
    verbose_name = _("Five-year plans")

    def ready(self):
        from sedp.core.events import register_verbs
        from sedp.fiveyear.hooks import register_work_pages

        register_work_pages()
        register_verbs(
            {
                "fiveyear.plan_created": _("recorded the five-year plan"),
                "fiveyear.objective_added": _("added a five-year objective"),
                "fiveyear.target_added": _("added a five-year target"),
                "fiveyear.programme_added": _("added a programme"),
                "fiveyear.task_added": _("added a programme task"),
                "fiveyear.task_progress": _("reported a programme task's progress"),
                "fiveyear.linked": _("linked the annual plan to the five-year plan"),
                "fiveyear.unlinked": _("removed a link to the five-year plan"),
                "fiveyear.link_changed": _("changed what an annual item carries out"),
                "fiveyear.objective_changed": _("changed a five-year objective"),
                "fiveyear.objective_deleted": _("deleted a five-year objective"),
                "fiveyear.target_changed": _("changed a five-year target"),
                "fiveyear.target_deleted": _("deleted a five-year target"),
                "fiveyear.programme_changed": _("changed a programme"),
                "fiveyear.programme_deleted": _("deleted a programme"),
                "fiveyear.task_changed": _("changed a programme task"),
                "fiveyear.task_deleted": _("deleted a programme task"),
                "fiveyear.plan_renamed": _("renamed the five-year plan"),
                "fiveyear.plan_deleted": _("deleted the five-year plan"),
                "orientation.indicator_set": _("wrote an orientation indicator"),
                "orientation.summary_closed": _("consolidated the orientation summary"),
                "orientation.plan_issued": _("issued the draft directional plan"),
                "orientation.conference1": _("recorded conference 1"),
                "orientation.dialogue": _("recorded an enterprise dialogue"),
                "orientation.form_guidance": _("guided the offices on the orientation form"),
            }
        )
