"""JSON Schema checks with messages written for staff, not for programmers."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from actions.content.yamlsource import JsonPath, Problem, YamlDocument, is_plain_number, yaml_text

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "knowledge" / "schemas"

_format_checker = FormatChecker(formats=())


@_format_checker.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    if isinstance(value, str):
        dt.date.fromisoformat(value)
    return True


@cache
def validator_for(kind: str) -> Draft7Validator:
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=_format_checker)


def check_schema(kind: str, doc: YamlDocument) -> list[Problem]:
    """Schema problems of one parsed file, each on the line of the value it is about."""
    problems = []
    reported: set[JsonPath] = set()
    for error in validator_for(kind).iter_errors(doc.data):
        path = tuple(error.absolute_path)
        reported.add(path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {}))
            for key in sorted(set(error.instance) - allowed):
                problems.append(
                    doc.problem((*path, key), f"unknown field '{key}' (allowed: {', '.join(sorted(allowed))})")
                )
            continue
        problems.append(doc.problem(path, _message(error, doc)))
    # A number field the schema accepts can still be misread: 030 is 24 (octal) to YAML.
    for path, (written, value) in doc.unquoted.items():
        if path not in reported and not isinstance(value, bool) and not is_plain_number(written):
            field = next((p for p in reversed(path) if isinstance(p, str)), "file")
            problems.append(
                doc.problem(
                    path,
                    f"'{field}': YAML reads {written} as {yaml_text(value)}; write the number plainly"
                    f' (no leading 0, no : or _), or in quotes if it is text: "{written}"',
                )
            )
    return problems


def _field(error: ValidationError) -> str:
    names = [p for p in error.absolute_path if isinstance(p, str)]
    return names[-1] if names else "file"


def _message(error: ValidationError, doc: YamlDocument) -> str:
    value: Any = error.instance
    field = _field(error)
    kind = error.validator
    quote_hint = doc.quote_hint(error.absolute_path)
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required field '{missing}'"
    if kind == "type":
        expected = error.validator_value
        wants_text = expected == "string" or (isinstance(expected, list) and "string" in expected)
        if wants_text and quote_hint:
            return f"'{field}' must be text: {quote_hint}"
        if value is None:
            return f"'{field}' is empty: write {_type_name(expected)} after the colon, or leave the field out"
        hint = " (put it in quotes)" if wants_text else ""
        return f"'{field}' must be {_type_name(expected)}, not {value!r}{hint}"
    if kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        written = doc.unquoted.get(tuple(error.absolute_path), (None, None))[0]
        if written in allowed and quote_hint:
            return f"'{field}' must be text: {quote_hint}"
        return f"'{field}' is {written or repr(value)}, but must be one of: {', '.join(allowed)}"
    if kind == "format" and error.validator_value == "date":
        reason = f": {error.cause}" if error.cause else ""
        return f"'{field}' is not a valid date {value!r} (write YYYY-MM-DD){reason}"
    if kind == "pattern":
        description = error.schema.get("description")
        return f"'{field}' has an invalid value {value!r}" + (f": {description}" if description else "")
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"'{field}' value {value!r} is out of range ({kind} {error.validator_value})"
    if kind in ("minItems", "minLength"):
        return f"'{field}' must not be empty"
    if kind == "uniqueItems":
        return f"'{field}' lists the same value twice"
    return f"'{field}': {error.message}"


def _type_name(expected: object) -> str:
    names = {
        "string": "text",
        "number": "a number",
        "integer": "a whole number",
        "boolean": "true or false",
        "array": "a list",
        "object": "a mapping of fields",
    }
    if isinstance(expected, list):
        return " or ".join(names.get(str(e), str(e)) for e in expected)
    return names.get(str(expected), str(expected))
