"""Charts drawn on the server as SVG geometry; templates only place the numbers."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from forum.geometry import convex_hull, rounded_outline

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
#
# Drawn in a 480 × 380 box that the page scales to its width (viewBox). Each group has a
# letter, a shape and a colour, and its region is labelled on the map ("A · 12"), so nothing
# is told by colour alone.

MAP_WIDTH = 480
MAP_HEIGHT = 380
# Room for a region's padding around the outermost points.
MAP_MARGIN = 24
HULL_PADDING = 16
# Up to this many participants every one is drawn; beyond it the points are binned on a grid
# of BIN_SIZE units, one mark per group and cell, larger where a cell holds more people, so
# that the SVG stays small (bounded by the number of cells) for a topic of any size.
MAP_MAX_MARKS = 800
BIN_SIZE = 12

# Okabe & Ito's colour-blind-safe palette, darkened where needed to keep 3:1 against white
# and against a region's tint (WCAG 1.4.11), and chosen to stay apart from the stance colours
# of pages.css (--s0…--s7): a group is not a stance. tests/forum/test_opinion_chart.py checks both.
GROUP_COLOURS = ("#D55E00", "#785EF0", "#009E73", "#DC267F", "#1E2124")
HULL_TINT_OPACITY = 0.1
# Marks centred on (0, 0), about 12 units across.
GROUP_SHAPES = (
    ("circle", "M-6,0a6,6 0 1,0 12,0a6,6 0 1,0 -12,0Z"),
    ("square", "M-5.5,-5.5h11v11h-11Z"),
    ("triangle", "M0,-7.5L7,5.5H-7Z"),
    ("diamond", "M0,-7.5L7.5,0L0,7.5L-7.5,0Z"),
    ("cross", "M-2.5,-7h5v4.5h4.5v5h-4.5v4.5h-5v-4.5h-4.5v-5h4.5Z"),
)
SHAPE_NAMES = {
    "circle": gettext_lazy("circles"),
    "square": gettext_lazy("squares"),
    "triangle": gettext_lazy("triangles"),
    "diamond": gettext_lazy("diamonds"),
    "cross": gettext_lazy("crosses"),
}
# A binned mark for 1, 2–9 and 10 or more participants.
MARK_SCALES = (1.0, 1.4, 1.9)
LABEL_FONT = 20
LABEL_HEIGHT = 32
YOU_FONT = 18


@dataclass
class Box:
    x: float
    y: float
    width: float
    height: float

    def overlap(self, other: Box) -> float:
        w = min(self.x + self.width, other.x + other.width) - max(self.x, other.x)
        h = min(self.y + self.height, other.y + other.height) - max(self.y, other.y)
        return max(0.0, w) * max(0.0, h)

    # Where a label's mark and text sit in its box (SVG text is placed by its baseline).
    @property
    def mark_x(self) -> float:
        return round(self.x + 18, 1)

    @property
    def mark_y(self) -> float:
        return round(self.y + self.height / 2, 1)

    @property
    def text_x(self) -> float:
        """The middle of the room right of the mark (the text is anchored there)."""
        return round(self.x + 30 + (self.width - 38) / 2, 1)

    @property
    def text_y(self) -> float:
        return round(self.y + self.height / 2 + 7, 1)

    @property
    def you_text_x(self) -> float:
        return round(self.x + self.width / 2, 1)

    def clamped(self) -> Box:
        x = min(max(self.x, 2.0), MAP_WIDTH - 2.0 - self.width)
        y = min(max(self.y, 2.0), MAP_HEIGHT - 2.0 - self.height)
        return Box(round(x, 1), round(y, 1), round(self.width, 1), self.height)


@dataclass
class MapGroup:
    label: int
    letter: str
    size: int
    percent: int
    shape: str
    shape_path: str
    colour: str
    outline: str = ""
    tag: Box | None = None
    selected: bool = False
    agrees: list[dict] = field(default_factory=list)
    disagrees: list[dict] = field(default_factory=list)

    @property
    def representative(self) -> list[dict]:
        return self.agrees + self.disagrees

    @property
    def headline(self) -> dict | None:
        """What the group agrees on most distinctly, else what it rejects, for the legend."""
        return (self.agrees or self.disagrees or [None])[0]

    @property
    def shape_name(self) -> str:
        return SHAPE_NAMES[self.shape]

    @property
    def mark_id(self) -> str:
        return f"om-m{self.label % len(GROUP_SHAPES)}-0"

    @property
    def tag_text(self) -> str:
        return f"{self.letter} · {self.size}"


def group_letter(label: int) -> str:
    return "ABCDEFGHIJ"[label] if 0 <= label < 10 else str(label + 1)


def group_of_letter(letter: str) -> int | None:
    """The label a `?group=B` names, or None for anything else."""
    letter = letter.strip().upper()
    return "ABCDEFGHIJ".index(letter) if len(letter) == 1 and letter in "ABCDEFGHIJ" else None


def text_width(text: str, font_size: float) -> float:
    """A generous estimate of a text's width: Hangul and other wide characters are one em."""
    ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.62 for c in text)
    return ems * font_size


