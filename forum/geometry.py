"""Plane geometry for the opinion map: convex hulls of groups and their rounded outlines."""

from __future__ import annotations

from collections.abc import Iterable
from math import hypot

Point = tuple[float, float]


def _cross(o: Point, a: Point, b: Point) -> float:
    """Positive when o → a → b turns counter-clockwise (x right, y up)."""
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: Iterable[Point]) -> list[Point]:
    """Andrew's monotone chain: the hull's corners, counter-clockwise, without collinear or
    repeated points. One distinct point gives one corner, collinear points their two ends."""
    unique = sorted(set(points))
    if len(unique) <= 2:
        return unique
    lower: list[Point] = []
    for p in unique:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(unique):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def rounded_outline(hull: list[Point], radius: float) -> str:
    """An SVG path around a hull at `radius` from it, corners rounded (the hull grown by a
    disc), so that a group of one is a disc and a group of two a capsule."""
    if not hull:
        return ""
    r = _fmt(radius)
    if len(hull) == 1:
        x, y = hull[0]
        return (
            f"M{_fmt(x - radius)},{_fmt(y)}a{r},{r} 0 1,0 {_fmt(2 * radius)},0"
            f"a{r},{r} 0 1,0 {_fmt(-2 * radius)},0Z"
        )
    normals = []
    for i, a in enumerate(hull):
        b = hull[(i + 1) % len(hull)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = hypot(dx, dy) or 1.0
        # The outward normal of a counter-clockwise edge.
        normals.append((dy / length, -dx / length))
    parts = []
    for i, (x, y) in enumerate(hull):
        before, after = normals[i - 1], normals[i]
        start = (x + radius * before[0], y + radius * before[1])
        end = (x + radius * after[0], y + radius * after[1])
        parts.append(f"{'M' if i == 0 else 'L'}{_fmt(start[0])},{_fmt(start[1])}")
        # sweep-flag 1 turns the same way as the counter-clockwise hull, round the outside.
        parts.append(f"A{r},{r} 0 0,1 {_fmt(end[0])},{_fmt(end[1])}")
    return "".join(parts) + "Z"


def inside_or_on(hull: list[Point], point: Point, *, tolerance: float = 1e-9) -> bool:
    """Whether a point lies inside a counter-clockwise hull or on its boundary."""
    if len(hull) == 1:
        return hypot(point[0] - hull[0][0], point[1] - hull[0][1]) <= tolerance
    if len(hull) == 2:
        (ax, ay), (bx, by) = hull
        if abs(_cross(hull[0], hull[1], point)) > tolerance * max(1.0, hypot(bx - ax, by - ay)):
            return False
        return (
            min(ax, bx) - tolerance <= point[0] <= max(ax, bx) + tolerance
            and min(ay, by) - tolerance <= point[1] <= max(ay, by) + tolerance
        )
    for i, a in enumerate(hull):
        b = hull[(i + 1) % len(hull)]
        if _cross(a, b, point) < -tolerance * max(1.0, hypot(b[0] - a[0], b[1] - a[1])):
            return False
    return True
