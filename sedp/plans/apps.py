from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "sedp.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self):
        from sedp.core.events import register_verbs
        from sedp.plans.hooks import register_work_pages

        register_work_pages()
        register_verbs(
            {
                "plan.created": _("created the plan"),
                "plan.sections_updated": _("wrote the plan's sections"),
                "plan.submitted": _("submitted the plan"),
                "plan.resubmitted": _("resubmitted the plan"),
                "plan.accepted": _("accepted the plan"),
                "plan.returned": _("returned the plan"),
                "plan.collection_closed": _("closed the collection of proposals"),
                "plan.collection_reopened": _("reopened the collection of proposals"),
                "plan.consolidated": _("consolidated the proposals"),
                "plan.envelope_set": _("recorded the funding envelope"),
                "plan.prefilled": _("pre-filled the draft from the data"),
                "plan.draft_completed": _("completed the draft"),
                "plan.framework_recorded": _("recorded the commune plan framework"),
                "plan.framework_uploaded": _("uploaded the commune plan framework workbook"),
                "plan.council_opinion": _("recorded the People's Council's opinion"),
            }
        )
