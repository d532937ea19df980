"""actions/settings.py: one set of rules for every setting of every process, one place for the defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actions.settings import (
    DEFAULTS,
    PROJECT_ROOT,
    ActionSettings,
    BotSettings,
    SettingsError,
    StackSettings,
    check_staff_districts,
    retention_days,
    stack_env,
    ticket_store_url,
)

from .conftest import ROOT

# Every reader of RETENTION_DAYS: the action server's purge, the bot's, `make purge` and `make report`.
RETENTION_READERS = (ActionSettings.from_env, BotSettings.from_env, retention_days)


def refused(parse, env: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(SettingsError) as error:
        parse(env)
    return str(error.value)


# Defaults ------------------------------------------------------------------------------------


def test_without_environment_every_process_gets_the_defaults() -> None:
    assert ActionSettings.from_env({}) == ActionSettings()
    assert BotSettings.from_env({}) == BotSettings(token=None)
    actions, bot = ActionSettings(), BotSettings(token=None)
    assert (actions.host, actions.port, actions.retention_days) == ("127.0.0.1", 5055, 30)
    assert actions.knowledge_dir == PROJECT_ROOT / "knowledge"
    assert actions.tracker_store_url == ""  # started on its own: no stored conversations
    assert bot.rasa_url == "http://127.0.0.1:5005"
    assert bot.actions_url == "http://127.0.0.1:5055"
    assert (bot.webhook_listen, bot.webhook_port) == ("127.0.0.1", 8443)
    assert (bot.rasa_timeout_seconds, bot.max_text_chars, bot.retention_days) == (8.0, 1000, 30)
    assert (bot.rasa_max_in_flight, bot.rasa_queue_warn_seconds, bot.max_pending_updates) == (8, 60.0, 256)
    assert bot.preferences_path == PROJECT_ROOT / "var" / "preferences.json"
    assert bot.reload_interval_seconds == actions.reload_interval_seconds == 1.0
    stack = StackSettings.from_env({})
    assert (stack.rasa_port, stack.actions_port, stack.models_dir) == (5005, 5055, PROJECT_ROOT / "models")
    assert stack.terminal_chat
    assert stack.webhook_listen is None
    assert retention_days({}) == 30


def test_the_backpressure_settings_are_read() -> None:
    bot = BotSettings.from_env(
        {"RASA_MAX_IN_FLIGHT": "16", "RASA_QUEUE_WARN_SECONDS": "2.5", "TELEGRAM_MAX_PENDING_UPDATES": "512"}
    )
    assert (bot.rasa_max_in_flight, bot.rasa_queue_warn_seconds, bot.max_pending_updates) == (16, 2.5, 512)


@pytest.mark.parametrize("value", ["0", "7", "256.5", "-256", "many", "10001"])
def test_a_pending_updates_bound_below_rasa_max_in_flight_or_above_10000_is_refused(value: str) -> None:
    expected = "a whole number of updates, 8-10000 (at least RASA_MAX_IN_FLIGHT)"
    message = refused(BotSettings.from_env, {"TELEGRAM_MAX_PENDING_UPDATES": value})
    assert message == f"TELEGRAM_MAX_PENDING_UPDATES must be {expected}, got {value!r}"
    raised = refused(BotSettings.from_env, {"RASA_MAX_IN_FLIGHT": "32", "TELEGRAM_MAX_PENDING_UPDATES": "16"})
    assert raised.startswith("TELEGRAM_MAX_PENDING_UPDATES must be a whole number of updates, 32-10000")


def test_urls_follow_hosts_and_ports_unless_set() -> None:
    bot = BotSettings.from_env({"RASA_HOST": "rasa", "RASA_PORT": "6005", "ACTIONS_URL": "http://actions:5055/"})
    assert bot.rasa_url == "http://rasa:6005"
    assert bot.actions_url == "http://actions:5055"
    assert StackSettings.from_env({"ACTIONS_PORT": "6055"}).actions_url == "http://127.0.0.1:6055"


def test_empty_counts_as_unset() -> None:
    empty = {name: " " for name in DEFAULTS}
    assert ActionSettings.from_env(empty) == ActionSettings()
    assert BotSettings.from_env({**empty, "TELEGRAM_BOT_TOKEN": "", "TELEGRAM_WEBHOOK_URL": ""}) == BotSettings(None)


def test_the_readme_configuration_table_lists_every_default() -> None:
    """Each row: `NAME`, `NAME2` | `default`, `default2` | meaning ("empty" for an empty default)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented: dict[str, str] = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        names = re.findall(r"`([A-Z0-9_]+)`", cells[0])
        defaults = [value.strip().strip("`") for value in cells[1].split(", ")]
        if len(defaults) == len(names):
            documented.update(zip(names, ["" if d == "empty" else d for d in defaults], strict=True))
    for name, default in DEFAULTS.items():
        assert name in documented, f"README's configuration table lacks {name}"
        assert documented[name] == default, f"README says {name} defaults to {documented[name]!r}, the code {default!r}"


