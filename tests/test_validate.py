"""The staff validator: clean on the real files, precise file:line on broken copies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actions.knowledge import load_knowledge, validate_knowledge
from actions.validate import main as validate_main
from actions.yamlsource import ProblemsError

from .conftest import KNOWLEDGE_DIR


def test_real_knowledge_is_clean() -> None:
    assert validate_knowledge(KNOWLEDGE_DIR) == []


def test_cli_exits_0_when_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert validate_main(["--knowledge", str(KNOWLEDGE_DIR)]) == 0
    assert capsys.readouterr().out == ""


def replace_once(path: Path, old: str, new: str) -> int:
    """Edit a copy like staff would; return the 1-based line of the edit."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path.name}"
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text[:index].count("\n") + 1


def problems_in(root: Path) -> list[str]:
    return [str(p) for p in validate_knowledge(root)]


def assert_one_problem(root: Path, filename: str, line: int, pattern: str) -> None:
    problems = problems_in(root)
    expected_prefix = f"{root / filename}:{line}: "
    matching = [p for p in problems if p.startswith(expected_prefix) and re.search(pattern, p)]
    assert matching, f"expected {expected_prefix}…{pattern} in {problems}"
    assert len(problems) == 1, problems


def test_yaml_syntax_error(knowledge_copy: Path) -> None:
    line = replace_once(
        knowledge_copy / "contacts.yml",
        "    kind: person\n    name: Hanna Bludau",
        "    kind: person\n   name: [Hanna Bludau",
    )
    assert_one_problem(knowledge_copy, "contacts.yml", line + 1, r"YAML syntax error")


def test_duplicate_key(knowledge_copy: Path) -> None:
    line = replace_once(
        knowledge_copy / "events.yml", "    place: Kreishaus", "    date: 2019-11-09\n    place: Kreishaus"
    )
    assert_one_problem(knowledge_copy, "events.yml", line, r"duplicate key 'date'")


def test_missing_required_field(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "hotlines.yml", "    free_of_charge: true\n    source: 001", "    source: 001")
    # Reported on the entry that lacks the field.
    problems = problems_in(knowledge_copy)
    assert len(problems) == 1
    assert re.match(
        rf"^{re.escape(str(knowledge_copy / 'hotlines.yml'))}:\d+: missing required field 'free_of_charge'$",
        problems[0],
    )
    reported_line = int(problems[0].split(":")[1])
    assert line - 6 <= reported_line < line


def test_unknown_field(knowledge_copy: Path) -> None:
    line = replace_once(
        knowledge_copy / "contacts.yml", "    email: migration@kreis-ni.de", "    e-mail: migration@kreis-ni.de"
    )
    assert_one_problem(knowledge_copy, "contacts.yml", line, r"unknown field 'e-mail' \(allowed: .*email")


def test_wrong_type_suggests_quotes(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "hotlines.yml", 'number: "112"', "number: 112")
    assert_one_problem(knowledge_copy, "hotlines.yml", line, r"'number' must be text, not 112 \(put it in quotes\)")


def test_unparseable_phone_number(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "contacts.yml", '"05021 967-686"', '"05021 96x-686 ask for Ms. K"')
    assert_one_problem(knowledge_copy, "contacts.yml", line, r"not a (valid German )?phone number")


def test_too_short_phone_number(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "contacts.yml", '"05551/708323"', '"0555"')
    assert_one_problem(knowledge_copy, "contacts.yml", line, r"'0555' is not a valid German phone number")


def test_malformed_url(knowledge_copy: Path) -> None:
    line = replace_once(
        knowledge_copy / "links.yml", "url: https://www.zusammengegencorona.de", "url: www.zusammengegencorona.de"
    )
    assert_one_problem(knowledge_copy, "links.yml", line, r"not a web address .*https://")


def test_malformed_email(knowledge_copy: Path) -> None:
    line = replace_once(
        knowledge_copy / "contacts.yml", "email: migration@kreis-ni.de", "email: migration(at)kreis-ni.de"
    )
    assert_one_problem(knowledge_copy, "contacts.yml", line, r"'migration\(at\)kreis-ni.de' is not an e-mail address")


