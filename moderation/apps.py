from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Trust and safety")
    default_auto_field = "django.db.models.BigAutoField"
