"""Opinion groups in the manner of Pol.is, in numpy, scipy and scikit-learn.

No Django here: the package runs on its own (`python -m forum.opinions EXPORT_DIR --out F.csv`
maps a Pol.is export) and the web app calls `compute_opinion_map` with its votes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from forum.opinions.results import (
    ConsensusPosition,
    Group,
    MapStatus,
    OpinionMap,
    ParticipantId,
    PositionId,
    RepresentativePosition,
)

if TYPE_CHECKING:
    from forum.opinions.opinion_map import compute_opinion_map, compute_opinion_map_arrays

# The computation pulls in scipy and scikit-learn (about two seconds); loading it on first use
# lets the command line report a malformed export at once.
_LAZY = {
    "compute_opinion_map": "forum.opinions.opinion_map",
    "compute_opinion_map_arrays": "forum.opinions.opinion_map",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ConsensusPosition",
    "Group",
    "MapStatus",
    "OpinionMap",
    "ParticipantId",
    "PositionId",
    "RepresentativePosition",
    "compute_opinion_map",
    "compute_opinion_map_arrays",
]
