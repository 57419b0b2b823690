"""What the reader-facing page cache keys on: a counter per consultation and one for the site."""

from __future__ import annotations

from django.db import models


class PageGeneration(models.Model):
    """A counter that the write services raise, in their own transaction, whenever what a
    reader sees changes: `c:<consultation slug>` for one consultation's pages, `site` for
    every page. A cached page is stored under the counters it was rendered with, so a raised
    counter makes the next reader miss it: no entry is ever deleted, and a change can't be
    lost between the commit and the cache (the counter commits with the change). Rows are
    never deleted, so the sum of all counters only grows and can key the home page."""

    # "c:" and a consultation's slug (up to 80 characters), or "site".
    name = models.CharField(max_length=100, primary_key=True)
    generation = models.BigIntegerField(default=0)

    class Meta:
        db_table = "forum_page_generation"

    def __str__(self) -> str:
        return f"{self.name}={self.generation}"
