"""The reply form, django-comments-xtd's with Agora's fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm

from forum.discussion.models import ANSWER_LEANING_LABELS
from forum.markup import render_markdown
from forum.models import (
    REPLY_MAX_LENGTH,
    Leaning,
    Position,
    Reply,
)


class ReplyForm(XtdCommentForm):
    """django-comments-xtd's form for a reply, with the leaning and Markdown, and without the
    name, e-mail and web address fields: identity comes from the account
    (forum.discussion.services.reply_prepare)."""

    # The library's identity fields, declared again so that nothing posted in them is even
    # validated: reply_prepare overwrites them from the account.
    name = forms.CharField(required=False, widget=forms.HiddenInput)
    email = forms.CharField(required=False, widget=forms.HiddenInput)
    url = forms.CharField(required=False, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Your reply (Markdown)"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write your reply before you post it.")},
    )
    # Bounded: a larger id would overflow the database's integer (a 500 on SQLite).
    reply_to = forms.IntegerField(
        min_value=0, max_value=2**63 - 1, initial=0, widget=forms.HiddenInput
    )
    leaning = forms.ChoiceField(
        label=_("Toward the position, your reply is"),
        choices=Leaning.choices,
        initial=Leaning.NEUTRAL,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose in favour, against or neutral.")},
    )

    def __init__(self, target_object: Position, *args, **kwargs) -> None:
        super().__init__(target_object, *args, **kwargs)
        for name in ("name", "email", "url"):
            self.fields[name].widget = forms.HiddenInput()
        self.fields["comment"].widget.attrs["maxlength"] = REPLY_MAX_LENGTH
        # The library's placeholder ("Your comment", untranslated in Korean) only repeats the
        # label, and disappears as soon as one types: the label says it.
        self.fields["comment"].widget.attrs.pop("placeholder", None)
        self.fields["followup"].label = _("E-mail me when someone replies in this discussion")
        self.fields["followup"].widget.attrs.pop("class", None)
        if self.answers_a_reply:
            # An answer leans toward the reply it answers, and the form asks it in those words.
            self.fields["leaning"].label = _("Toward the reply you answer, your answer")
            self.fields["leaning"].choices = list(ANSWER_LEANING_LABELS.items())
            self.fields["leaning"].error_messages["invalid_choice"] = _(
                "Choose agree, disagree or neutral."
            )

    @property
    def answers_a_reply(self) -> bool:
        raw = self.data.get("reply_to") if self.is_bound else self.initial.get("reply_to")
        return str(raw or "0").strip() not in ("", "0")

    @property
    def leaning_label(self) -> str:
        """The chosen leaning as the reply will show it (for the preview)."""
        value = getattr(self, "cleaned_data", {}).get("leaning", "")
        if self.answers_a_reply:
            return str(ANSWER_LEANING_LABELS.get(value, ""))
        return str(dict(Leaning.choices).get(value, ""))

    def clean_reply_to(self) -> int:
        parent_id = self.cleaned_data["reply_to"]
        if parent_id == 0:
            return parent_id
        parent = (
            Reply.norel_objects.filter(pk=parent_id)
            .select_related("content_type")
            .only("object_pk", "content_type", "is_public", "is_removed")
            .first()
        )
        if (
            parent is None
            or parent.object_pk != str(self.target_object.pk)
            or parent.content_type.model_class() is not Position
        ):
            raise forms.ValidationError(
                _("You can only answer a reply in this discussion."), code="reply_elsewhere"
            )
        if parent.is_removed or not parent.is_public:
            raise forms.ValidationError(
                _("That reply was removed, so it cannot be answered."), code="reply_removed"
            )
        return parent_id

    def get_comment_create_data(self, site_id: int | None = None) -> dict:
        data = super().get_comment_create_data(site_id=site_id)
        data["leaning"] = self.cleaned_data["leaning"]
        return data

    @property
    def preview_html(self) -> str:
        """The reply as it will look; rendered for the preview only, never stored from here."""
        if not self.is_bound or "comment" not in getattr(self, "cleaned_data", {}):
            return ""
        return render_markdown(self.cleaned_data["comment"])
