"""Phone numbers as written in the sources, shown in international form."""

from __future__ import annotations

import pytest

from actions.content.knowledge.phones import PhoneNumberError, dial_form, international_form


@pytest.mark.parametrize(
    ("written", "shown", "dialled"),
    [
        ("05021 967-686", "+49 5021 967686", "+495021967686"),
        ("05551/708435", "+49 5551 708435", "+495551708435"),
        ("05321 76-276", "+49 5321 76276", "+49532176276"),
        ("08000 000837", "+49 800 0000837", "+498000000837"),
        ("0800 111 0 111", "+49 800 1110111", "+498001110111"),
    ],
)
def test_regular_numbers_become_international(written: str, shown: str, dialled: str) -> None:
    assert international_form(written) == shown
    assert dial_form(written) == dialled


@pytest.mark.parametrize("short", ["112", "110", "116117", "116 016"])
def test_short_numbers_stay_as_written(short: str) -> None:
    assert international_form(short) == short


@pytest.mark.parametrize("bad", ["0555", "hello", "05021 96x-686", "999"])
def test_invalid_numbers_are_refused(bad: str) -> None:
    with pytest.raises(PhoneNumberError):
        international_form(bad)
