"""Where the real Pol.is exports lie (outside the repository, never copied into it)."""

from __future__ import annotations

from pathlib import Path

import pytest

POLIS_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polis"


@pytest.fixture(scope="session")
def polis_data() -> Path:
    if not POLIS_DATA.is_dir():
        pytest.skip(f"real Pol.is exports not found at {POLIS_DATA}")
    return POLIS_DATA
