"""The staff validator: clean on the real files, precise file:line on broken copies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actions.content.knowledge import load_knowledge, validate_knowledge
from actions.content.yamlsource import ProblemsError
from actions.tools.validate import main as validate_main
from actions.tools.validate import run as validate_run

from ..conftest import KNOWLEDGE_DIR, ROOT


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
    assert_one_problem(knowledge_copy, "hotlines.yml", line, r"'number' must be text: write it in quotes: \"112\"$")


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


def test_time_written_without_quotes(knowledge_copy: Path) -> None:
    # YAML 1.1 reads 14:00 as 840 (base 60) but 08:00 as text: one rule, quote times.
    line = replace_once(knowledge_copy / "events.yml", 'start_time: "14:00"', "start_time: 14:00")
    assert_one_problem(
        knowledge_copy,
        "events.yml",
        line,
        r"'start_time' must be text: write it in quotes: \"14:00\" \(without quotes YAML reads 14:00 as 840\)$",
    )


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
        "{name: Zittau, lat: 50.896, lon: 14.807,",
        "{name: Zittau, lat: 50.896, lon: 41.807,",
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


# --- YAML mistakes staff make: path:line and what to type, never a wrong value --------


def to_windows(path: Path) -> None:
    """Save like a Windows editor may: byte-order mark and CRLF line ends."""
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))


def test_postcode_with_a_leading_zero_without_quotes(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "contacts.yml", 'postcode: "31582"', "postcode: 05517")
    assert_one_problem(
        knowledge_copy,
        "contacts.yml",
        line,
        r"'postcode' must be text: write it in quotes: \"05517\" \(without quotes YAML reads 05517 as 2895\)$",
    )


def test_phone_of_digits_only_without_quotes(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "contacts.yml", 'number: "05321 76-276"', "number: 0532176276")
    assert_one_problem(
        knowledge_copy,
        "contacts.yml",
        line,
        r"'number' must be text: write it in quotes: \"0532176276\" \(without quotes YAML reads 0532176276 as \d+\)$",
    )


def test_phone_with_a_space_without_quotes_is_read_as_written(knowledge_copy: Path) -> None:
    replace_once(knowledge_copy / "contacts.yml", 'number: "05021 967-686"', "number: 05021 967-686")
    assert problems_in(knowledge_copy) == []
    office = load_knowledge(knowledge_copy).contact("nienburg-koordinierungsstelle")
    assert office is not None
    assert [p.number for p in office.phones] == ["05021 967-686"]


def test_number_that_yaml_reads_differently(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "surveys.yml", "duration_minutes: 30", "duration_minutes: 030")
    assert_one_problem(
        knowledge_copy, "surveys.yml", line, r"'duration_minutes': YAML reads 030 as 24; write the number"
    )


def test_true_false_word_without_quotes(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "districts.yml", "      - Nordheim\n", "      - yes\n")
    assert_one_problem(
        knowledge_copy,
        "districts.yml",
        line,
        r"must be text: write it in quotes: \"yes\" \(without quotes YAML reads yes as true\)",
    )


def test_tab_used_for_indentation(knowledge_copy: Path) -> None:
    line = replace_once(
        knowledge_copy / "contacts.yml", "    email: migration@kreis-ni.de", "\temail: migration@kreis-ni.de"
    )
    assert_one_problem(
        knowledge_copy, "contacts.yml", line, r"YAML syntax error: a tab is used for indentation: use spaces, not tabs$"
    )


def test_byte_order_mark_and_windows_line_ends_just_work(knowledge_copy: Path) -> None:
    for path in knowledge_copy.glob("*.yml"):
        to_windows(path)
    assert problems_in(knowledge_copy) == []
    assert load_knowledge(knowledge_copy) == load_knowledge(KNOWLEDGE_DIR)


def test_line_numbers_stay_right_with_byte_order_mark_and_windows_line_ends(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "contacts.yml", "email: migration@kreis-ni.de", "email: nobody")
    to_windows(knowledge_copy / "contacts.yml")
    assert_one_problem(knowledge_copy, "contacts.yml", line, r"'nobody' is not an e-mail address")


def test_list_item_indented_less_than_the_others(knowledge_copy: Path) -> None:
    line = replace_once(knowledge_copy / "districts.yml", "      - Northeym\n", "     - Northeym\n")
    assert_one_problem(
        knowledge_copy,
        "districts.yml",
        line,
        r"YAML syntax error: this list item is not lined up with the items above it",
    )


def test_list_item_indented_more_is_not_silently_joined(knowledge_copy: Path) -> None:
    # YAML reads it as one alias 'Nordheim - Northeym': valid YAML, wrong data.
    line = replace_once(knowledge_copy / "districts.yml", "      - Northeym\n", "        - Northeym\n")
    assert_one_problem(
        knowledge_copy,
        "districts.yml",
        line,
        r"this list item is indented further than the item above it, so YAML joins both into one text"
        r" \('Nordheim - Northeym'\): put its '-' exactly under the other '-'",
    )


def test_opening_hours_by_appointment_are_valid(knowledge_copy: Path) -> None:
    replace_once(
        knowledge_copy / "contacts.yml",
        'opening_hours: "Mo-Th 08:00-16:00; Fr 08:00-12:00; PH off"',
        """opening_hours: 'Mo-Th 08:00-16:00; Fr 08:00-12:00; PH off; "nach Vereinbarung"'""",
    )
    assert problems_in(knowledge_copy) == []
    office = load_knowledge(knowledge_copy).contact("nienburg-koordinierungsstelle")
    assert office is not None
    assert office.opening_hours is not None
    assert office.opening_hours.by_appointment


def test_opening_hours_with_a_note_the_bot_cannot_answer_on(knowledge_copy: Path) -> None:
    line = replace_once(
        knowledge_copy / "contacts.yml",
        'opening_hours: "Mo-Th 08:00-16:00; Fr 08:00-12:00; PH off"',
        'opening_hours: "Mo-Th 08:00-16:00; Fr 08:00-12:00; PH off; Termine nur dienstags"',
    )
    assert_one_problem(
        knowledge_copy,
        "contacts.yml",
        line,
        r"opening hours: 'Termine nur dienstags' is not understood: .*\"Mo-Fr 09:00-12:00; nach Vereinbarung\"",
    )


@pytest.fixture
def responses_copy(tmp_path: Path) -> Path:
    target = tmp_path / "responses"
    shutil.copytree(ROOT / "responses", target)
    return target


def response_problems(responses: Path) -> list[str]:
    return [str(p) for p in validate_run(KNOWLEDGE_DIR, responses, ROOT / "domain.yml")]


def test_real_responses_are_clean() -> None:
    assert response_problems(ROOT / "responses") == []


def test_unquoted_yes_in_a_button_title(responses_copy: Path) -> None:
    line = replace_once(responses_copy / "en.yml", '- title: "Yes"', "- title: Yes")
    assert response_problems(responses_copy) == [
        f"{responses_copy / 'en.yml'}:{line}: button 1 of 'utter_ask_affirmation' needs a title of 1-64 characters:"
        ' write it in quotes: "Yes" (without quotes YAML reads Yes as true)'
    ]


def test_duplicate_response_key(responses_copy: Path) -> None:
    line = replace_once(
        responses_copy / "de.yml", "  utter_goodbye:\n", "  utter_thank:\n    text: Bitte!\n  utter_goodbye:\n"
    )
    later = (responses_copy / "de.yml").read_text(encoding="utf-8").splitlines().index("  utter_thank:", line) + 1
    assert response_problems(responses_copy) == [
        f"{responses_copy / 'de.yml'}:{later}: duplicate key 'utter_thank' (first on line {line})"
    ]


def test_responses_with_byte_order_mark_and_windows_line_ends_just_work(responses_copy: Path) -> None:
    for path in responses_copy.glob("*.yml"):
        to_windows(path)
    assert response_problems(responses_copy) == []


def test_tab_in_a_response_file(responses_copy: Path) -> None:
    line = replace_once(responses_copy / "tr.yml", "  utter_goodbye:\n    text:", "  utter_goodbye:\n\ttext:")
    assert response_problems(responses_copy) == [
        f"{responses_copy / 'tr.yml'}:{line + 1}: YAML syntax error:"
        " a tab is used for indentation: use spaces, not tabs"
    ]


# --- make validate on a fresh clone: every problem, no traceback ------------------------


def fresh_clone(tmp_path: Path) -> Path:
    """What `make validate` needs from a checkout, without build/ (no lookup tables yet)."""
    clone = tmp_path / "clone"
    for name in ("actions", "knowledge", "responses", "nlu_data", "scripts"):
        shutil.copytree(ROOT / name, clone / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("Makefile", "domain.yml", "config.yml", "requirements.txt", "requirements-dev.txt", "constraints.txt"):
        shutil.copy2(ROOT / name, clone / name)
    return clone


def break_districts_and_arabic(clone: Path) -> tuple[str, str]:
    """A colon in an unquoted name (YAML syntax error) and a reply missing from ar.yml."""
    districts_line = replace_once(
        clone / "knowledge" / "districts.yml", "name: Landkreis Northeim", "name: Landkreis: Northeim"
    )
    arabic = clone / "responses" / "ar.yml"
    text = arabic.read_text(encoding="utf-8")
    start = text.index("\n  utter_thank:\n") + 1
    end = text.index("\n  ", start + len("  utter_thank:\n    text:")) + 1
    arabic.write_text(text[:start] + text[end:], encoding="utf-8")
    responses_line = text.splitlines().index("responses:") + 1
    return (
        f"knowledge/districts.yml:{districts_line}: YAML syntax error: a ': ' inside a value"
        " (or a line indented too far): put a value with ': ' in quotes",
        f"responses/ar.yml:{responses_line}: missing key 'utter_thank' (the bot falls back to en, then de)",
    )


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "PYTHONPATH")}


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
def test_make_validate_on_a_fresh_clone_reports_every_problem(tmp_path: Path) -> None:
    clone = fresh_clone(tmp_path)
    expected = break_districts_and_arabic(clone)
    stamp = tmp_path / "venv-installed"
    stamp.touch()  # newer than the copied pins: make must not rebuild the venv
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        ["make", "--no-print-directory", "validate", f"VENV={venv}", f"STAMP={stamp}"],
        cwd=clone, capture_output=True, text=True, env=clean_env(), timeout=300, check=False,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.stdout.splitlines() == [
        f"{venv}/bin/python -m actions.tools.validate --knowledge knowledge --responses responses --domain domain.yml",
        *expected,
    ], output
    # make exits 2 when a command fails; the validator's own status is 1.
    assert result.returncode == 2
    assert re.search(r"\[Makefile:\d+: validate\] Error 1", result.stderr), output
    assert not (clone / "build").exists()  # nothing generated from broken content


def test_validator_entry_point_exits_1_without_traceback(tmp_path: Path) -> None:
    clone = fresh_clone(tmp_path)
    expected = break_districts_and_arabic(clone)
    result = subprocess.run(
        [sys.executable, "-m", "actions.tools.validate", "--knowledge", "knowledge", "--responses", "responses"],
        cwd=clone, capture_output=True, text=True, env={**clean_env(), "PYTHONPATH": str(clone)}, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines() == list(expected)
    assert result.stderr.strip() == "2 problem(s) found."


def test_lookup_tables_refuse_broken_knowledge_without_traceback(tmp_path: Path) -> None:
    clone = fresh_clone(tmp_path)
    districts_problem, _ = break_districts_and_arabic(clone)
    target = clone / "build" / "nlu" / "knowledge_lookups.yml"
    result = subprocess.run(
        [sys.executable, "-m", "actions.tools.nlu_lookups", "--knowledge", "knowledge", str(target)],
        cwd=clone, capture_output=True, text=True, env={**clean_env(), "PYTHONPATH": str(clone)}, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines() == [districts_problem]
    assert not target.exists()


def test_broken_domain_is_one_problem_not_a_traceback(tmp_path: Path) -> None:
    domain = tmp_path / "domain.yml"
    text = (ROOT / "domain.yml").read_text(encoding="utf-8")
    domain.write_text(text.replace("\n  - greet\n", "\n  - greet\n - thank_you\n", 1), encoding="utf-8")
    problems = [str(p) for p in validate_run(KNOWLEDGE_DIR, ROOT / "responses", domain)]
    assert problems == [
        f"{domain}:{text.splitlines().index('  - greet') + 2}: YAML syntax error:"
        " this list item is not lined up with the items above it: put its '-' exactly under theirs"
    ]
