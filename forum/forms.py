"""Forms parse and validate input; services decide and write."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.views import SignupView
from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm

from forum.accounts.selectors import pseudonym_taken
from forum.markup import render_markdown
from forum.models import REPLY_MAX_LENGTH, Leaning, Position, Reply, Stance, Topic


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, with the username presented as the public pseudonym it is."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.label = _("Pseudonym")
        field.help_text = _(
            "Shown on everything you write. Never your e-mail address. "
            "Letters (any script), digits, “.”, “-” and “_”."
        )
        field.widget.attrs["placeholder"] = ""
        field.widget.attrs["autocomplete"] = "nickname"

    def try_save(self, request):
        """allauth's save; when another sign-up took the same pseudonym between the check and
        the write (the key's UNIQUE constraint fires), the form says so instead of a 500."""
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            if not pseudonym_taken(pseudonym=self.cleaned_data["username"]):
                raise
        self.add_error("username", get_adapter().validation_error("username_taken"))
        view = SignupView()
        view.setup(request)
        return None, view.form_invalid(self)


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


class ReplyForm(XtdCommentForm):
    """django-comments-xtd's form for a reply, with the leaning and Markdown, and without the
    name, e-mail and web address fields: identity comes from the account (forum.discussion)."""

    # The library's identity fields, declared again so that nothing posted in them is even
    # validated: forum.discussion overwrites them from the account.
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
        self.fields["followup"].label = _("E-mail me when someone replies in this discussion")
        self.fields["followup"].widget.attrs.pop("class", None)

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


class SummaryForm(forms.Form):
    body = forms.CharField(
        label=_("Summary (Markdown; cite a position as [[P123]])"),
        max_length=50_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 24}),
    )
    change_note = forms.CharField(
        label=_("What this version changes (needed for a correction)"),
        max_length=500,
        required=False,
    )


class PublishForm(forms.Form):
    publish_anyway = forms.BooleanField(
        label=_("Publish anyway, despite the warnings"), required=False
    )
    reason = forms.CharField(
        label=_("Why (printed in the method section)"), max_length=1000, required=False
    )
