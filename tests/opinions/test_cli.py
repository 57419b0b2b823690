"""`python -m forum.opinions EXPORT_DIR --out FILE.csv`: output, and errors without tracebacks."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from forum.opinions.__main__ import main
from forum.opinions.polis_export import read_export

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VOTES_HEADER = "timestamp,datetime,comment-id,voter-id,vote\n"
COMMENTS_HEADER = (
    "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
)


def run_cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "forum.opinions", *arguments],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def write_export(folder: Path, votes: str, comments: str | None = None) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "votes.csv").write_text(VOTES_HEADER + votes, encoding="utf-8")
    if comments is None:
        comments = '1,x,0,0,1,0,1,"Cats are great"\n2,x,1,0,1,0,1,Dogs too\n'
    (folder / "comments.csv").write_text(COMMENTS_HEADER + comments, encoding="utf-8")
    return folder


def test_malformed_vote_names_file_and_line(tmp_path):
    folder = write_export(tmp_path / "export", "1,x,0,1,1\n2,x,1,1,-1\n3,x,0,2,x\n")

    result = run_cli(str(folder), "--out", str(tmp_path / "map.csv"))

    assert result.returncode == 2
    assert result.stderr.strip() == "error: votes.csv line 4: vote must be -1, 0 or 1, got 'x'"
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "map.csv").exists()


def test_missing_file_is_a_one_line_error(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "votes.csv").write_text(VOTES_HEADER + "1,x,0,1,1\n", encoding="utf-8")

    result = run_cli(str(folder), "--out", str(tmp_path / "map.csv"))

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: comments.csv: no such file")


@pytest.mark.parametrize(
    ("votes", "comments", "message"),
    [
        ("1,x,0,1,1\n2,x,0,1\n", None, "votes.csv line 3: expected 5 fields, got 4"),
        ("1,x,0,1,1\nsoon,x,0,1,1\n", None, "votes.csv line 3: timestamp must be an integer"),
        ("1,x,0,,1\n", None, "votes.csv line 2: voter-id is empty"),
        ("1,x,0,1,1\n", '1,x,0,0,1,0,maybe,"Cats"\n', "comments.csv line 2: moderated must be"),
    ],
    ids=["short-row", "bad-timestamp", "empty-voter", "bad-moderation"],
)
def test_other_malformed_exports(tmp_path, capsys, votes, comments, message):
    folder = write_export(tmp_path / "export", votes, comments)

    assert main([str(folder), "--out", str(tmp_path / "map.csv")]) == 2
    assert capsys.readouterr().err.startswith(f"error: {message}")


def test_missing_column_and_folder(tmp_path, capsys):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "votes.csv").write_text("timestamp,comment-id,voter-id\n1,0,1\n", encoding="utf-8")

    assert main([str(folder), "--out", str(tmp_path / "map.csv")]) == 2
    assert capsys.readouterr().err == "error: votes.csv line 1: missing column 'vote'\n"
    assert main([str(tmp_path / "nowhere"), "--out", str(tmp_path / "map.csv")]) == 2
    assert "not a directory" in capsys.readouterr().err


def test_cli_writes_one_row_per_mapped_participant(polis_data, tmp_path):
    export_folder = polis_data / "brexit-consensus"
    out = tmp_path / "map.csv"

    result = run_cli(str(export_folder), "--out", str(out), "--compare")

    assert result.returncode == 0, result.stderr
    with out.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    assert header == ["participant", "group-id", "x", "y"]
    voters = {str(voter) for voter, _, _ in read_export(export_folder).votes}
    assert len(rows) == len({row[0] for row in rows}) == 189  # voters with ≥ 7 votes
    assert {row[0] for row in rows} <= voters
    assert {row[1] for row in rows} == {"0", "1"}
    assert all(float(row[2]) == float(row[2]) and float(row[3]) == float(row[3]) for row in rows)
    assert "Group A: " in result.stdout and "Group B: " in result.stdout
    assert "Consensus" in result.stdout
    assert "adjusted Rand index vs Pol.is group-id: 0.8" in result.stdout


def test_not_enough_votes_still_writes_the_header(tmp_path, capsys):
    folder = write_export(tmp_path / "export", "1,x,1,1,1\n2,x,2,1,-1\n")
    out = tmp_path / "map.csv"

    assert main([str(folder), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "participant,group-id,x,y\n"
    assert "not enough votes" in capsys.readouterr().out
