from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sedp.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from sedp.core.events import register_verbs

        register_verbs(
            {
                "membership.added": _("added a member"),
                "membership.changed": _("changed a member's role"),
                "membership.removed": _("removed a member"),
                "user.created": _("created the user account"),
                "user.updated": _("updated the user account"),
                "user.password_set": _("set a new password"),
            }
        )
