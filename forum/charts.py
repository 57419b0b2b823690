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


# The opinion map ------------------------------------------------------------------------

MAP_WIDTH = 600
MAP_HEIGHT = 400
MAP_MARGIN = 20
MAP_MAX_POINTS = 3000
# Each group has a letter, a colour and a shape, so no group is told apart by colour alone.
GROUP_SHAPES = ("circle", "square", "triangle", "diamond", "cross")


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    group: int


def group_letter(label: int) -> str:
    return "ABCDEFGHIJ"[label] if 0 <= label < 10 else str(label + 1)


def opinion_map_context(data: dict, positions: dict[int, object]) -> dict:
    """Points scaled into the SVG's box, and groups and consensus with their positions."""
    raw = data.get("points", [])
    step = max(1, -(-len(raw) // MAP_MAX_POINTS))
    shown = raw[::step]
    xs = [p[0] for p in shown] or [0.0]
    ys = [p[1] for p in shown] or [0.0]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    inner_w = MAP_WIDTH - 2 * MAP_MARGIN
    inner_h = MAP_HEIGHT - 2 * MAP_MARGIN
    points = [
        MapPoint(
            x=round(MAP_MARGIN + (p[0] - min(xs)) / span_x * inner_w, 1),
            y=round(MAP_MARGIN + (max(ys) - p[1]) / span_y * inner_h, 1),
            group=p[2],
        )
        for p in shown
    ]
    total = sum(g["size"] for g in data.get("groups", [])) or 1
    groups = []
    for group in data.get("groups", []):
        label = group["label"]
        groups.append(
            {
                "label": label,
                "letter": group_letter(label),
                "shape": GROUP_SHAPES[label % len(GROUP_SHAPES)],
                "colour": label % STANCE_COLOURS,
                "size": group["size"],
                "percent": round(100 * group["size"] / total),
                "representative": [
                    {
                        **rep,
                        "position": positions[rep["position"]],
                        "percent": round(100 * rep["share"]),
                    }
                    for rep in group["representative"]
                    if rep["position"] in positions
                ],
            }
        )
    consensus = [
        {"position": positions[c["position"]], "agree": c["agree"]}
        for c in data.get("consensus", [])
        if c["position"] in positions
    ]
    return {
        "points": points,
        "points_sampled": step > 1,
        "map_width": MAP_WIDTH,
        "map_height": MAP_HEIGHT,
        "groups": groups,
        "consensus": consensus,
    }
