from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Deliberation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: the models must be loaded first.
        from forum import moderated
        from forum.caching.services import scope_changed
        from forum.discussion import wiring
        from forum.models import Position, Reply
        from forum.visibility import content_visible_to
        from moderation import registry

        wiring.connect()
        # Positions and replies are what moderation can act on (moderation/registry.py).
        registry.register(Position, readable_by=content_visible_to, shown=moderated.position_shown)
        registry.register(Reply, readable_by=content_visible_to, shown=moderated.reply_shown)
        registry.register_scope_titles(moderated.consultation_titles)
        registry.register_content_changed(
            lambda content: scope_changed(consultation_slug=content.moderation_scope)
        )
