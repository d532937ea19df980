"""scripts/rasa_patches.py keeps jsonschema's and Rasa's behaviour (invalid data still fails, schemas still
checked), and each patch's guard passes on the installed Rasa but stops start-up when an internal it patches changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from rasa.shared.core.trackers import DialogueStateTracker

from scripts import rasa_patches

SCHEMA = {"type": "object", "properties": {"events": {"type": "array"}}, "required": ["events"]}


@pytest.fixture(autouse=True)
def restored(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Whatever a test patches or installs is undone afterwards."""
    import rasa.shared.utils.common as common
    import sqlalchemy as sa
    from rasa.core.actions.action import RemoteAction
    from rasa.core.actions.two_stage_fallback import TwoStageFallbackAction

    monkeypatch.setattr(jsonschema, "validate", jsonschema.validate)
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    monkeypatch.setattr(common, "all_subclasses", common.all_subclasses)
    monkeypatch.setattr(TwoStageFallbackAction, "deactivate", TwoStageFallbackAction.deactivate)
    yield
    if sa.event.contains(sa.engine.Engine, "connect", rasa_patches._sqlite_wal):
        sa.event.remove(sa.engine.Engine, "connect", rasa_patches._sqlite_wal)


@pytest.fixture
def installed() -> None:
    rasa_patches.install()


@pytest.mark.usefixtures("installed")
def test_valid_data_passes_and_invalid_data_raises_as_before() -> None:
    jsonschema.validate({"events": []}, SCHEMA)
    with pytest.raises(jsonschema.ValidationError, match="'events' is a required property"):
        jsonschema.validate({}, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"events": "no list"}, dict(SCHEMA))  # an equal, new dict: cached, still validated


@pytest.mark.usefixtures("installed")
def test_an_invalid_schema_is_still_reported() -> None:
    with pytest.raises(jsonschema.SchemaError):
        jsonschema.validate({}, {"type": "no such type"})


@pytest.mark.usefixtures("installed")
def test_event_classes_resolve_as_before() -> None:
    from rasa.shared.core.events import Event, SlotSet, UserUttered

    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("user") is UserUttered
    restored = Event.from_parameters({"event": "slot", "name": "district", "value": "goslar"})
    assert restored == SlotSet("district", "goslar")


VALID_RESULTS = [
    {"events": [], "responses": []},
    {},
    {"events": [{"event": "slot", "name": "district", "value": "goslar"}], "responses": [{"text": "hi"}]},
    {"events": [{"event": "slot", "name": "x", "value": None, "timestamp": None, "metadata": {}}]},
    {"events": [{"event": "followup", "name": "action_greet"}, {"event": "reset_slots"}, {"event": "restart"}]},
    {"events": [{"event": "active_loop", "name": None}, {"event": "bot", "text": "hi", "data": {}}]},
]
INVALID_RESULTS = [
    [],
    {"events": "no list"},
    {"events": None},
    {"events": [{"name": "district", "value": "goslar"}]},  # no event name
    {"events": [{"event": "no such event"}]},
    {"events": [{"event": ["slot"]}]},
    {"events": [{"event": "slot", "value": "goslar"}]},  # a SlotSet without its name
    {"events": [{"event": "slot", "name": "x", "timestamp": "yesterday"}]},  # the common part of every event
    {"events": ["slot"]},
    {"responses": ["text"]},
]


@pytest.mark.parametrize("result", VALID_RESULTS + INVALID_RESULTS)
def test_action_results_validate_per_event_type_exactly_as_rasa_does(result: object) -> None:
    from rasa.core.actions.action import RemoteAction

    action = RemoteAction("action_greet", None)

    def outcome() -> str:
        try:
            return str(action._validate_action_result(result))  # type: ignore[arg-type]
        except jsonschema.ValidationError as error:
            return error.message

    before = outcome()
    rasa_patches.install()
    assert RemoteAction._validate_action_result.__name__ == "validate_each_event_by_its_type"
    assert outcome() == before
    assert (before == "True") == (result in VALID_RESULTS)


