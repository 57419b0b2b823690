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
from moderation.services import QUEUE_ACTIONS

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


class ActionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(a, ModerationAction.Action(a).label) for a in QUEUE_ACTIONS],
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("Reason (shown publicly)"),
        choices=_REASON_CHOICES,
        error_messages=_REASON_REQUIRED,
    )
    note = forms.CharField(
        label=_("Note to the author (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    expected_status = forms.CharField(widget=forms.HiddenInput)


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