# One set of rules ----------------------------------------------------------------------------


PORT, DAYS = "a port number, 1-65535", "a whole number of days, 0 or more"
SECONDS_OR_NEVER, HOURS_OR_NEVER = (
    "a number of seconds, 0 or more (0: never)",
    "a number of hours, 0 or more (0: never)",
)
TIMEOUT, CHARACTERS = "a number of seconds greater than 0", "a whole number of characters, 1 or more"
IN_FLIGHT = "a whole number of requests, 1-1000"
BAD_VALUES = {  # reader: [(variable, value, what the message says is expected)]
    ActionSettings.from_env: [
        ("ACTIONS_PORT", "fifty", PORT), ("ACTIONS_PORT", "0", PORT), ("ACTIONS_PORT", "70000", PORT),
        ("ACTIONS_PORT", "5055.0", PORT), ("RETENTION_DAYS", "thirty", DAYS), ("RETENTION_DAYS", "30.5", DAYS),
        ("RETENTION_DAYS", "-1", DAYS), ("CONTENT_RELOAD_SECONDS", "-1", SECONDS_OR_NEVER),
        ("CONTENT_RELOAD_SECONDS", "nan", SECONDS_OR_NEVER), ("PURGE_INTERVAL_HOURS", "daily", HOURS_OR_NEVER),
        ("PURGE_INTERVAL_HOURS", "inf", HOURS_OR_NEVER),
    ],
    BotSettings.from_env: [
        ("TELEGRAM_WEBHOOK_PORT", "https", PORT), ("RASA_PORT", "-5005", PORT),
        ("RASA_TIMEOUT_SECONDS", "soon", TIMEOUT), ("RASA_TIMEOUT_SECONDS", "0", TIMEOUT),
        ("RASA_TIMEOUT_SECONDS", "-8", TIMEOUT), ("MAX_TEXT_CHARS", "1000.5", CHARACTERS),
        ("MAX_TEXT_CHARS", "0", CHARACTERS), ("RETENTION_DAYS", "30.5", DAYS), ("RETENTION_DAYS", "-30", DAYS),
        ("RASA_MAX_IN_FLIGHT", "0", IN_FLIGHT), ("RASA_MAX_IN_FLIGHT", "8.5", IN_FLIGHT),
        ("RASA_MAX_IN_FLIGHT", "1001", IN_FLIGHT), ("RASA_MAX_IN_FLIGHT", "many", IN_FLIGHT),
        ("RASA_QUEUE_WARN_SECONDS", "0", TIMEOUT), ("RASA_QUEUE_WARN_SECONDS", "-60", TIMEOUT),
        ("RASA_QUEUE_WARN_SECONDS", "a minute", TIMEOUT),
        ("RASA_URL", "rasa:5005", "an http(s) URL such as http://127.0.0.1:5005"),
        ("ACTIONS_URL", "ftp://actions", "an http(s) URL such as http://127.0.0.1:5055"),
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("parse", "name", "value", "expected"),
    [(parse, *case) for parse, cases in BAD_VALUES.items() for case in cases],
    ids=lambda value: value.__self__.__name__ if callable(value) else value,
)
def test_a_bad_value_is_refused_naming_the_variable_and_what_is_expected(parse, name, value, expected) -> None:  # type: ignore[no-untyped-def]
    assert refused(parse, {name: value}) == f"{name} must be {expected}, got {value!r}"


@pytest.mark.parametrize("parse", RETENTION_READERS)
def test_fractional_or_negative_retention_days_are_refused_by_every_process(parse) -> None:  # type: ignore[no-untyped-def]
    for value in ("30.5", "-1", "a month"):
        assert refused(parse, {"RETENTION_DAYS": value}).startswith("RETENTION_DAYS must be a whole number of days")


def test_a_tools_days_option_follows_the_same_rule() -> None:
    assert retention_days({"RETENTION_DAYS": "30"}, override=7) == 7
    with pytest.raises(SettingsError, match=r"^--days must be a whole number of days, 0 or more, got '-7'$"):
        retention_days({}, override=-7)


def test_the_launcher_checks_its_ports_like_the_processes() -> None:
    assert (
        refused(StackSettings.from_env, {"RASA_PORT": "5005x"})
        == "RASA_PORT must be a port number, 1-65535, got '5005x'"
    )
    webhook = {"TELEGRAM_BOT_TOKEN": "1:T", "TELEGRAM_WEBHOOK_URL": "https://bot.example/telegram"}
    stack = StackSettings.from_env({**webhook, "TELEGRAM_WEBHOOK_PORT": "9443"})
    assert (stack.terminal_chat, stack.webhook_listen, stack.webhook_port) == (False, "127.0.0.1", 9443)


def test_settings_errors_stop_the_process_with_their_message() -> None:
    assert issubclass(SettingsError, SystemExit)  # python -m … prints the message and exits with 1, no traceback


# Webhook mode and secrets ----------------------------------------------------------------------


def test_a_webhook_url_without_a_secret_is_refused() -> None:
    message = refused(BotSettings.from_env, {"TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram"})
    assert message == "TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not: set a random secret"
    settings = BotSettings.from_env(
        {"TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/", "TELEGRAM_WEBHOOK_SECRET": "s3cret"}
    )
    assert settings.webhook_url == "https://bot.example.org/telegram/"  # what Telegram calls, exactly as given
    assert settings.webhook_secret == "s3cret"


def test_a_webhook_url_must_be_a_url() -> None:
    message = refused(BotSettings.from_env, {"TELEGRAM_WEBHOOK_URL": "bot.example.org", "TELEGRAM_WEBHOOK_SECRET": "s"})
    assert message.startswith("TELEGRAM_WEBHOOK_URL must be an http(s) URL such as https://")


def test_secrets_are_not_in_repr_and_not_in_error_messages() -> None:
    bot = BotSettings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": "123456:BOT-TOKEN",
            "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram",
            "TELEGRAM_WEBHOOK_SECRET": "WEBHOOK-SECRET",
            "ACTIONS_API_TOKEN": "API-TOKEN",
        }
    )
    actions = ActionSettings.from_env(
        {"TRACKER_STORE_URL": "postgresql://rasa:DB-PASSWORD@postgres/rasa", "ACTIONS_API_TOKEN": "API-TOKEN"}
    )
    for text in (repr(bot), str(bot), repr(actions)):
        for secret in ("BOT-TOKEN", "WEBHOOK-SECRET", "API-TOKEN", "DB-PASSWORD"):
            assert secret not in text
    assert sorted(bot.secrets) == ["123456:BOT-TOKEN", "API-TOKEN", "WEBHOOK-SECRET"]  # what the bot's logs redact
    assert actions.tracker_store_url.endswith("@postgres/rasa")


