"""URL converters."""

from django.urls import register_converter


class RowIdConverter:
    """A database id: at most 18 digits, so that no lookup overflows a 64-bit integer (SQLite
    raises OverflowError, a 500, through the one-to-one primary key of replies)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


# Registered once, when this module is first imported (by either URLconf).
register_converter(RowIdConverter, "id")
