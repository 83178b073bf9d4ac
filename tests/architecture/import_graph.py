"""The package's import graph, read from the source with ``ast`` (nothing is imported).

Each module of ``src/mentorjournal`` maps to the modules of the package it imports at run
time: imports at the top, in functions and in classes, but not those under
``if TYPE_CHECKING:``, which only type checkers follow. ``from mentorjournal.x import y`` is an
arrow to ``mentorjournal.x.y`` when that is a module, otherwise to ``mentorjournal.x``.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "mentorjournal"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except the bodies of ``if TYPE_CHECKING:`` blocks."""
    found: list[ast.AST] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return found


def imported_names(path: Path) -> set[str]:
    """Every absolute module name imported at run time (``x.y`` for ``from x import y`` too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import"
            base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def graph() -> dict[str, set[str]]:
    """Module → the package's modules it imports at run time."""
    modules = all_modules()
    arrows: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in imported_names(path):
            if imported in modules and imported != name:
                targets.add(imported)
        # ``from mentorjournal.x import y`` where y is a name, not a module: the arrow is to x,
        # already added as the base; a package's __init__ counts only when nothing deeper matched.
        arrows[name] = {t for t in targets if not any(o.startswith(t + ".") for o in targets)}
    return arrows


def external(path: Path) -> set[str]:
    """The top-level names of everything outside the package that ``path`` imports at run time."""
    return {n.split(".")[0] for n in imported_names(path) if not n.startswith("mentorjournal")}


def cycles(arrows: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles, each once, as the list of modules around it (Tarjan's components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(arrows.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(arrows):
        if node not in index:
            visit(node)
    return found