def _place(candidates: list[Box], taken: list[Box], points: list) -> Box:
    """The first candidate that covers no other label and fewest marks."""

    def cost(box: Box) -> float:
        covered = sum(
            1
            for x, y, _g in points
            if box.x <= x <= box.x + box.width and box.y <= y <= box.y + box.height
        )
        return 1000 * sum(box.overlap(t) for t in taken) + covered

    # min keeps the first of equals: the preferred place when nothing is covered.
    return min((c.clamped() for c in candidates), key=cost)


def _scale(raw: list) -> list[tuple[float, float, int]]:
    """Points into the box, one scale for both axes so that distances keep their meaning."""
    if not raw:
        return []
    xs, ys = [p[0] for p in raw], [p[1] for p in raw]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    inner_w, inner_h = MAP_WIDTH - 2 * MAP_MARGIN, MAP_HEIGHT - 2 * MAP_MARGIN - LABEL_HEIGHT
    scale = min(inner_w / span_x, inner_h / span_y)
    left = MAP_MARGIN + (inner_w - span_x * scale) / 2
    top = MAP_MARGIN + LABEL_HEIGHT + (inner_h - span_y * scale) / 2
    # y grows downwards in SVG; the map keeps "up" up.
    return [
        (round(left + (p[0] - min(xs)) * scale, 1), round(top + (max(ys) - p[1]) * scale, 1), p[2])
        for p in raw
    ]


