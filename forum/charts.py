"""Charts drawn on the server as SVG geometry; templates only place the numbers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Eight fills that keep 3:1 contrast against white; every segment also carries a text label.
STANCE_COLOURS = 8
BAR_WIDTH = 1000


@dataclass(frozen=True)
class BarSegment:
    label: str
    key: str
    count: int
    percent: int
    x: float
    width: float
    colour: int


def stance_bar(stances: Iterable[object]) -> tuple[list[BarSegment], int]:
    """Segments of a 100 % stacked bar, one per stance, from stances annotated `position_count`."""
    stances = list(stances)
    total = sum(stance.position_count for stance in stances)
    segments: list[BarSegment] = []
    x = 0.0
    for index, stance in enumerate(stances):
        count = stance.position_count
        width = BAR_WIDTH * count / total if total else 0.0
        segments.append(
            BarSegment(
                label=stance.label,
                key=stance.key,
                count=count,
                percent=round(100 * count / total) if total else 0,
                x=round(x, 2),
                width=round(width, 2),
                colour=index % STANCE_COLOURS,
            )
        )
        x += width
    return segments, total
