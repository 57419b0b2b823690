"""`python -m forum.opinions EXPORT_DIR --out FILE.csv [--compare]`: the opinion map of a Pol.is
export, written as CSV (participant,group-id,x,y) with the groups, their representative
statements and the consensus printed. Exit status 2 for a missing or malformed export."""

from __future__ import annotations

import argparse
import csv
import string
import sys
from collections.abc import Sequence
from pathlib import Path

from forum.opinions.polis_export import ExportError, read_export, read_polis_groups
from forum.opinions.results import MapStatus, OpinionMap

TEXT_WIDTH = 72
CONSENSUS_SHOWN = 5
_STATUS_MESSAGES = {
    MapStatus.NOT_ENOUGH_VOTES: "not enough votes to draw an opinion map yet",
    MapStatus.NO_VARIATION: "everyone voted alike: there are no opinion groups to show",
}


def _shorten(text: str, width: int = TEXT_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def group_name(label: int) -> str:
    return string.ascii_uppercase[label] if label < 26 else str(label)


def write_map_csv(opinion_map: OpinionMap, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["participant", "group-id", "x", "y"])
        for participant, label, (x, y) in zip(
            opinion_map.participant_ids,
            opinion_map.labels.tolist(),
            opinion_map.xy.tolist(),
            strict=True,
        ):
            writer.writerow([participant, label, f"{x:.6f}", f"{y:.6f}"])


def describe(opinion_map: OpinionMap, comment_text: dict) -> list[str]:
    lines = [
        f"{opinion_map.n_participants} participants ({opinion_map.n_participants_in_map} on the"
        f" map), {opinion_map.n_positions} statements ({opinion_map.n_zeroed_positions} left out"
        f" by moderators), {opinion_map.n_votes} votes"
    ]
    if not opinion_map.ok:
        return [*lines, _STATUS_MESSAGES[opinion_map.status]]
    variance = ", ".join(f"{share:.1%}" for share in opinion_map.explained_variance)
    silhouettes = ", ".join(f"k={k}: {value:.3f}" for k, value in opinion_map.silhouettes.items())
    lines.append(
        f"{opinion_map.k} opinion groups (silhouettes {silhouettes}; variance explained {variance})"
    )
    for group in opinion_map.groups:
        lines.append("")
        lines.append(f"Group {group_name(group.label)}: {group.size} participants")
        for position in group.representative:
            share = position.n_success / position.n_seen if position.n_seen else 0.0
            text = _shorten(comment_text.get(position.position_id, "(no text)"))
            lines.append(f"  {share:4.0%} {position.direction:<8} #{position.position_id}: {text}")
    lines.append("")
    lines.append("Consensus (agreed across groups; score = ∏ over groups of (agrees+1)/(seen+2)):")
    for position in opinion_map.consensus[:CONSENSUS_SHOWN]:
        text = _shorten(comment_text.get(position.position_id, "(no text)"))
        bridging = opinion_map.bridging[position.position_id]
        lines.append(
            f"  {position.agree:.3f} (bridging {bridging:.2f}) #{position.position_id}: {text}"
        )
    return lines


def compare_with_polis(opinion_map: OpinionMap, polis_groups: dict) -> str:
    from sklearn.metrics import adjusted_rand_score

    ours = opinion_map.label_of()
    both = [participant for participant in ours if participant in polis_groups]
    if len(both) < 2:
        return "adjusted Rand index vs Pol.is: not enough participants grouped by both"
    index = adjusted_rand_score([polis_groups[p] for p in both], [ours[p] for p in both])
    return (
        f"adjusted Rand index vs Pol.is group-id: {index:.3f} over {len(both)} participants"
        f" (groups: {opinion_map.k} here, {len(set(polis_groups.values()))} in Pol.is)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m forum.opinions", description="Opinion groups of a Pol.is export."
    )
    parser.add_argument("export", type=Path, help="folder with votes.csv and comments.csv")
    parser.add_argument("--out", type=Path, required=True, help="CSV to write")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="print the adjusted Rand index against participants-votes.csv's group-id",
    )
    arguments = parser.parse_args(argv)
    try:
        export = read_export(arguments.export)
        polis_groups = read_polis_groups(arguments.export) if arguments.compare else None
    except ExportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    from forum.opinions.opinion_map import compute_opinion_map  # scikit-learn: only when needed

    opinion_map = compute_opinion_map(export.votes, zeroed_positions=export.zeroed_comments)
    try:
        write_map_csv(opinion_map, arguments.out)
    except OSError as error:
        print(f"error: cannot write {arguments.out}: {error.strerror}", file=sys.stderr)
        return 1
    print("\n".join(describe(opinion_map, export.comment_text)))
    if polis_groups is not None:
        print()
        print(compare_with_polis(opinion_map, polis_groups))
    return 0


if __name__ == "__main__":
    sys.exit(main())