# The environment of the child processes (endpoints.yml's ${VARS}) -----------------------------


def test_stack_env_fills_every_default_endpoints_yml_needs(tmp_path: Path) -> None:
    env = stack_env({}, var_dir=tmp_path / "var")
    assert env["ACTIONS_URL"] == "http://127.0.0.1:5055"
    assert env["TRACKER_STORE_URL"] == f"sqlite:///{tmp_path / 'var' / 'tracker.db'}"
    assert (tmp_path / "var").is_dir()
    assert {k: env[k] for k in ("LOCK_STORE_TYPE", "REDIS_HOST", "REDIS_PORT", "REDIS_DB", "REDIS_PASSWORD")} == {
        "LOCK_STORE_TYPE": "in_memory",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": "6379",
        "REDIS_DB": "1",
        "REDIS_PASSWORD": "",
    }
    assert env["PYTHONPATH"] == str(PROJECT_ROOT)


def test_stack_env_keeps_what_is_set_and_fills_what_is_empty(tmp_path: Path) -> None:
    env = stack_env({"ACTIONS_PORT": "6055", "ACTIONS_URL": "", "REDIS_PASSWORD": " pw ", "X": "y"}, var_dir=tmp_path)
    assert env["ACTIONS_URL"] == "http://127.0.0.1:6055"
    assert env["REDIS_PASSWORD"] == " pw "  # passed on exactly as given
    assert env["X"] == "y"
    postgres = "postgresql://rasa:pw@postgres:5432/rasa"
    assert stack_env({"TRACKER_STORE_URL": postgres}, var_dir=tmp_path)["TRACKER_STORE_URL"] == postgres


