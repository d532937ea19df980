"""Line-aware YAML loading for staff-edited files.

Staff fix what the validator points at, so every value keeps the line it was
written on, and problems carry ``path:line`` instead of a Python traceback.
"""

from __future__ import annotations

import datetime as dt
import re
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
    # Unquoted values YAML read as a number or true/false: (text as written, value).
    # Checks that want text quote it back to staff ('write it in quotes: "05517"').
    unquoted: dict[JsonPath, tuple[str, Any]] = field(default_factory=dict)

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

    def quote_hint(self, json_path: Iterable[str | int]) -> str | None:
        """'write it in quotes: "14:00" (…)' when the value at json_path was unquoted text
        that YAML read as a number or true/false; None otherwise."""
        found = self.unquoted.get(tuple(json_path))
        if found is None:
            return None
        written, value = found
        hint = f'write it in quotes: "{written}"'
        shown = yaml_text(value)
        return hint if shown == written else f"{hint} (without quotes YAML reads {written} as {shown})"


def yaml_text(value: Any) -> str:
    """A value as YAML would write it: true/false for booleans, else str()."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# What a person reads as the number written: no leading zero (octal), no 14:00
# (base 60), no 1_000, 0x1F or .inf. Anything else YAML 1.1 reads differently.
_PLAIN_NUMBER = re.compile(r"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$|^[-+]?0?\.[0-9]+$")


def is_plain_number(written: str) -> bool:
    """True when YAML's number for this unquoted text is the one a person reads."""
    return bool(_PLAIN_NUMBER.match(written))


def load_yaml(path: Path, display_path: str | None = None) -> YamlDocument:
    """Parse one YAML file; syntax errors and duplicate keys become problems.

    A UTF-8 byte-order mark (Windows editors) is dropped; CRLF line ends read as LF.
    """
    doc = YamlDocument(path=display_path or str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        doc.problems.append(Problem(doc.path, 1, f"cannot read file: {exc}"))
        return doc
    return parse_yaml(text, doc)


def parse_yaml(text: str, doc: YamlDocument) -> YamlDocument:
    """Fill doc.data, doc.lines, doc.unquoted and doc.problems from YAML text."""
    text = text.removeprefix("\ufeff")
    source_lines = text.splitlines()
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = _syntax_reason(exc, source_lines[line - 1] if 0 < line <= len(source_lines) else "")
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
    doc.data = _Converter(doc, loader, source_lines).plain(node, ())
    return doc


def _syntax_reason(exc: yaml.MarkedYAMLError, line_text: str) -> str:
    """PyYAML's parser wording, translated for the mistakes staff make most."""
    problem = exc.problem or exc.context or "invalid YAML"
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    if "\t" in indent or "'\\t'" in problem:
        where = "for indentation" if "\t" in indent else "here"
        return f"a tab is used {where}: use spaces, not tabs"
    if problem == "mapping values are not allowed here":
        return "a ': ' inside a value (or a line indented too far): put a value with ': ' in quotes"
    if problem.startswith("expected <block end>, but found"):
        if problem.endswith(("'-'", "'<block sequence start>'")):
            return "this list item is not lined up with the items above it: put its '-' exactly under theirs"
        if problem.endswith("'<block mapping start>'"):
            return "this line is indented differently from the lines above it: line it up with its neighbours"
    return problem


class _Converter:
    """Composed YAML nodes -> plain data, recording lines and unquoted numbers on the doc."""

    def __init__(self, doc: YamlDocument, loader: yaml.SafeLoader, source_lines: list[str]) -> None:
        self.doc = doc
        self.loader = loader
        self.source_lines = source_lines

    def plain(self, node: yaml.Node, path: JsonPath) -> Any:
        doc = self.doc
        doc.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.key(key_node)
                if key in result:
                    first = doc.lines[path + (key,)]
                    doc.problems.append(
                        Problem(
                            doc.path, key_node.start_mark.line + 1, f"duplicate key '{key}' (first on line {first})"
                        )
                    )
                    continue
                result[key] = self.plain(value_node, (*path, key))
                # Point at the key, which is where a person looks for the entry.
                doc.lines[path + (key,)] = key_node.start_mark.line + 1
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # the composer makes only these three
        return self.scalar(node, path)

    def key(self, node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode):
            self.doc.problems.append(Problem(self.doc.path, node.start_mark.line + 1, "a key must be plain text"))
            return "?"
        # Keys are names as written: 'no:' stays 'no', not False.
        return str(node.value)

    def scalar(self, node: yaml.ScalarNode, path: JsonPath) -> Any:
        self.check_joined_list_item(node)
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError):
            # An impossible date like 2021-02-30 stays text; the schema's date check names it.
            return node.value
        if isinstance(value, dt.datetime):
            return node.value  # '2019-11-08 14:00' as written; the date checks refuse it
        # Dates become ISO text so the data stays JSON-like for the schemas.
        if isinstance(value, dt.date):
            return value.isoformat()
        if node.style is None and isinstance(value, bool | int | float):
            self.doc.unquoted[path] = (node.value, value)
        return value

    def check_joined_list_item(self, node: yaml.ScalarNode) -> None:
        """'- a' with '- b' indented further below is one text 'a - b' to YAML: say so."""
        if node.style is not None or node.end_mark.line <= node.start_mark.line:
            return
        for number in range(node.start_mark.line + 1, node.end_mark.line + 1):
            text = self.source_lines[number].strip() if number < len(self.source_lines) else ""
            if text == "-" or text.startswith("- "):
                self.doc.problems.append(
                    Problem(
                        self.doc.path,
                        number + 1,
                        "this list item is indented further than the item above it, so YAML joins both into"
                        f" one text ({node.value!r}): put its '-' exactly under the other '-'",
                    )
                )
                return
