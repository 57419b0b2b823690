"""Background work of accounts (tasks import services, never the reverse)."""

from __future__ import annotations

from django_tasks import task

from forum.accounts import data_export


@task()
def build_data_export(export_id: int) -> None:
    """Write one account's personal data download (requested on /accounts/data/)."""
    data_export.data_export_build(export_id=export_id)
