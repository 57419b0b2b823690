"""The code's shape, as STYLE.md asks: by feature, small modules, no import cycles, and
trust and safety that never imports the forum."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("forum", "moderation")
MAX_LINES = 400
# Data, not code: the demo consultation's texts in two languages.
LONG_ON_PURPOSE = {"forum/demo_content.py"}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Modules of the project imported at module level (imports inside functions are the
    deliberate way to break a load-time dependency, and are not counted)."""
    names = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.If):  # `if TYPE_CHECKING:` imports run only for checkers
            continue
    return {name for name in names if name in modules}


def test_no_module_is_over_400_lines():
    long = [
        f"{path.relative_to(ROOT)}: {len(path.read_text().splitlines())} lines"
        for path in _modules().values()
        if str(path.relative_to(ROOT)) not in LONG_ON_PURPOSE
        and len(path.read_text().splitlines()) > MAX_LINES
    ]
    assert not long, long


def test_moderation_never_imports_the_forum():
    modules = _modules()
    offenders = [
        name
        for name, path in modules.items()
        if name.startswith("moderation")
        and any(imported.startswith("forum") for imported in _imports(path, modules))
    ]
    assert not offenders, offenders


def test_there_is_no_import_cycle():
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    # A package's __init__ is imported by its modules implicitly; they are empty here.
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" → ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, cycles


def test_every_feature_holds_its_own_views_urls_and_services():
    for feature in ("consultations", "positions", "discussion", "votes", "summaries"):
        folder = ROOT / "forum" / feature
        for module in ("models.py", "views.py", "urls.py", "selectors.py", "services.py"):
            if feature == "consultations" and module == "services.py":
                continue
            assert (folder / module).exists(), f"forum/{feature}/{module}"
