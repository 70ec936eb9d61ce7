from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "sedp.groups"
    label = "groups"
    verbose_name = _("Planning groups")

    def ready(self):
        from sedp.core.events import register_verbs
        from sedp.groups import hooks

        register_verbs(
            {
                "group.formed": _("set up the planning group"),
                "group.updated": _("changed the planning group"),
                "basic_data.completed": _("completed the village basic-data form"),
            }
        )
        hooks.register_work_pages()
