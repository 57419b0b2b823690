"""Background work of open data."""

from __future__ import annotations

from django_tasks import task

from forum.opendata import exports as opendata_exports


@task()
def export_consultation(consultation_id: int) -> None:
    """Build a consultation's open-data ZIP into the default storage (for the download page)."""
    from forum.models import Consultation

    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is not None:
        opendata_exports.store_consultation_zip(consultation)