# The human handover --------------------------------------------------------------------------


def test_staff_groups_are_district_chat_id_pairs() -> None:
    settings = BotSettings.from_env({"STAFF_GROUPS": " nienburg=-1001234567890, goslar=-100222,default=-100333 ,"})
    assert settings.staff_groups == {"nienburg": -1001234567890, "goslar": -100222, "default": -100333}
    assert BotSettings.from_env({}).staff_groups == {}  # no staff group: no handover


FORMAT = "must be district=chat id, e.g. nienburg=-1001234567890,default=-100333"
GROUP_ID = "the chat id must be a group's id, a whole negative number such as -1001234567890"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("nienburg", f"STAFF_GROUPS entry 'nienburg' {FORMAT}"),
        ("Nien burg=-1", f"STAFF_GROUPS entry 'Nien burg=-1' {FORMAT}"),
        ("goslar=-100222,nienburg=abc", f"STAFF_GROUPS entry 'nienburg=abc': {GROUP_ID}"),
        ("nienburg=4242", f"STAFF_GROUPS entry 'nienburg=4242': {GROUP_ID}"),  # a person's chat, not a group
        ("nienburg=-100.5", f"STAFF_GROUPS entry 'nienburg=-100.5': {GROUP_ID}"),
        ("default=-1,default=-2", "STAFF_GROUPS entry 'default=-2': default is listed twice"),
    ],
)
def test_a_bad_staff_groups_entry_is_refused_naming_it(raw: str, message: str) -> None:
    assert refused(BotSettings.from_env, {"STAFF_GROUPS": raw}) == message


def test_a_staff_group_of_an_unknown_district_is_refused_naming_the_entry() -> None:
    districts = ["goerlitz", "goslar", "nienburg", "northeim"]
    check_staff_districts({"nienburg": -1, "default": -2}, districts)  # fine
    with pytest.raises(SettingsError) as error:
        check_staff_districts({"nienburg": -1, "hannover": -100999}, districts)
    assert str(error.value) == (
        "STAFF_GROUPS entry 'hannover=-100999': unknown district 'hannover' "
        "(known: goerlitz, goslar, nienburg, northeim, or default)"
    )


def test_the_ticket_store_is_an_sqlalchemy_url_never_quoted() -> None:
    assert BotSettings(token=None).ticket_store_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'tickets.db'}"
    assert BotSettings.from_env({}).ticket_store_url == BotSettings(token=None).ticket_store_url
    url = "postgresql://rasa:s3cret@postgres:5432/rasa"
    settings = BotSettings.from_env({"TICKET_STORE_URL": url, "TELEGRAM_BOT_TOKEN": "1:x"})
    assert settings.ticket_store_url == url
    assert "s3cret" in settings.secrets  # redacted from every log line
    assert "s3cret" not in repr(settings)
    message = refused(BotSettings.from_env, {"TICKET_STORE_URL": "mysql://u:s3cret@db/x"})
    assert message.startswith("TICKET_STORE_URL must be an SQLAlchemy URL such as sqlite:///var/tickets.db")
    assert "s3cret" not in message
    assert ticket_store_url({"TICKET_STORE_URL": "sqlite:////data/tickets.db"}) == "sqlite:////data/tickets.db"
