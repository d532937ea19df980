"""districts.yml as staff edit it: postcodes and ordinary words, with path:line problems."""

from __future__ import annotations

import re
from pathlib import Path

from actions.content.knowledge import load_knowledge, validate_knowledge


def edit(path: Path, old: str, new: str) -> int:
    """Change the first `old` like staff would; return its 1-based line."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text[:index].count("\n") + 1


def only_problem(root: Path) -> str:
    problems = [str(p) for p in validate_knowledge(root)]
    assert len(problems) == 1, problems
    return problems[0]


def test_postcodes_load_as_text_with_their_leading_zero(knowledge_copy: Path) -> None:
    knowledge = load_knowledge(knowledge_copy)
    goerlitz = knowledge.district("goerlitz")
    assert goerlitz is not None
    town = next(t for t in goerlitz.municipalities if t.name == "Görlitz")
    assert town.postcodes == ("02826", "02827", "02828", "02829")


def test_postcode_with_four_digits(knowledge_copy: Path) -> None:
    line = edit(knowledge_copy / "districts.yml", 'postcodes: ["31608"]', 'postcodes: ["3160"]')
    assert only_problem(knowledge_copy) == (
        f"{knowledge_copy / 'districts.yml'}:{line}: 'postcodes' has an invalid value '3160':"
        ' a German postcode is 5 digits, written in quotes so a leading 0 stays: "02826"'
    )


def test_postcode_with_a_letter(knowledge_copy: Path) -> None:
    line = edit(knowledge_copy / "districts.yml", 'postcodes: ["31608"]', 'postcodes: ["D-31608"]')
    assert re.fullmatch(
        rf"{re.escape(str(knowledge_copy / 'districts.yml'))}:{line}: 'postcodes' has an invalid value 'D-31608': .*",
        only_problem(knowledge_copy),
    )


def test_postcode_without_quotes(knowledge_copy: Path) -> None:
    line = edit(knowledge_copy / "districts.yml", 'postcodes: ["31608"]', "postcodes: [31608]")
    assert only_problem(knowledge_copy) == (
        f"{knowledge_copy / 'districts.yml'}:{line}: 'postcodes' must be text: write it in quotes: \"31608\""
    )


def test_postcode_with_a_leading_zero_without_quotes(knowledge_copy: Path) -> None:
    # YAML 1.1 reads 02727 as an octal number: the leading 0 and the value are lost.
    line = edit(knowledge_copy / "districts.yml", 'postcodes: ["02727", "02730"]', 'postcodes: [02727, "02730"]')
    assert only_problem(knowledge_copy) == (
        f"{knowledge_copy / 'districts.yml'}:{line}: 'postcodes' must be text:"
        ' write it in quotes: "02727" (without quotes YAML reads 02727 as 1495)'
    )


def test_postcode_listed_twice_for_a_town(knowledge_copy: Path) -> None:
    line = edit(knowledge_copy / "districts.yml", 'postcodes: ["02906"]', 'postcodes: ["02906", "02906"]')
    assert only_problem(knowledge_copy) == (
        f"{knowledge_copy / 'districts.yml'}:{line}: 'postcodes' lists the same value twice"
    )


def test_postcode_used_by_two_districts(knowledge_copy: Path) -> None:
    line = edit(knowledge_copy / "districts.yml", 'postcodes: ["02763"]', 'postcodes: ["02763", "31582"]')
    assert only_problem(knowledge_copy) == (
        f"{knowledge_copy / 'districts.yml'}:{line}: postcode '31582' is already used by district 'nienburg'"
    )


def test_two_towns_of_one_district_may_share_a_postcode(knowledge_copy: Path) -> None:
    # Weißwasser and Boxberg/O.L. share 02943; Rehburg-Loccum and Loccum share 31547.
    assert validate_knowledge(knowledge_copy) == []
    knowledge = load_knowledge(knowledge_copy)
    match = knowledge.find_district_in_text("02943")
    assert match is not None
    assert match.district.id == "goerlitz"


def test_ordinary_words_are_a_list_of_text(knowledge_copy: Path) -> None:
    line = edit(knowledge_copy / "districts.yml", "  - гоя  #", "  - 12345  #")
    assert only_problem(knowledge_copy) == (
        f"{knowledge_copy / 'districts.yml'}:{line}: 'ordinary_words' must be text: write it in quotes: \"12345\""
    )


def test_an_ordinary_word_stops_counting_as_a_town_on_its_own(knowledge_copy: Path) -> None:
    assert load_knowledge(knowledge_copy).find_district_in_text("Хоя") is not None
    edit(knowledge_copy / "districts.yml", "  - гоя  #", "  - хоя\n  - гоя  #")
    knowledge = load_knowledge(knowledge_copy)
    assert knowledge.find_district_in_text("Хоя") is None
    match = knowledge.find_district_in_text("я живу в Хоя")
    assert match is not None
    assert match.district.id == "nienburg"
