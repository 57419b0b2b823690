"""Forms parse moderation input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from moderation.models import (
    CLEARING_REASONS,
    REPORT_REASONS,
    VIOLATION_REASONS,
    ModerationAction,
    Sanction,
)
from moderation.transitions import ACTION_HINTS, ACTION_REASONS, ACTION_VERBS, QUEUE_ACTIONS

# No reason is chosen in advance: the moderator picks one that fits the action, and
# services.item_act refuses a pair that does not (an approval "for spam").
_NO_REASON = ("", _("Choose a reason"))
_CLEARING_CHOICES = [(r.value, r.label) for r in CLEARING_REASONS]
_REASON_CHOICES = [
    _NO_REASON,
    (_("For approving, restoring or dismissing reports"), _CLEARING_CHOICES),
    (_("For hiding or removing"), [(r.value, r.label) for r in VIOLATION_REASONS]),
]
_REASON_REQUIRED = {"required": _("Choose a reason.")}


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=[(r.value, r.label) for r in REPORT_REASONS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a reason.")},
    )
    text = forms.CharField(
        label=_("Details (needed for “other”)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# Each action's reason list carries its own label, so that a screen reader announces which
# action a list belongs to when the lists stand one under each radio button.
_REASON_LABELS = {
    "approve": _("Reason for approving (shown publicly)"),
    "hide": _("Reason for hiding (shown publicly)"),
    "remove": _("Reason for removing (shown publicly)"),
    "restore": _("Reason for restoring (shown publicly)"),
    "dismiss": _("Reason for dismissing the reports (shown publicly)"),
}


def reason_field_name(action: str) -> str:
    return f"reason_{action}"


class ActionForm(forms.Form):
    """A decision on one item: an action, the reason from that action's own list (so that
    without JavaScript only fitting reasons are ever offered), an optional note. The field
    `reason` is still read when a client posts it directly. Which actions apply to the item's
    state is for services.item_act to decide; the page offers only those (`offered`)."""

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[(a, ACTION_VERBS[a]) for a in QUEUE_ACTIONS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what to do.")},
    )
    reason = forms.ChoiceField(
        label=_("Reason (shown publicly)"),
        choices=_REASON_CHOICES,
        required=False,
    )
    note = forms.CharField(
        label=_("Note to the author (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    expected_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, offered: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.offered = list(QUEUE_ACTIONS if offered is None else offered)
        for action in QUEUE_ACTIONS:
            # Offers only the reasons that fit; a crafted value still reaches item_act,
            # whose refusal ("does not fit the action") is the one that counts.
            choices = [_NO_REASON, *[(r.value, r.label) for r in ACTION_REASONS[action]]]
            self.fields[reason_field_name(action)] = forms.CharField(
                label=_REASON_LABELS[action],
                required=False,
                max_length=20,
                widget=forms.Select(choices=choices),
            )

    def offered_choices(self) -> list[dict]:
        """For the template: each offered action, its verb and hint, its own reason list."""
        chosen = self.data.get("action") if self.is_bound else None
        return [
            {
                "action": a,
                "verb": ACTION_VERBS[a],
                "hint": ACTION_HINTS[a],
                "reason": self[reason_field_name(a)],
                # A reason refused (missing, or not fitting) is told beside the list it came from.
                "errors": self.errors.get("reason") if a == chosen else None,
            }
            for a in self.offered
        ]

    def clean(self) -> dict:
        data = super().clean()
        action = data.get("action")
        if action:
            reason = data.get(reason_field_name(action)) or data.get("reason") or ""
            if not reason:
                self.add_error("reason", _("Choose a reason."))
            data["reason"] = reason
        return data

    def decision(self) -> dict:
        """What services.item_act takes."""
        data = self.cleaned_data
        return {key: data[key] for key in ("action", "reason", "note", "expected_status")}


class BulkForm(forms.Form):
    items = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=[],
        error_messages={
            "required": _("Tick at least one item."),
        },
    )
    action = forms.ChoiceField(
        choices=[
            ("", _("Choose an action")),
            (ModerationAction.Action.APPROVE, _("Approve")),
            (ModerationAction.Action.DISMISS, _("Dismiss the reports")),
        ],
        error_messages={"required": _("Choose an action.")},
    )
    reason = forms.ChoiceField(
        choices=[_NO_REASON, *_CLEARING_CHOICES], error_messages=_REASON_REQUIRED
    )

    def __init__(self, *args, item_ids: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(pk, pk) for pk in item_ids]


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should moderators look again?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Sanction"), choices=Sanction.Kind.choices, widget=forms.RadioSelect
    )
    until = forms.DateTimeField(
        label=_("Suspended until (for a suspension)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[(r.value, r.label) for r in VIOLATION_REASONS]
    )
    note = forms.CharField(
        label=_("Note to the account (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
