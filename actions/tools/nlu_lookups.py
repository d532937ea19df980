"""Generate Rasa lookup tables from knowledge/, so a new town needs no NLU edit.

python -m actions.tools.nlu_lookups [--knowledge knowledge] build/nlu/knowledge_lookups.yml

Invalid knowledge prints every problem as ``path:line: message`` and exits 1
(no traceback, nothing written), like ``python -m actions.tools.validate``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from actions.content.knowledge import load_knowledge, normalize_name
from actions.content.knowledge.lookup import DistrictIndex
from actions.content.knowledge.store import Knowledge
from actions.content.yamlsource import ProblemsError
from actions.settings import PROJECT_ROOT

# "Landkreis Goslar": the entity is the name; the administrative word stays outside it
# (as in the training data), so the lookup table lists names without it.
_ADMINISTRATIVE_PREFIXES = ("landkreis ", "kreis ", "lk ")


def lookup_tables(knowledge: Knowledge) -> dict[str, list[str]]:
    """Every spelling as written plus the forms it takes in a sentence (в Хойе, بهويا,
    Nienburgda), generated like the bot's own lookup, so the NLU and the actions agree."""
    index = DistrictIndex(knowledge.districts, knowledge.max_distance_km, knowledge.ordinary_words)
    districts: set[str] = set()
    for district in knowledge.districts:
        for name in (district.name, district.short_name, *district.aliases):
            if not normalize_name(name).startswith(_ADMINISTRATIVE_PREFIXES):
                districts.update(index.forms_of(name, district.id))
    district_keys = {normalize_name(name) for name in districts}
    # A town that shares its district's name (Goslar) is tagged as the district only.
    towns = {
        form
        for district in knowledge.districts
        for town in district.municipalities
        for name in (town.name, *town.aliases)
        for form in index.forms_of(name, district.id)
        if normalize_name(form) not in district_keys
    }
    return {"district": sorted(districts), "municipality": sorted(towns)}


def render(tables: dict[str, list[str]]) -> str:
    header = "# Generated from knowledge/ by `python -m actions.tools.nlu_lookups`. Do not edit."
    lines = [header, 'version: "3.1"', "nlu:"]
    for name, values in tables.items():
        lines += [f"  - lookup: {name}", "    examples: |"]
        lines += [f"      - {value}" for value in values]
    text = "\n".join(lines) + "\n"
    yaml.safe_load(text)  # a name with YAML-special characters must fail here, not in Rasa
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.tools.nlu_lookups", description=__doc__)
    parser.add_argument(
        "target", nargs="?", type=Path, default=PROJECT_ROOT / "build" / "nlu" / "knowledge_lookups.yml"
    )
    parser.add_argument("--knowledge", type=Path, default=PROJECT_ROOT / "knowledge", help="facts directory")
    args = parser.parse_args(argv)
    try:
        text = render(lookup_tables(load_knowledge(args.knowledge)))
    except ProblemsError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s) found; lookup tables not written.", file=sys.stderr)
        return 1
    except yaml.YAMLError as exc:
        print(f"{args.knowledge}/districts.yml: a district or town name breaks the lookup table: {exc}")
        return 1
    target: Path = args.target
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")  # unchanged files keep their mtime: no retraining
    return 0


if __name__ == "__main__":
    sys.exit(main())