def _marks(points: list[tuple[float, float, int]]) -> tuple[list[tuple[str, float, float]], bool]:
    """(marker id, x, y) to draw: each point, or past MAP_MAX_MARKS one per group and cell."""
    if len(points) <= MAP_MAX_MARKS:
        return [(f"om-m{g % len(GROUP_SHAPES)}-0", x, y) for x, y, g in points], False
    cells: dict[tuple[int, int, int], list[float]] = {}
    for x, y, g in points:
        cell = cells.setdefault((int(x // BIN_SIZE), int(y // BIN_SIZE), g), [0, 0.0, 0.0])
        cell[0] += 1
        cell[1] += x
        cell[2] += y
    marks = []
    for (_gx, _gy, g), (n, sx, sy) in cells.items():
        size = 0 if n == 1 else 1 if n < 10 else 2
        marks.append((f"om-m{g % len(GROUP_SHAPES)}-{size}", round(sx / n, 1), round(sy / n, 1)))
    return marks, True


def _representative(group: dict, positions: dict, stance_colours: dict) -> tuple[list, list]:
    agrees, disagrees = [], []
    for rep in group["representative"]:
        position = positions.get(rep["position"])
        if position is None:  # hidden since, or never public: not even its claim is shown
            continue
        rest = rep.get("rest")
        item = {
            "position": position,
            "direction": rep["direction"],
            "percent": round(100 * rep["share"]),
            "rest_percent": round(100 * rest) if rest is not None else None,
            "stance_colour": stance_colours.get(position.stance_id, 0),
        }
        (agrees if rep["direction"] == "agree" else disagrees).append(item)
    return agrees, disagrees


def opinion_map_context(
    data: dict,
    positions: dict[int, object],
    *,
    viewer_id: int | None = None,
    selected: int | None = None,
    stance_colours: dict[int, int] | None = None,
    you_text: str = "",
) -> dict:
    """Everything the map's SVG and its words need: regions, marks, labels, the viewer's own
    point (only ever the viewer's), and each group with the positions that set it apart."""
    stance_colours = stance_colours or {}
    points = _scale(data.get("points", []))
    marks, binned = _marks(points)
    total = sum(g["size"] for g in data.get("groups", [])) or 1
    groups: list[MapGroup] = []
    for group in data.get("groups", []):
        label = group["label"]
        shape, path = GROUP_SHAPES[label % len(GROUP_SHAPES)]
        agrees, disagrees = _representative(group, positions, stance_colours)
        groups.append(
            MapGroup(
                label=label,
                letter=group_letter(label),
                size=group["size"],
                percent=round(100 * group["size"] / total),
                shape=shape,
                shape_path=path,
                colour=GROUP_COLOURS[label % len(GROUP_COLOURS)],
                selected=label == selected,
                agrees=agrees,
                disagrees=disagrees,
            )
        )
    you = _you(data, points, viewer_id)
    taken = [Box(you["x"] - 14, you["y"] - 14, 28, 28)] if you else []
    for group in sorted(groups, key=lambda g: -g.size):
        hull = convex_hull((x, y) for x, y, g in points if g == group.label)
        if not hull:
            continue
        group.outline = rounded_outline(hull, HULL_PADDING)
        width = text_width(group.tag_text, LABEL_FONT) + 44
        top = min(y for _x, y in hull)
        bottom = max(y for _x, y in hull)
        top_x = next(x for x, y in hull if y == top)
        bottom_x = next(x for x, y in hull if y == bottom)
        cx = sum(x for x, _y in hull) / len(hull)
        cy = sum(y for _x, y in hull) / len(hull)
        group.tag = _place(
            [
                Box(top_x - width / 2, top - HULL_PADDING - LABEL_HEIGHT - 2, width, LABEL_HEIGHT),
                Box(bottom_x - width / 2, bottom + HULL_PADDING + 2, width, LABEL_HEIGHT),
                Box(cx - width / 2, cy - LABEL_HEIGHT / 2, width, LABEL_HEIGHT),
            ],
            taken,
            points,
        )
        taken.append(group.tag)
    if you:
        width = text_width(you_text, YOU_FONT) + 20
        x, y = you["x"], you["y"]
        you["tag"] = _place(
            [
                Box(x - width / 2, y - 16 - LABEL_HEIGHT, width, LABEL_HEIGHT),
                Box(x - width / 2, y + 16, width, LABEL_HEIGHT),
                Box(x + 18, y - LABEL_HEIGHT / 2, width, LABEL_HEIGHT),
                Box(x - 18 - width, y - LABEL_HEIGHT / 2, width, LABEL_HEIGHT),
            ],
            taken,
            points,
        )
        you["group"] = next((g for g in groups if g.label == you["label"]), None)
    consensus = [
        {
            "position": positions[c["position"]],
            "agree": c["agree"],
            "stance_colour": stance_colours.get(positions[c["position"]].stance_id, 0),
        }
        for c in data.get("consensus", [])
        if c["position"] in positions
    ]
    return {
        "map_width": MAP_WIDTH,
        "map_height": MAP_HEIGHT,
        "points": points,
        "marks": marks,
        "points_binned": binned,
        "marker_defs": [
            (f"om-m{i}-{s}", path, GROUP_COLOURS[i], scale)
            for i, (_shape, path) in enumerate(GROUP_SHAPES)
            for s, scale in enumerate(MARK_SCALES)
        ],
        "groups": groups,
        "selected_group": next((g for g in groups if g.selected), None),
        "you": you,
        "consensus": consensus,
    }


def _you(data: dict, points: list, viewer_id: int | None) -> dict | None:
    """The viewer's own point, looked up by their own id only: no one else's is named."""
    if viewer_id is None:
        return None
    index = data.get("places", {}).get(str(viewer_id))
    if index is None or index >= len(points):
        return None
    x, y, label = points[index]
    return {"x": x, "y": y, "label": label}
