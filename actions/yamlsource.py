"""Line-aware YAML loading for staff-edited files.

Staff fix what the validator points at, so every value keeps the line it was
written on, and problems carry ``path:line`` instead of a Python traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a staff file, printed as ``path:line: message``."""

    path: str
    line: int
    message: str
    # Non-fatal problems (a template missing in one locale) are reported by the
    # validator, but the running bot still loads the files and falls back.
    fatal: bool = field(default=True, compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ProblemsError(Exception):
    """Raised when files are invalid; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class YamlDocument:
    """Plain JSON-like data of one YAML file plus the line of every value."""

    path: str
    data: Any = None
    lines: dict[JsonPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, json_path: Iterable[str | int]) -> int:
        """Line of the value at json_path, or of its nearest existing parent."""
        parts = tuple(json_path)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return self.lines.get((), 1)

    def problem(self, json_path: Iterable[str | int], message: str, fatal: bool = True) -> Problem:
        return Problem(self.path, self.line_of(json_path), message, fatal)


def load_yaml(path: Path, display_path: str | None = None) -> YamlDocument:
    """Parse one YAML file; syntax errors and duplicate keys become problems."""
    doc = YamlDocument(path=display_path or str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        doc.problems.append(Problem(doc.path, 1, f"cannot read file: {exc}"))
        return doc
    return parse_yaml(text, doc)


def parse_yaml(text: str, doc: YamlDocument) -> YamlDocument:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = exc.problem or exc.context or "invalid YAML"
        doc.problems.append(Problem(doc.path, line, f"YAML syntax error: {reason}"))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(doc.path, 1, f"YAML syntax error: {exc}"))
        return doc
    finally:
        loader.dispose()
    if node is None:
        doc.problems.append(Problem(doc.path, 1, "file is empty"))
        return doc
    doc.data = _to_plain(node, (), doc, loader)
    return doc


def _to_plain(node: yaml.Node, path: JsonPath, doc: YamlDocument, loader: yaml.SafeLoader) -> Any:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(_scalar(key_node, doc, loader))
            if key in result:
                doc.problems.append(Problem(doc.path, key_node.start_mark.line + 1, f"duplicate key '{key}'"))
                continue
            result[key] = _to_plain(value_node, (*path, key), doc, loader)
            # Point at the key, which is where a person looks for the entry.
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_plain(item, (*path, i), doc, loader) for i, item in enumerate(node.value)]
    return _scalar(node, doc, loader)


def _scalar(node: yaml.Node, doc: YamlDocument, loader: yaml.SafeLoader) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        doc.problems.append(Problem(doc.path, node.start_mark.line + 1, "a key must be plain text"))
        return "?"
    # YAML 1.1 reads 14:00 as the number 840; staff always mean a time.
    if node.tag.endswith(":int") and ":" in node.value:
        return node.value
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        # An impossible date like 2021-02-30 stays text; the schema's date check names it.
        return node.value
    # Dates become ISO text so the data stays JSON-like for the schemas.
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
