"""The summary editor's forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


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
