"""The opinion map's drawing: group regions (hulls), its palette, and its size for big topics."""

from __future__ import annotations

import random
import re
from pathlib import Path

from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from forum.charts import (
    GROUP_COLOURS,
    HULL_TINT_OPACITY,
    MAP_HEIGHT,
    MAP_WIDTH,
    opinion_map_context,
)
from forum.geometry import _cross, convex_hull, inside_or_on, rounded_outline

PAGES_CSS = Path(__file__).resolve().parents[2] / "forum/static/forum/css/pages.css"

coordinates = st.floats(min_value=-1000, max_value=1000, allow_nan=False).map(lambda v: round(v, 1))
points = st.lists(st.tuples(coordinates, coordinates), min_size=1, max_size=60)


@given(points)
def test_every_point_is_inside_or_on_its_hull(pts):
    hull = convex_hull(pts)
    assert all(inside_or_on(hull, p, tolerance=1e-6) for p in pts)


@given(points)
def test_a_hull_is_convex_counter_clockwise_and_made_of_the_points(pts):
    hull = convex_hull(pts)
    assert set(hull) <= set(pts)
    if len(hull) >= 3:
        turns = [_cross(hull[i - 2], hull[i - 1], hull[i]) for i in range(len(hull))]
        assert all(turn > 0 for turn in turns)


integers = st.integers(min_value=-1000, max_value=1000)


# Integers keep the cross products exact: on a line, the hull is its two ends.
@given(st.lists(integers, min_size=1, max_size=30), integers, integers)
def test_collinear_points_give_the_two_ends(ts, slope, offset):
    pts = [(t, slope * t + offset) for t in ts]
    ends = sorted(set(pts))
    assert convex_hull(pts) == (ends if len(ends) == 1 else [ends[0], ends[-1]])


@given(st.lists(st.tuples(integers, integers), min_size=1, max_size=40))
def test_duplicates_change_no_hull(pts):
    assert convex_hull(pts + pts[::2]) == convex_hull(pts)


def test_small_and_degenerate_groups_still_get_a_region():
    assert convex_hull([]) == []
    assert convex_hull([(3, 4)] * 5) == [(3, 4)]
    assert convex_hull([(0, 0), (2, 2), (1, 1), (2, 2)]) == [(0, 0), (2, 2)]
    assert convex_hull([(0, 0), (1, 0), (1, 1), (0, 1), (0.5, 0.5)]) == [
        (0, 0),
        (1, 0),
        (1, 1),
        (0, 1),
    ]
    disc = rounded_outline([(10, 10)], 5)
    assert disc.startswith("M5,10a5,5") and disc.endswith("Z")
    capsule = rounded_outline([(0, 0), (10, 0)], 4)
    assert capsule.count("A4,4") == 2 and "M0,4" in capsule
    square = rounded_outline([(0, 0), (10, 0), (10, 10), (0, 10)], 2)
    assert square.count("A2,2 0 0,1") == 4
    assert rounded_outline([], 3) == ""


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def _tint(hex_colour: str, opacity: float) -> str:
    rgb = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 + (c - 255) * opacity):02x}" for c in rgb)


def _lab(hex_colour: str) -> tuple[float, float, float]:
    def linear(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_group_colours_are_not_stance_colours_and_keep_3_to_1_contrast():
    stances = re.findall(r"--s\d: (#[0-9a-fA-F]{6})", PAGES_CSS.read_text())
    assert len(stances) == 8
    for colour in GROUP_COLOURS:
        # CIE76 ΔE over 15: told apart at a glance, not a shade of a stance's colour.
        nearest = min(
            sum((a - b) ** 2 for a, b in zip(_lab(colour), _lab(s), strict=True)) ** 0.5
            for s in stances
        )
        assert nearest > 15, colour
        assert _contrast(colour, "#ffffff") >= 3, colour
        assert _contrast(colour, _tint(colour, HULL_TINT_OPACITY)) >= 3, colour
    assert len(set(GROUP_COLOURS)) == len(GROUP_COLOURS)


def _synthetic(n: int, k: int = 3) -> dict:
    rng = random.Random(4)
    centres = [(rng.uniform(-3, 3), rng.uniform(-3, 3)) for _ in range(k)]
    pts = []
    for i in range(n):
        g = i % k
        pts.append([centres[g][0] + rng.gauss(0, 0.6), centres[g][1] + rng.gauss(0, 0.6), g])
    groups = [{"label": g, "size": n // k, "representative": []} for g in range(k)]
    places = {str(1000 + i): i for i in range(n)}
    return {"points": pts, "groups": groups, "consensus": [], "places": places}


def test_thousands_of_participants_are_binned_and_the_svg_stays_small():
    context = opinion_map_context(_synthetic(5000), {}, viewer_id=1007, you_text="You are here")
    assert context["points_binned"]
    svg = render_to_string("forum/includes/opinion_map_svg.html", context)
    assert len(svg.encode()) < 60_000
    assert svg.count("<use ") < 1500
    assert "You are here" in svg


def test_a_few_participants_are_each_drawn_inside_the_box():
    context = opinion_map_context(_synthetic(40), {})
    assert not context["points_binned"] and len(context["marks"]) == 40
    assert all(0 < x < MAP_WIDTH and 0 < y < MAP_HEIGHT for _id, x, y in context["marks"])
    tags = [g.tag for g in context["groups"]]
    assert all(t.x >= 0 and t.x + t.width <= MAP_WIDTH and t.y >= 0 for t in tags)
    assert all(a.overlap(b) == 0 for i, a in enumerate(tags) for b in tags[i + 1 :])


def test_one_and_two_member_groups_are_outlined():
    data = {
        "points": [[0, 0, 0], [1, 1, 1], [1.2, 1.1, 1], [-1, 2, 2], [-1, 2, 2]],
        "groups": [{"label": g, "size": 1, "representative": []} for g in range(3)],
        "consensus": [],
    }
    groups = opinion_map_context(data, {})["groups"]
    assert all(g.outline.endswith("Z") and g.tag is not None for g in groups)
    assert [g.tag_text for g in groups] == ["A · 1", "B · 1", "C · 1"]
