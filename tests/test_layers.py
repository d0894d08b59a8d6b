"""The front ends stand on the workspace: no module of the commands or the app reaches past it.

Every import in each module is read from the source (at the top, inside functions, and under
TYPE_CHECKING alike) and none may name the store, the model client or the guidance store.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1] / "assistant"
FRONT_ENDS = tuple(
    sorted(
        str(path.relative_to(ROOT)) for end in ("cli", "tui") for path in (ROOT / end).rglob("*.py")
    )
)
"""Every module of the commands and the app, found on disk, so a new one is checked too."""
BEHIND_THE_WORKSPACE = ("assistant.store", "assistant.llm", "assistant.knowledge")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _behind(module: str) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in BEHIND_THE_WORKSPACE)


@pytest.mark.parametrize("module", FRONT_ENDS)
def test_a_front_end_module_on_the_workspace_imports_no_store_model_client_or_guidance(
    module: str,
) -> None:
    path = ROOT / module
    reaching = [
        f"{module}:{line}: {name}" for line, name in imported_modules(path) if _behind(name)
    ]
    assert not reaching, "\n".join(reaching)


def test_both_front_ends_are_found_whole() -> None:
    found = set(FRONT_ENDS)
    assert {"tui/app.py", "tui/screens/prepare.py", "tui/widgets/chat_panel.py"} <= found
    assert {"cli/__init__.py", "cli/log.py", "cli/report.py"} <= found


def test_the_walk_finds_imports_wherever_they_are(tmp_path: Path) -> None:
    """The check above can fail: an import inside a function or a type-only block is found."""
    module = tmp_path / "sample.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from assistant.store import Store\n"
        "def f():\n    import assistant.llm.client\n"
        "from assistant import knowledge\n"
    )
    found = sorted(name for _, name in imported_modules(module) if _behind(name))
    assert found == [
        "assistant.knowledge",
        "assistant.llm.client",
        "assistant.store",
        "assistant.store.Store",
    ]
