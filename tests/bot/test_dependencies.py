"""Who may import whom: the bot depends only on the content package and the settings module.

The bot renders its own replies from the content (actions.content.*) and reads its settings
(actions.settings); it never imports the action server, the actions or the tools. Those two
in turn stay free of Rasa and of the server side, so the bot cannot reach them indirectly.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import ROOT


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every absolute import in the file, also those inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


BOT_FILES = sorted([*(ROOT / "bot").glob("*.py"), *(ROOT / "bot" / "handlers").glob("*.py")])
CONTENT_FILES = sorted((ROOT / "actions" / "content").rglob("*.py"))


def test_the_rule_sees_the_bot() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in BOT_FILES}
    assert {"bot/app.py", "bot/texts.py", "bot/handlers/contacts.py"} <= names


@pytest.mark.parametrize("path", BOT_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_bot_imports_only_the_content_package_and_the_settings_from_actions(path: Path) -> None:
    for line, module in imported_modules(path):
        where = f"{path.relative_to(ROOT)}:{line}: imports {module}"
        if _within(module, "actions"):
            allowed = _within(module, "actions.content") or module == "actions.settings"
            assert allowed, f"{where}; the bot may use actions.content.* and actions.settings only"
        for package in ("rasa", "rasa_sdk", "scripts"):
            assert not _within(module, package), where


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_content_package_reaches_nothing_of_the_server_side_or_rasa(path: Path) -> None:
    for line, module in imported_modules(path):
        forbidden = ("actions.answers", "actions.server", "actions.tools", "rasa", "rasa_sdk", "bot", "scripts")
        assert not any(_within(module, package) for package in forbidden), f"{path.relative_to(ROOT)}:{line}: {module}"


def test_the_settings_module_uses_the_standard_library_only() -> None:
    path = ROOT / "actions" / "settings.py"
    for line, module in imported_modules(path):
        top = module.split(".")[0]
        assert top == "__future__" or top in sys.stdlib_module_names, f"actions/settings.py:{line}: {module}"