@pytest.mark.usefixtures("installed")
def test_sqlite_connections_use_wal_without_fsync_per_commit(tmp_path: Path) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    engine.dispose()


@pytest.mark.parametrize("patch", rasa_patches.PATCHES, ids=lambda patch: patch.name)
def test_every_guard_passes_on_the_installed_rasa(patch: rasa_patches.Patch) -> None:
    assert patch.problem() is None
    patch.check()


def _remove_all_subclasses(monkeypatch: pytest.MonkeyPatch) -> None:
    import rasa.shared.utils.common as common

    monkeypatch.delattr(common, "all_subclasses")


def _replace_jsonschema_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonschema, "validate", lambda instance, schema, *args, **kwargs: None)


def _remove_a_validate_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    callers = [("rasa.core.actions.action", "RemoteAction._validate_action_result_renamed", "from jsonschema import")]
    monkeypatch.setattr(rasa_patches, "VALIDATE_CALLERS", callers)


def _remove_the_tracker_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        rasa_patches, "ENGINE_CREATORS", [("rasa.core.no_tracker_store", "SQLTrackerStore.__init__", "")]
    )


def _remove_the_connect_event(monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlalchemy.events

    monkeypatch.delattr(sqlalchemy.events.PoolEvents, "connect")


def _change_sql_tracker_store_save(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = {**rasa_patches.WINDOWED_STORE_SHA256, "SQLTrackerStore.save": "0" * 64}
    monkeypatch.setattr(rasa_patches, "WINDOWED_STORE_SHA256", changed)


def _change_validate_action_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rasa_patches, "VALIDATE_ACTION_RESULT_SHA256", "0" * 64)


def _let_two_event_types_share_a_name(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.core.actions.action import RemoteAction

    spec = RemoteAction.action_response_format_spec()
    items = spec["properties"]["events"]["items"]
    shared = {**spec, "properties": {**spec["properties"], "events": {"type": "array", "items": {
        **items, "oneOf": [*items["oneOf"], {"properties": {"event": {"const": "slot"}}}]
    }}}}  # fmt: skip
    monkeypatch.setattr(RemoteAction, "action_response_format_spec", staticmethod(lambda: shared))


def _stop_saving_the_retrieved_tracker(monkeypatch: pytest.MonkeyPatch) -> None:
    callers = [("rasa.core.processor", "MessageProcessor.handle_message", "await self.save_tracker(other_tracker)")]
    monkeypatch.setattr(rasa_patches, "WINDOWED_STORE_CALLERS", callers)


@pytest.mark.parametrize(
    ("break_it", "patch", "problem"),
    [
        (_remove_all_subclasses, "event classes cached", "rasa.shared.utils.common.all_subclasses is missing"),
        (_replace_jsonschema_validate, "jsonschema schema checked once", "jsonschema.validate is missing or not"),
        (_remove_a_validate_caller, "jsonschema schema checked once", "_validate_action_result_renamed is gone"),
        (_remove_the_tracker_store, "SQLite tracker store in WAL mode", "SQLTrackerStore.__init__ is gone"),
        (_remove_the_connect_event, "SQLite tracker store in WAL mode", "pool 'connect' event is missing"),
        (_change_sql_tracker_store_save, "windowed SQL tracker store", "SQLTrackerStore.save is missing or changed"),
        (_stop_saving_the_retrieved_tracker, "windowed SQL tracker store", "handle_message no longer contains"),
        (_change_validate_action_result, "action results validated per event type", "_validate_action_result is"),
        (_let_two_event_types_share_a_name, "action results validated per event type", "no longer an array of events"),
    ],
)
def test_a_guard_stops_start_up_naming_the_patch_and_the_rasa_version_when_an_internal_is_missing(
    break_it, patch: str, problem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasa.version import __version__

    original = jsonschema.validate
    break_it(monkeypatch)
    with pytest.raises(rasa_patches.RasaPatchError) as refused:
        rasa_patches.install()
    message = str(refused.value)
    assert f"Rasa speed patch {patch!r}" in message
    assert f"installed Rasa {__version__}" in message
    assert problem in message
    if break_it is not _replace_jsonschema_validate:
        assert jsonschema.validate is original  # nothing applied when any guard fails


def test_rasa_does_not_start_when_a_patch_does_not_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts import rasa_server

    _remove_all_subclasses(monkeypatch)
    with pytest.raises(rasa_patches.RasaPatchError, match="event classes cached"):
        rasa_server.main()


def test_the_windowed_tracker_store_refuses_to_start_when_its_guard_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from scripts.windowed_tracker_store import WindowedSQLTrackerStore

    _change_sql_tracker_store_save(monkeypatch)
    with pytest.raises(rasa_patches.RasaPatchError, match="windowed SQL tracker store"):
        WindowedSQLTrackerStore(host=f"sqlite:///{tmp_path / 'tracker.db'}")


def _fallback_then_clear_tracker() -> DialogueStateTracker:
    """A first message the NLU did not understand, answered in full for Nienburg inside the two-stage fallback
    loop, then a clear question ("а если в Нинбурге?" then "адрес какой у них")."""
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.slots import AnySlot

    slots = [AnySlot(name, mappings=[{}]) for name in ("district", "last_topic")]
    tracker = DialogueStateTracker("user", slots)
    for event in [
        ActionExecuted("action_listen"),
        UserUttered("а если в Нинбурге?", {"name": "nlu_fallback", "confidence": 0.55}),
        ActionExecuted("action_two_stage_fallback"),
        ActiveLoop("action_two_stage_fallback"),
        BotUttered("С этим вам помогут специалисты по интеграции в Nienburg: …"),
        SlotSet("district", "nienburg"),
        SlotSet("last_topic", "ask_contact"),
        ActionExecuted("action_listen"),
        UserUttered("адрес какой у них", {"name": "ask_contact", "confidence": 1.0}),
    ]:
        tracker.update(event)
    return tracker


async def _deactivate(tracker: DialogueStateTracker) -> list[Any]:
    """The loop's events on the clear message, logged on the tracker as Rasa's processor does (the action's
    ActionExecuted, then its events: the loop's deactivation, then what deactivate returns)."""
    from rasa.core.actions.two_stage_fallback import TwoStageFallbackAction
    from rasa.shared.core.events import ActionExecuted, ActiveLoop

    events = await TwoStageFallbackAction().deactivate(None, None, tracker, None, [])  # type: ignore[arg-type]
    for event in [ActionExecuted("action_two_stage_fallback"), ActiveLoop(None), *events]:
        tracker.update(event)
    return events


async def test_rasa_alone_loses_the_district_the_answered_fallback_turn_remembered() -> None:
    tracker = _fallback_then_clear_tracker()
    await _deactivate(tracker)
    assert tracker.get_slot("district") is None  # what the patch is for


@pytest.mark.usefixtures("installed")
async def test_an_answered_fallback_turn_keeps_its_slots_after_the_revert() -> None:
    from rasa.shared.core.events import SlotSet, UserUtteranceReverted, UserUttered

    tracker = _fallback_then_clear_tracker()
    events = await _deactivate(tracker)
    assert isinstance(events[0], UserUtteranceReverted)
    assert events[1:3] == [SlotSet("district", "nienburg"), SlotSet("last_topic", "ask_contact")]
    assert tracker.get_slot("district") == "nienburg"
    assert tracker.latest_message is not None
    assert tracker.latest_message.text == "адрес какой у них"
    assert [e.text for e in tracker.applied_events() if isinstance(e, UserUttered)] == ["адрес какой у них"]
