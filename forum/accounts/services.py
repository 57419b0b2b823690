"""Writes of an account's own settings and data (deletion: forum/accounts/deletion.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from forum.models import DataExport, User


def account_language_set(*, user: User, language: str) -> None:
    """The account itself chooses the language Agora speaks to it in, pages and e-mails."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the languages listed.")})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def data_export_request(*, user: User, then: Callable[[int], object] | None = None) -> DataExport:
    """The signed-in account asks for its personal data download. While one is being
    prepared, asking again returns that one (a conditional UNIQUE constraint settles two
    requests at once). `then(export_id)` runs after commit: the view passes the task."""
    if user.deleted_at is not None:
        raise ValidationError(_("This account is deleted."), code="deleted")
    export = DataExport(user=user)
    export.full_clean(exclude=["user"], validate_constraints=False)
    try:
        with transaction.atomic():
            export.save()
    except IntegrityError:
        unfinished = DataExport.objects.filter(
            user=user, status__in=[DataExport.Status.QUEUED, DataExport.Status.RUNNING]
        ).first()
        if unfinished is None:
            raise
        return unfinished
    if then is not None:
        export_id = export.pk
        transaction.on_commit(lambda: then(export_id), robust=True)
    return export
