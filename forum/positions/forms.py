"""The position form; services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forum.models import (
    Position,
    Stance,
    Topic,
)


class StanceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Stance) -> str:
        return obj.label


class PositionForm(forms.ModelForm):
    """Stance, claim and body of a position; the stance must be one of this topic's."""

    stance = StanceChoiceField(
        queryset=Stance.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label=_("Your stance"),
        error_messages={"invalid_choice": _("Choose one of this topic’s stances.")},
    )

    class Meta:
        model = Position
        fields = ["stance", "claim", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, topic: Topic, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stance"].queryset = topic.stances.all()
        self.fields["claim"].widget.attrs["maxlength"] = Position._meta.get_field(
            "claim"
        ).max_length