def test_impossible_date(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "surveys.yml", "closes: 2021-01-31", "closes: 2021-02-30")
    assert_one_problem(
        knowledge_copy, "surveys.yml", line, r"'closes' is not a valid date '2021-02-30'.*day is out of range"
    )


def test_survey_closing_before_it_opens(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "surveys.yml", "closes: 2021-01-31", "closes: 2021-01-01")
    assert_one_problem(knowledge_copy, "surveys.yml", line, r"closes \(2021-01-01\) before it opens \(2021-01-11\)")


def test_time_written_without_quotes_is_still_a_time(knowledge_copy: Path) -> None:
    replace_once(knowledge_copy / "events.yml", 'start_time: "14:00"', "start_time: 14:00")
    assert problems_in(knowledge_copy) == []


def test_unparseable_opening_hours(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "contacts.yml", 'opening_hours: "Mo-Th', 'opening_hours: "Mo-Do')
    assert_one_problem(knowledge_copy, "contacts.yml", line, r"opening hours: unknown day 'Mo-Do'")


def test_unknown_district_reference(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "events.yml", "district: goslar", "district: goslarr")
    assert_one_problem(
        knowledge_copy,
        "events.yml",
        line,
        r"unknown district 'goslarr' \(known: goerlitz, goslar, nienburg, northeim\)",
    )


def test_unknown_contact_reference(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "surveys.yml", "northeim-bludau]", "northeim-bludauu]")
    assert_one_problem(knowledge_copy, "surveys.yml", line, r"unknown contact 'northeim-bludauu'")


def test_duplicate_id(knowledge_copy: Path) -> None:
    line = replace_once(
        knowledge_copy / "links.yml", "id: zusammengegencorona-sign-language", "id: integrationsbeauftragte-corona"
    )
    assert_one_problem(knowledge_copy, "links.yml", line, r"duplicate id 'integrationsbeauftragte-corona'")


def test_name_used_by_two_districts(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "districts.yml", "{name: Seesen,", "{name: Einbeck,")
    assert_one_problem(knowledge_copy, "districts.yml", line, r"name 'Einbeck' is already used by district 'northeim'")


def test_coordinates_outside_germany(knowledge_copy: Path) -> None:
    line = replace_once(
        knowledge_copy / "districts.yml",
        "{name: Zittau, lat: 50.896, lon: 14.807}",
        "{name: Zittau, lat: 50.896, lon: 41.807}",
    )
    assert_one_problem(knowledge_copy, "districts.yml", line, r"'lon' value 41.807 is out of range")


def test_missing_file(knowledge_copy: Path) -> None:
    (knowledge_copy / "events.yml").unlink()
    assert_one_problem(knowledge_copy, "events.yml", 1, r"cannot read file")


def test_every_problem_in_every_file_is_reported(knowledge_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    contacts_line = replace_once(knowledge_copy / "contacts.yml", "email: migration@kreis-ni.de", "email: nobody")
    events_line = replace_once(knowledge_copy / "events.yml", "date: 2019-11-08", "date: 2019-13-08")
    hotline_line = replace_once(knowledge_copy / "hotlines.yml", '"08000 000837"', '"08000 00083x"')
    assert validate_main(["--knowledge", str(knowledge_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[0] for line in out] == sorted(
        [
            f"{knowledge_copy / 'contacts.yml'}:{contacts_line}",
            f"{knowledge_copy / 'events.yml'}:{events_line}",
            f"{knowledge_copy / 'hotlines.yml'}:{hotline_line}",
        ]
    )


def test_loader_refuses_invalid_knowledge_with_all_problems(knowledge_copy: Path) -> None:
    replace_once(knowledge_copy / "contacts.yml", "email: migration@kreis-ni.de", "email: nobody")
    replace_once(knowledge_copy / "links.yml", "url: https://www.zusammengegencorona.de", "url: zusammengegencorona")
    with pytest.raises(ProblemsError) as excinfo:
        load_knowledge(knowledge_copy)
    assert len(excinfo.value.problems) == 2
