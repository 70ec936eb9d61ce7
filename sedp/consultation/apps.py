from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "sedp.consultation"
    label = "consultation"
    verbose_name = _("Community consultation")

    def ready(self):
        from sedp.consultation.documents import register_documents
        from sedp.core.events import register_verbs

        register_documents()
        register_verbs(
            {
                "consultation.opened": _("published the draft for community consultation"),
                "consultation.closed": _("closed the community consultation"),
                "consultation.comment_posted": _("received a resident's comment"),
                "consultation.comment_moderated": _("moderated a resident's comment"),
                "consultation.comment_answered": _("answered a resident's comment"),
                "consultation.report_published": _("published the feedback report to residents"),
            }
        )
