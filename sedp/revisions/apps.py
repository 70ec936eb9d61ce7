from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisionsConfig(AppConfig):
    name = "sedp.revisions"
    label = "revisions"
    verbose_name = _("Versions and updates")

    def ready(self):
        from sedp.core.events import register_verbs
        from sedp.revisions.change_document import register_change_report
        from sedp.revisions.links import register_work_pages

        register_work_pages()
        register_change_report()
        register_verbs(
            {
                "revision.version_recorded": _("recorded a version of the plan"),
                "revision.update_requested": _("asked for the plan framework to be updated"),
                "revision.reopened": _("reopened the plan for the update"),
                "revision.update_answered": _("sent the updated plan framework"),
                "revision.update_closed": _("closed the update round"),
                "revision.change_report": _("asked for the change report of two versions"),
            }
        )
