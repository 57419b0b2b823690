"""Cursor pages over an id: stable while rows are added, and a cursor is all a client keeps."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination

from forum.inputs import ascii_int


class IdCursorPagination(CursorPagination):
    """Pages ordered by a unique integer key (`ordering`, set per view).

    DRF hands the cursor's position to the ORM as it came: "abc" or a 30-digit number there
    was a 500 (a ValueError, or an integer too large for the database). A cursor whose
    position is not a 64-bit id in ASCII digits is refused like any other invalid cursor.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-id"
    invalid_cursor_message = _("Invalid cursor: use the next and previous links as given.")

    def decode_cursor(self, request) -> Cursor | None:
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        position = ascii_int(cursor.position)
        if position is None or position >= 2**63:
            raise NotFound(self.invalid_cursor_message)
        return Cursor(offset=cursor.offset, reverse=cursor.reverse, position=str(position))


class OldestFirst(IdCursorPagination):
    ordering = "id"


class ByTopic(IdCursorPagination):
    """Opinion maps, one per topic, in the topics' order of creation."""

    ordering = "topic_id"
