"""Which moderator action applies to an item in which state, with which reasons, and what each
is called: one table that `services.item_act` enforces and the item page offers from."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from moderation.models import (
    CLEARING_REASONS,
    VIOLATION_REASONS,
    ModerationAction,
    ModerationStatus,
    Reason,
)

Action = ModerationAction.Action

# Which moderator action may start from which status, and where it leads. Approving is for
# what screening held; a hidden or removed item comes back by restoring it (one name for one
# decision), or, when reports hid it, by dismissing the reports.
TRANSITIONS: dict[str, tuple[set[str], str]] = {
    Action.APPROVE: ({ModerationStatus.HELD}, ModerationStatus.VISIBLE),
    Action.HIDE: ({ModerationStatus.VISIBLE, ModerationStatus.HELD}, ModerationStatus.HIDDEN),
    Action.REMOVE: (
        {ModerationStatus.VISIBLE, ModerationStatus.HELD, ModerationStatus.HIDDEN},
        ModerationStatus.REMOVED,
    ),
    Action.RESTORE: ({ModerationStatus.HIDDEN, ModerationStatus.REMOVED}, ModerationStatus.VISIBLE),
    Action.DISMISS: ({ModerationStatus.VISIBLE, ModerationStatus.HIDDEN}, ModerationStatus.VISIBLE),
}

QUEUE_ACTIONS = list(TRANSITIONS)

# The reasons that fit each action: clearing an item takes a clearing reason, acting against
# it a violation, so that no approval is ever logged "for spam".
ACTION_REASONS: dict[str, list[Reason]] = {
    Action.APPROVE: CLEARING_REASONS,
    Action.RESTORE: CLEARING_REASONS,
    Action.DISMISS: CLEARING_REASONS,
    Action.HIDE: VIOLATION_REASONS,
    Action.REMOVE: VIOLATION_REASONS,
}

BULK_ACTIONS = [Action.APPROVE, Action.DISMISS]

# A button says what it will do; the log (Action's labels) says what was done.
ACTION_VERBS = {
    Action.APPROVE: _("Approve"),
    Action.HIDE: _("Hide"),
    Action.REMOVE: _("Remove"),
    Action.RESTORE: _("Restore"),
    Action.DISMISS: _("Dismiss reports"),
}
# What each does, beside the verb, so that nobody has to guess the consequence.
ACTION_HINTS = {
    Action.APPROVE: _("It appears to everyone."),
    Action.HIDE: _("Only its author and moderators see it; the author may appeal."),
    Action.REMOVE: _("A placeholder with the reason replaces it; the author may appeal."),
    Action.RESTORE: _("It appears to everyone again."),
    Action.DISMISS: _("The reports are closed as unfounded; it stays or becomes visible."),
}


def actions_for(status: str, *, has_open_reports: bool) -> list[str]:
    """The actions that apply to an item in `status`: the ones `item_act` accepts."""
    return [
        action
        for action, (sources, _target) in TRANSITIONS.items()
        if status in sources and (action != Action.DISMISS or has_open_reports)
    ]
