from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "sedp.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self):
        from sedp.core.events import register_verbs
        from sedp.monitoring.hooks import register_work_pages

        register_work_pages()
        register_verbs(
            {
                "monitoring.framework_prefilled": _("pre-filled the M&E framework"),
                "monitoring.framework_updated": _("changed the M&E framework"),
                "monitoring.framework_completed": _("completed the M&E framework"),
                "monitoring.started": _("started monitoring the plan"),
                "monitoring.value_reported": _("reported an actual value"),
                "monitoring.progress_reported": _("reported an activity's progress"),
                "monitoring.evidence_added": _("attached an evidence file"),
                "monitoring.explanation_requested": _("requested an explanation"),
                "monitoring.explanation_answered": _("answered an explanation request"),
                "monitoring.assessment_filled": _("filled the assessment from monitoring"),
            }
        )
