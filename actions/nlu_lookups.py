"""Generate Rasa lookup tables from knowledge/, so a new town needs no NLU edit.

python -m actions.nlu_lookups build/nlu/knowledge_lookups.yml
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from .knowledge import load_knowledge, normalize_name
from .knowledge.store import Knowledge
from .settings import PROJECT_ROOT

# "Landkreis Goslar": the entity is the name; the administrative word stays outside it
# (as in the training data), so the lookup table lists names without it.
_ADMINISTRATIVE_PREFIXES = ("landkreis ", "kreis ", "lk ")


def lookup_tables(knowledge: Knowledge) -> dict[str, list[str]]:
    districts: set[str] = set()
    for district in knowledge.districts:
        districts.update(
            name
            for name in (district.name, district.short_name, *district.aliases)
            if not normalize_name(name).startswith(_ADMINISTRATIVE_PREFIXES)
        )
    district_keys = {normalize_name(name) for name in districts}
    # A town that shares its district's name (Goslar) is tagged as the district only.
    towns = {
        name
        for district in knowledge.districts
        for town in district.municipalities
        for name in (town.name, *town.aliases)
        if normalize_name(name) not in district_keys
    }
    return {"district": sorted(districts), "municipality": sorted(towns)}


def render(tables: dict[str, list[str]]) -> str:
    lines = ["# Generated from knowledge/ by `python -m actions.nlu_lookups`. Do not edit.", 'version: "3.1"', "nlu:"]
    for name, values in tables.items():
        lines += [f"  - lookup: {name}", "    examples: |"]
        lines += [f"      - {value}" for value in values]
    text = "\n".join(lines) + "\n"
    yaml.safe_load(text)  # a name with YAML-special characters must fail here, not in Rasa
    return text


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else PROJECT_ROOT / "build" / "nlu" / "knowledge_lookups.yml"
    text = render(lookup_tables(load_knowledge(PROJECT_ROOT / "knowledge")))
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")  # unchanged files keep their mtime: no retraining
    return 0


if __name__ == "__main__":
    sys.exit(main())
