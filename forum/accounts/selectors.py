"""Reads about accounts."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from forum.accounts.pseudonyms import pseudonym_key


def pseudonym_taken(*, pseudonym: str, excluding_user_id: int | None = None) -> bool:
    """Whether another account holds this pseudonym, ignoring Unicode case and forms."""
    accounts = get_user_model().objects.filter(pseudonym_key=pseudonym_key(pseudonym))
    if excluding_user_id is not None:
        accounts = accounts.exclude(pk=excluding_user_id)
    return accounts.exists()
