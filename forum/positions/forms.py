"""The position form; services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forum.charts import STANCE_COLOURS
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

    def stance_options(self) -> list[tuple[object, Stance, int]]:
        """Each stance's radio with the stance (for its description) and its tag's colour,
        the same as on the topic page: its place among the topic's stances."""
        stances = list(self.fields["stance"].queryset)
        by_pk = {
            stance.pk: (stance, index % STANCE_COLOURS) for index, stance in enumerate(stances)
        }
        options = []
        for radio in self["stance"]:
            stance, colour = by_pk[int(str(radio.data["value"]))]
            options.append((radio, stance, colour))
        return options

    def stance_colour(self, stance: Stance) -> int:
        stances = list(self.fields["stance"].queryset)
        return next((i for i, s in enumerate(stances) if s.pk == stance.pk), 0) % STANCE_COLOURS
