"""scripts/rasa_patches.py keeps jsonschema's and Rasa's behaviour (invalid data still fails, schemas still
checked), and each patch's guard passes on the installed Rasa but stops start-up when an internal it patches changed."""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import re
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import jsonschema
import pytest
import yaml
from rasa.engine.graph import GraphComponent
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.features import Features

from scripts import rasa_patches

from .conftest import ROOT

SCHEMA = {"type": "object", "properties": {"events": {"type": "array"}}, "required": ["events"]}


@pytest.fixture(autouse=True)
def restored(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Whatever a test patches or installs is undone afterwards."""
    import rasa.core.run
    import rasa.shared.utils.common as common
    import sqlalchemy as sa
    from rasa.core.actions.action import RemoteAction
    from rasa.core.actions.two_stage_fallback import TwoStageFallbackAction
    from rasa.core.featurizers.tracker_featurizers import TrackerFeaturizer
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.shared.nlu.training_data.message import Message
    from rasa.utils.endpoints import EndpointConfig
    from rasa.utils.tensorflow import model_data_utils
    from rasa.utils.tensorflow.models import RasaModel

    monkeypatch.setattr(jsonschema, "validate", jsonschema.validate)
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    monkeypatch.setattr(common, "all_subclasses", common.all_subclasses)
    monkeypatch.setattr(TwoStageFallbackAction, "deactivate", TwoStageFallbackAction.deactivate)
    monkeypatch.setattr(DaskGraphRunner, "run", DaskGraphRunner.run)
    monkeypatch.setattr(EndpointConfig, "request", EndpointConfig.request)
    monkeypatch.setattr(rasa.core.run, "close_resources", rasa.core.run.close_resources)
    monkeypatch.setattr(Domain, "is_empty", Domain.is_empty)
    monkeypatch.setattr(Features, "_combine_sparse_features", Features._combine_sparse_features)
    monkeypatch.setattr(RasaModel, "_rasa_predict", RasaModel._rasa_predict)
    monkeypatch.setattr(RulePolicy, "_predict", RulePolicy._predict)
    monkeypatch.setattr(TrackerFeaturizer, "_create_states", TrackerFeaturizer.__dict__["_create_states"])
    monkeypatch.setattr(Message, "_combine_features", Message.__dict__["_combine_features"])
    monkeypatch.setattr(model_data_utils, "_create_fake_features", model_data_utils._create_fake_features)
    for module_name, _ in rasa_patches.REGEX_CALLERS_SHA256:
        module = importlib.import_module(module_name)
        monkeypatch.setattr(module, "re", module.re)
    for module_name in rasa_patches.DEBUG_COPY_MODULES:
        module = importlib.import_module(module_name)
        monkeypatch.setattr(module, "copy", module.copy)
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


def _change_the_graph_runner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(rasa_patches.GRAPH_RUNNER_SHA256, "_add_inputs_to_graph", "0" * 64)


def _change_endpoint_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(rasa_patches.ENDPOINT_SHA256, "request", "0" * 64)


def _stop_closing_resources_on_server_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    callers = [("rasa.core.run", "serve_application", "app.register_listener(close_everything,")]
    monkeypatch.setattr(rasa_patches, "SERVER_STOP_CALLERS", callers)


def _change_domain_is_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rasa_patches, "DOMAIN_IS_EMPTY_SHA256", "0" * 64)


def _change_scipys_bmat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(rasa_patches.SPARSE_JOIN_SHA256, ("scipy.sparse._construct", "bmat"), "0" * 64)


def _change_rasa_predict(monkeypatch: pytest.MonkeyPatch) -> None:
    key = ("rasa.utils.tensorflow.models", "RasaModel._rasa_predict")
    monkeypatch.setitem(rasa_patches.TF_PREDICT_SHA256, key, "0" * 64)


def _change_tensorflows_input_casting(monkeypatch: pytest.MonkeyPatch) -> None:
    key = ("tensorflow.python.eager.polymorphic_function.function_spec", "cast_inputs_to_signature")
    monkeypatch.setitem(rasa_patches.TF_PREDICT_SHA256, key, "0" * 64)


def _change_choose_last_user_input(monkeypatch: pytest.MonkeyPatch) -> None:
    key = ("rasa.core.featurizers.tracker_featurizers", "TrackerFeaturizer._choose_last_user_input")
    monkeypatch.setitem(rasa_patches.RULE_STATES_SHA256, key, "0" * 64)


def _copy_outside_a_debug_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        rasa_patches, "DEBUG_COPY_MODULES", (*rasa_patches.DEBUG_COPY_MODULES, "rasa.core.actions.action")
    )


def _change_dense_combination(monkeypatch: pytest.MonkeyPatch) -> None:
    key = ("rasa.shared.nlu.training_data.features", "Features._combine_dense_features")
    monkeypatch.setitem(rasa_patches.FEATURE_COPIES_SHA256, key, "0" * 64)


def _import_re_differently(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.nlu.extractors import regex_entity_extractor

    monkeypatch.setattr(regex_entity_extractor, "re", object())


def _stop_saving_the_retrieved_tracker(monkeypatch: pytest.MonkeyPatch) -> None:
    callers = [("rasa.core.processor", "MessageProcessor.handle_message", "await self.save_tracker(other_tracker)")]
    monkeypatch.setattr(rasa_patches, "WINDOWED_STORE_CALLERS", callers)


TF_PATCH = "DIET's inputs converted once, its concrete function called"
DEBUG_PATCH = "debug log arguments copied only for debug lines written"


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
        (_change_the_graph_runner, "graph nodes run in order without dask", "_add_inputs_to_graph is missing or"),
        (_change_endpoint_request, "one kept session per endpoint", "EndpointConfig.request is missing or changed"),
        (_stop_closing_resources_on_server_stop, "one kept session per endpoint", "serve_application no longer"),
        (_change_domain_is_empty, "empty domain built once", "Domain.is_empty is missing or changed"),
        (_import_re_differently, "lookup-table regexes by first letter", "no longer uses the re module as `re`"),
        (_change_scipys_bmat, "sparse features joined without bmat's set-up", "_construct.bmat is missing or"),
        (_change_rasa_predict, TF_PATCH, "RasaModel._rasa_predict is missing or changed"),
        (_change_tensorflows_input_casting, TF_PATCH, "function_spec.cast_inputs_to_signature is missing or"),
        (_change_choose_last_user_input, "RulePolicy's states built once per prediction", "_choose_last_user_input is"),
        (_copy_outside_a_debug_line, DEBUG_PATCH, "rasa.core.actions.action "),
        (_change_dense_combination, "features copied without the matrix replaced after", "_combine_dense_features is"),
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


def _fallback_then_clear_tracker(confidence: float = 1.0) -> DialogueStateTracker:
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
        UserUttered("адрес какой у них", {"name": "ask_contact", "confidence": confidence}),
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


async def test_rasa_alone_gives_the_clear_message_after_a_fallback_full_confidence() -> None:
    tracker = _fallback_then_clear_tracker(confidence=0.58)
    await _deactivate(tracker)
    assert tracker.latest_message is not None
    assert tracker.latest_message.intent["confidence"] == 1.0  # what the patch is for


@pytest.mark.usefixtures("installed")
async def test_the_clear_message_after_a_fallback_keeps_the_nlus_confidence() -> None:
    # "und in bremen?" (emergency 0.58) after an answered fallback raised the alarm at 1.0 (blind set v17).
    tracker = _fallback_then_clear_tracker(confidence=0.58)
    await _deactivate(tracker)
    assert tracker.latest_message is not None
    assert tracker.latest_message.intent == {"name": "ask_contact", "confidence": 0.58}


# The graph runner -------------------------------------------------------------------------------------------------


def _toy_runner(tmp_path: Path) -> Any:
    """A DaskGraphRunner over a small graph: a provider, two adders (one needing the other), a node no target
    needs, a node that fails, and the placeholder input `__number__`."""
    from rasa.engine.graph import ExecutionContext, GraphSchema, SchemaNode
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.engine.storage.local_model_storage import LocalModelStorage

    def node(uses: type, fn: str, needs: dict[str, str]) -> SchemaNode:
        return SchemaNode(needs=needs, uses=uses, fn=fn, constructor_name="create", config={})

    schema = GraphSchema({
        "two": node(Two, "provide", {}),
        "add": node(Add, "add", {"i": "two", "j": "__number__"}),
        "add_again": node(Add, "add", {"i": "add", "j": "two"}),
        "unused": node(Add, "add", {"i": "two", "j": "two"}),
        "fails": node(Add, "fail", {"i": "add"}),
    })  # fmt: skip
    return DaskGraphRunner(schema, LocalModelStorage(tmp_path), ExecutionContext(schema, "toy"))


class Two(GraphComponent):
    calls: ClassVar[list[str]] = []

    @classmethod
    def create(cls, config: Any, model_storage: Any, resource: Any, execution_context: Any) -> Two:
        return cls()

    def provide(self) -> int:
        Two.calls.append("two")
        return 2


class Add(Two):
    def add(self, i: int, j: int) -> int:
        Two.calls.append(f"add {i} {j}")
        return i + j

    def fail(self, i: int) -> int:
        raise RuntimeError(f"no {i}")


def _both_ways(tmp_path: Path, run: Callable[[Any], Any]) -> tuple[Any, Any]:
    """`run(runner)` with dask, then with the patch installed, each on a fresh runner: (dask's, ours)."""
    Two.calls.clear()
    results = []
    for patched in (False, True):
        if patched:
            rasa_patches.install()
        try:
            results.append((run(_toy_runner(tmp_path)), list(Two.calls)))
        except Exception as error:  # noqa: BLE001 - the errors are compared too
            results.append((type(error), type(error.__cause__), str(error), list(Two.calls)))
        Two.calls.clear()
    return results[0], results[1]


@pytest.mark.parametrize(
    "run",
    [
        lambda runner: runner.run(inputs={"__number__": 3}, targets=["add_again"]),
        lambda runner: runner.run(inputs={"__number__": 3}, targets=["add_again", "add"]),
        lambda runner: runner.run(inputs={"__number__": 3}, targets=["two"]),
        lambda runner: runner.run(inputs={"__number__": 3, "extra": [1]}, targets=["unused"]),
        lambda runner: [runner.run(inputs={"__number__": n}, targets=["add"]) for n in (1, 2)],  # ordered once
        lambda runner: runner.run(targets=["add"]),  # the input missing: the node is told, as with dask
        lambda runner: runner.run(inputs={"__number__": "add"}, targets=["add"]),  # an input naming a node
        lambda runner: runner.run(inputs={"__number__": 1}, targets=["fails"]),
        lambda runner: runner.run(inputs={"two": ("two", 5), "__number__": 1}, targets=["add"]),  # an input as a node
    ],
)
def test_the_graph_runs_as_with_dask_same_results_calls_and_errors(tmp_path: Path, run: Callable[[Any], Any]) -> None:
    dask_result, ours = _both_ways(tmp_path, run)
    assert ours == dask_result


@pytest.mark.slow
async def test_the_model_parses_and_predicts_as_with_dask(trained_model: Path) -> None:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.trackers import DialogueStateTracker

    agent = Agent.load(str(trained_model))
    texts = ["Telefonnummer Migrationsberatung Nienburg", "hotline auf arabisch?", "я живу в Нинбург", "äh"]

    async def both() -> list[Any]:
        processor = agent.processor
        assert processor is not None
        out = []
        for text in texts:
            parse = await processor.parse_message(UserMessage(text, sender_id="x"))
            tracker = DialogueStateTracker.from_dict("x", [{"event": "action", "name": "action_listen"}])
            tracker.update(UserUttered(text, parse["intent"], parse["entities"], parse))
            prediction = processor._predict_next_with_tracker(tracker)
            out.append((parse, prediction.policy_name, prediction.max_confidence, prediction.probabilities))
        return out

    with_dask = await both()
    rasa_patches.install()
    assert await both() == with_dask


# Kept endpoint sessions ---------------------------------------------------------------------------------------------


@pytest.fixture
async def echo_server() -> Any:
    """An HTTP server answering each request with its method, path, query, headers and the client's port."""
    from aiohttp import web
    from aiohttp.test_utils import TestServer

    async def echo(request: web.Request) -> web.Response:
        if request.path.endswith("/fail"):
            return web.Response(status=503, text="down")
        if request.path.endswith("/text"):
            return web.Response(text="no json")
        peer = request.transport.get_extra_info("peername") if request.transport else None
        return web.json_response({
            "method": request.method, "path": request.path, "query": dict(request.query),
            "headers": {k: v for k, v in request.headers.items() if k in ("Content-Type", "X-Extra", "Authorization")},
            "body": await request.text(), "port": peer[1] if peer else None,
        })  # fmt: skip

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", echo)
    server = TestServer(app)
    await server.start_server()
    yield f"http://127.0.0.1:{server.port}"
    await server.close()


async def _requests(url: str) -> list[Any]:
    from rasa.utils.endpoints import ClientResponseError, EndpointConfig

    endpoint = EndpointConfig(
        f"{url}/webhook", params={"a": "1"}, headers={"X-Extra": "yes"}, token="secret",
        basic_auth={"username": "u", "password": "p"},
    )  # fmt: skip
    out: list[Any] = [
        await endpoint.request(json={"next_action": "action_greet"}, method="post"),
        await endpoint.request(method="get", subpath="sub", params={"b": "2"}, headers={"X-Extra": "per call"}),
        await endpoint.request(method="post", subpath="text"),
    ]
    with pytest.raises(ClientResponseError) as failed:
        await endpoint.request(method="post", subpath="fail")
    out.append((failed.value.status, failed.value.message, failed.value.text))
    return out


async def test_endpoint_requests_send_and_return_what_they_did_on_one_kept_connection(echo_server: str) -> None:
    from rasa.utils.endpoints import EndpointConfig

    with_new_sessions = await _requests(echo_server)
    rasa_patches.install()
    with_kept_session = await _requests(echo_server)

    def without_port(results: list[Any]) -> list[Any]:
        return [{k: v for k, v in r.items() if k != "port"} if isinstance(r, dict) else r for r in results]

    assert without_port(with_kept_session) == without_port(with_new_sessions)
    assert with_new_sessions[0]["port"] != with_new_sessions[1]["port"]  # a connection per call before
    assert with_kept_session[0]["port"] == with_kept_session[1]["port"]  # one kept connection now

    endpoint = EndpointConfig(f"{echo_server}/webhook")
    await endpoint.request(method="get")
    session = rasa_patches.kept_session(endpoint)
    assert not session.closed
    await rasa_patches.close_kept_sessions()  # what the server's stop does
    assert session.closed
    assert (await endpoint.request(method="get"))["path"] == "/webhook"  # a new one after a close
    await rasa_patches.close_kept_sessions()


async def test_the_server_stop_closes_rasas_resources_and_then_the_kept_sessions(echo_server: str) -> None:
    import rasa.core.run
    from rasa.utils.endpoints import EndpointConfig

    closed: list[str] = []

    async def close_resources(app: Any, loop: Any) -> None:
        closed.append("rasa")

    rasa.core.run.close_resources = close_resources  # restored by the fixture
    rasa_patches.install()
    endpoint = EndpointConfig(echo_server)
    await endpoint.request(method="get")
    session = rasa_patches.kept_session(endpoint)
    await rasa.core.run.close_resources(object(), asyncio.get_running_loop())
    assert closed == ["rasa"]
    assert session.closed


# The empty domain, the lookup-table regexes --------------------------------------------------------------------------


def test_an_empty_domain_is_empty_and_ours_is_not_as_before() -> None:
    ours = Domain.load(str(ROOT / "domain.yml"))
    before = [Domain.empty().is_empty(), ours.is_empty(), Domain.from_dict({"intents": ["greet"]}).is_empty()]
    rasa_patches.install()
    after = [Domain.empty().is_empty(), ours.is_empty(), Domain.from_dict({"intents": ["greet"]}).is_empty()]
    assert after == before == [True, False, False]


LOOKUP = "(" + "|".join(
    rf"\b{name}\b" for name in ["Bad", "Bad Harzburg", "Goerlitz", "Goerlitzer", "İnegöl", "ıslak", "Straße", "K",
                                  "Нінбург", "نينبورغ"]
) + ")"  # fmt: skip
TEXTS = [
    "Bad Harzburg oder Bad? Goerlitzer, Goerlitz-Stadt; GOERLITZ goerlitz",
    "inegöl İNEGÖL ınegöl Islak ISLAK ıslak islak STRASSE straße Straße k K \u212a",  # Turkish i, ß, the Kelvin sign
    "у Нінбург нінбург НІНБУРГ, في نينبورغ؟ Nienburg",
    "",
    "BadBad Bad_ Bad1 _Bad",
    "a" * 50 + " Bad",
]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize(
    "pattern",
    [
        LOOKUP,
        r"(\bGoerlitz\b)",
        r"(\bGo.rlitz\b|\bBad\b)",  # not plain names: the regex as it is
        r"(Bad|\bGoerlitz\b)",  # a name without its boundary: the same
        r"(\bBad\b|\bHar\|zburg\b)",  # a "|" in a name: the same
        r"\bBad\b",
    ],
)
def test_lookup_table_regexes_find_what_re_finds(pattern: str, flags: int) -> None:
    shim = rasa_patches._LookupTableRe()
    for text in TEXTS:
        found = [(m.start(), m.end(), m.group()) for m in shim.finditer(pattern, text, flags=flags)]
        assert found == [(m.start(), m.end(), m.group()) for m in re.finditer(pattern, text, flags=flags)], text
    assert shim.IGNORECASE is re.IGNORECASE  # the rest of the module as it is


def test_lookup_table_regexes_take_the_fast_path_only_for_plain_names() -> None:
    assert rasa_patches._literal_names(LOOKUP) is not None
    assert rasa_patches._literal_names(r"(\bGo.rlitz\b|\bBad\b)") is None
    assert rasa_patches._literal_names(r"(\bBad\b|\bHar\|zburg\b)") is None


@pytest.mark.slow
def test_the_models_lookup_tables_find_what_re_finds_in_every_test_message(trained_model: Path) -> None:
    with tarfile.open(trained_model) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("RegexFeaturizer1/patterns.json"))
        extracted = archive.extractfile(member)
        assert extracted is not None
        patterns = [p["pattern"] for p in json.load(extracted)]
    texts = [q["ask"] for items in yaml.safe_load((ROOT / "tests/e2e/questions.yml").read_text()).values()
             for q in items]  # fmt: skip
    texts += [line.strip()[2:] for path in sorted((ROOT / "nlu_test").rglob("*.yml"))
              for line in path.read_text(encoding="utf-8").splitlines() if line.strip().startswith("- ")]  # fmt: skip
    texts += [t.upper() for t in texts] + [t.lower() for t in texts]
    shim = rasa_patches._LookupTableRe()
    assert all(rasa_patches._literal_names(p) for p in patterns)
    for pattern in patterns:
        for flags in (0, re.IGNORECASE):
            for text in texts:
                ours = [(m.start(), m.end()) for m in shim.finditer(pattern, text, flags)]
                assert ours == [(m.start(), m.end()) for m in re.finditer(pattern, text, flags)], text


# Sparse features joined -------------------------------------------------------------------------------------------


def _coo(rows: int, cols: int, density: float, dtype: Any, seed: int) -> Any:
    from scipy import sparse

    return sparse.random(rows, cols, density=density, format="coo", dtype=dtype, random_state=seed)


def _wide_coo() -> Any:
    from scipy.sparse import coo_matrix

    return coo_matrix(([1.0, 2.0], ([0, 2], [5, 2**31])), shape=(3, 2**31 + 1))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (_coo(1, 300, 0.1, "float64", 1), _coo(1, 8000, 0.01, "float64", 2)),
        (_coo(9, 40, 0.2, "float32", 3), _coo(9, 70_000, 0.001, "float64", 4)),  # float32 and float64: upcast
        (_coo(5, 10, 0.0, "float64", 5), _coo(5, 3, 0.5, "float64", 6)),  # an empty block
        (_wide_coo(), _coo(3, 4, 0.5, "float64", 8)),  # int64 indexes
        (_coo(0, 4, 0.0, "float64", 9), _coo(0, 3, 0.0, "float64", 10)),  # no rows: hstack itself
        (_coo(2, 4, 0.5, "float64", 11).tocsr(), _coo(2, 3, 0.5, "float64", 12)),  # not COO: hstack itself
    ],
)
def test_sparse_features_are_joined_as_hstack_joins_them(left: Any, right: Any) -> None:
    from scipy.sparse import hstack

    expected, joined = hstack([left, right]), rasa_patches.join_coo(left, right)
    assert type(joined) is type(expected)
    assert joined.shape == expected.shape
    assert joined.dtype == expected.dtype
    for name in ("row", "col", "data"):
        assert getattr(joined, name).dtype == getattr(expected, name).dtype
        assert (getattr(joined, name) == getattr(expected, name)).all()
    assert joined.has_canonical_format == expected.has_canonical_format


def test_combined_features_are_the_same_and_mismatched_ones_still_refused() -> None:
    from rasa.shared.nlu.training_data.features import Features

    def features() -> list[Any]:
        return [Features(_coo(4, n, 0.3, "float64", n), "sequence", "text", f"f{n}") for n in (7, 11, 13)]

    before = features()
    before[0].combine_with_features(before[1])
    before[0].combine_with_features(before[2])
    rasa_patches.install()
    after = features()
    after[0].combine_with_features(after[1])
    after[0].combine_with_features(after[2])
    assert (after[0].features != before[0].features).nnz == 0
    assert after[0].fingerprint() == before[0].fingerprint()
    with pytest.raises(ValueError, match="sequence dimensions do not match: 4 != 2"):
        after[0].combine_with_features(Features(_coo(2, 3, 0.5, "float64", 1), "sequence", "text", "x"))


def test_lookup_table_regexes_keep_a_bounded_number_of_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rasa_patches, "MAX_CHARS_KEPT", 8)
    shim = rasa_patches._LookupTableRe()
    text = "".join(chr(c) for c in range(0x4E00, 0x4E40)) + " Bad Harzburg"
    found = [(m.start(), m.end()) for m in shim.finditer(LOOKUP, text)]
    assert found == [(m.start(), m.end()) for m in re.finditer(LOOKUP, text)]
    assert all(len(matcher.at) <= 8 for matcher in shim._matchers.values() if matcher is not None)


# DIET's TensorFlow call -----------------------------------------------------------------------------------------------


class _CountedFunction:
    """A tf.function that counts the calls made to it (not to its concrete function)."""

    def __init__(self, function: Any) -> None:
        self.function, self.calls = function, 0

    def __call__(self, *args: Any) -> Any:
        self.calls += 1
        return self.function(*args)

    def get_concrete_function(self) -> Any:
        return self.function.get_concrete_function()


class _Model:
    """What RasaModel._rasa_predict uses of a model, with a small graph whose outputs depend on every input."""

    def __init__(self, eager: bool = False) -> None:
        self._run_eagerly, self.prepared_for_prediction, self._training = eager, True, None
        self._tf_predict_step: Any = None

    _empty_lists_to_none_in_dict = staticmethod(lambda d: {k: (None if not len(v) else v) for k, v in d.items()})

    @staticmethod
    def _dynamic_signature(batch_in: Any) -> Any:
        from rasa.utils.tensorflow.models import RasaModel

        return RasaModel._dynamic_signature(batch_in)

    def prepare_for_predict(self) -> None:
        raise AssertionError("prepared already")

    def predict_step(self, batch_in: Any) -> dict[str, Any]:
        import tensorflow as tf
        from rasa.shared.constants import DIAGNOSTIC_DATA

        dense, indices, values = batch_in
        scores = tf.reduce_sum(dense, axis=-1) + tf.cast(tf.reduce_sum(indices), tf.float32) * tf.reduce_mean(values)
        return {"scores": tf.nn.softmax(scores), DIAGNOSTIC_DATA: {"attention": dense[:, :0], "values": values}}


def _batches() -> list[tuple[Any, ...]]:
    import numpy as np
    from rasa.utils.tensorflow.model_data import FeatureArray

    rng = np.random.default_rng(7)
    return [
        (rng.random((1, 3, 4), dtype=np.float32), np.array([[0, 1, 2], [0, 2, 3]], np.int64),
         FeatureArray(np.array([0.5, 2.0], np.float32), number_of_dimensions=1)),
        (rng.random((2, 9, 4), dtype=np.float32), np.array([[1, 1, 1]], np.int64), np.array([3.0], np.float32)),
        (rng.random((1, 1, 4)).astype(np.float64), np.zeros((0, 3), np.int64), np.zeros(0, np.float32)),  # float64
        (rng.random((3, 4), dtype=np.float32), np.array([[0, 0, 1]], np.int64), np.array([1.0], np.float32)),  # rank 2
        (rng.random((1, 2, 5), dtype=np.float32), np.array([[0, 0, 1]], np.int64), np.array([1.0], np.float32)),
        ([[[1.0, 2.0, 3.0, 4.0]]], [[0, 0, 0]], [1.5]),  # lists, converted as TensorFlow converts them
    ]  # fmt: skip


def _predictions(model: Any) -> list[Any]:
    from rasa.utils.tensorflow.models import RasaModel

    out: list[Any] = []
    for batch in _batches():
        try:
            outputs = RasaModel._rasa_predict(model, batch)
            out.append({k: (v if isinstance(v, dict) else v.tolist()) for k, v in outputs.items()})
        except Exception as error:  # noqa: BLE001 – a batch the signature (or eager TensorFlow) refuses: the same error
            out.append((type(error).__name__, str(error)))
    return out


@pytest.mark.parametrize("eager", [False, True])
def test_model_predictions_are_the_same_on_the_concrete_function(eager: bool) -> None:
    import numpy as np

    def normalised(predictions: list[Any]) -> str:
        return json.dumps(predictions, default=lambda x: np.asarray(x).tolist())

    before = _predictions(_Model(eager))  # the first call traces the tf.function, as Rasa does
    rasa_patches.install()
    model = _Model(eager)
    first = _predictions(model)
    if not eager:
        model._tf_predict_step = _CountedFunction(model._tf_predict_step)
    again = _predictions(model)
    assert normalised(first) == normalised(before)
    assert normalised(again) == normalised(before)
    # The signature refuses rank 2 and 5 features wide (traced on 4), then and now; eager, float64 and lists fail.
    assert [isinstance(p, tuple) for p in before] == [False, False, eager, not eager, not eager, eager]
    if not eager:
        assert model._tf_predict_step.calls == 2  # only the refused batches went to the tf.function


@pytest.mark.slow
async def test_the_models_intent_rankings_and_entities_are_the_same_on_the_concrete_function(
    trained_model: Path,
) -> None:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    texts: list[str] = []
    for path in sorted((ROOT / "tests/conversations").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += [m["text"] for m in data.get("messages", [])]
        texts += [t["text"] for c in data.get("conversations", []) for t in c.get("turns", [])]
    texts = texts[::4]  # every text: by hand, BENCHMARKS.md
    agent = Agent.load(str(trained_model))
    assert agent.processor is not None

    async def parses() -> list[Any]:
        assert agent.processor is not None
        out = []
        for text in texts:
            parse = await agent.processor.parse_message(UserMessage(text, sender_id="x"))
            out.append((parse["intent"], parse["intent_ranking"], parse["entities"]))
        return out

    before = await parses()
    rasa_patches.install()
    assert await parses() == before


# RulePolicy's states -------------------------------------------------------------------------------------------------


def _conversation_tracker(domain: Domain) -> DialogueStateTracker:
    from rasa.shared.core.events import ActionExecuted, SlotSet

    tracker = DialogueStateTracker("user", domain.slots)
    for event in [
        ActionExecuted("action_listen"),
        UserUttered("telefon nienburg", {"name": "ask_contact", "confidence": 0.9},
                    [{"entity": "district", "value": "nienburg", "start": 8, "end": 16}]),
        ActionExecuted("action_answer"),
        SlotSet("district", "nienburg"),
        ActionExecuted("action_listen"),
        UserUttered("und die mail?", {"name": "ask_contact", "confidence": 0.8}),
    ]:  # fmt: skip
        tracker.update(event)
    return tracker


def test_fresh_states_equal_the_built_ones_and_share_nothing_changeable() -> None:
    import copy

    states = [{"user": {"intent": "a", "entities": ("district",), "odd": ["x"]}, "slots": {"district": (1.0,)}}, {}]
    fresh = rasa_patches._fresh_states(states)
    assert fresh == copy.deepcopy(states)
    del fresh[0]["user"]["intent"]
    fresh[0]["user"]["odd"].append("y")
    assert states[0]["user"] == {"intent": "a", "entities": ("district",), "odd": ["x"]}


def test_a_predictions_states_are_built_once_and_come_out_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer
    from rasa.shared.core.events import ActionExecuted

    domain = Domain.load(str(ROOT / "domain.yml"))
    featurizer = MaxHistoryTrackerFeaturizer(max_history=None)

    def both_ways(tracker: DialogueStateTracker) -> list[Any]:
        return [featurizer.prediction_states([tracker], domain, use_text_for_last_user_input=text, rule_only_data={})
                for text in (True, False, True)]  # fmt: skip

    before = both_ways(_conversation_tracker(domain))
    assert before[0] != before[1]  # the text and the intent variants differ: each is changed from its own copy
    rasa_patches.install()
    replays: list[int] = []
    states: list[int] = []
    history, active = Domain.states_for_tracker_history, Domain.get_active_state
    monkeypatch.setattr(Domain, "states_for_tracker_history", lambda *a, **k: replays.append(1) or history(*a, **k))
    monkeypatch.setattr(Domain, "get_active_state", lambda *a, **k: states.append(1) or active(*a, **k))
    tracker = _conversation_tracker(domain)
    assert both_ways(tracker) == before  # outside a RulePolicy prediction: built by Rasa every time
    assert len(replays) == 3
    states.clear()
    token = rasa_patches._STATES_IN_PREDICTION.set({})  # as RulePolicy._predict sets it
    try:
        assert both_ways(tracker) == before
        assert len(states) == 4  # once: before each of the 3 actions, and after them
        other_rule_only_data = {"rule_only_slots": ["district"], "rule_only_loops": []}
        featurizer.prediction_states([tracker], domain, rule_only_data=other_rule_only_data)
        assert len(states) == 5  # other rule-only data: asked anew, nothing replayed again
        tracker.update(ActionExecuted("action_answer"))  # the next prediction: only the new event replayed
        after_action = featurizer.prediction_states([tracker], domain, rule_only_data={})
        assert len(states) == 7
    finally:
        rasa_patches._STATES_IN_PREDICTION.reset(token)
    assert len(replays) == 3
    assert after_action == featurizer.prediction_states([tracker], domain, rule_only_data={})


def test_continued_states_are_the_states_rasa_builds_as_a_conversation_goes_on() -> None:
    from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer
    from rasa.shared.core.events import (
        ActionExecuted,
        ActionReverted,
        ActiveLoop,
        Restarted,
        SessionStarted,
        SlotSet,
        UserUtteranceReverted,
    )  # fmt: skip

    domain = Domain.load(str(ROOT / "domain.yml"))
    featurizer = MaxHistoryTrackerFeaturizer(max_history=None)
    tracker = _conversation_tracker(domain)
    rasa_patches.install()
    steps = [
        ActionExecuted("action_answer"), SlotSet("district", "goslar"), ActionExecuted("action_listen"),
        UserUttered("hallo", {"name": "greet", "confidence": 1.0}), UserUtteranceReverted(),
        ActionExecuted("action_listen"), UserUttered("hotline", {"name": "ask_hotline", "confidence": 0.9}),
        ActionExecuted("action_two_stage_fallback"), ActiveLoop("action_two_stage_fallback"), ActionReverted(),
        ActiveLoop(None), SlotSet("district", None), Restarted(), ActionExecuted("action_listen"),
        SessionStarted(), ActionExecuted("action_listen"), UserUttered("wo", {"name": "ask_contact", "confidence": 1}),
    ]  # fmt: skip
    for event in steps:
        tracker.update(event)
        for text in (True, False):
            token = rasa_patches._STATES_IN_PREDICTION.set({})
            try:
                ours = featurizer.prediction_states([tracker], domain, use_text_for_last_user_input=text)
            finally:
                rasa_patches._STATES_IN_PREDICTION.reset(token)
            assert ours == featurizer.prediction_states([tracker], domain, use_text_for_last_user_input=text), event
    fresh = _conversation_tracker(domain)  # another tracker object: its own replay
    token = rasa_patches._STATES_IN_PREDICTION.set({})
    try:
        ours = featurizer.prediction_states([fresh], domain)
    finally:
        rasa_patches._STATES_IN_PREDICTION.reset(token)
    assert ours == featurizer.prediction_states([fresh], domain)


# Debug log arguments -------------------------------------------------------------------------------------------------


def test_only_debug_log_arguments_use_copy_in_the_patched_modules() -> None:
    source = """import copy
def f(events):
    structlogger.debug("a", rasa_events=copy.deepcopy(events))
    logger.debug("b", x=copy.deepcopy(events))
    return copy.copy(events), structlogger.debug("c", copy.deepcopy(events))
"""
    assert sorted(rasa_patches._copies_outside_debug_lines(source)) == [4, 5, 5]


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO, logging.WARNING])
def test_debug_log_arguments_are_copied_exactly_when_debug_lines_are_written(
    level: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rasa.core.processor
    import structlog

    written: list[Any] = []

    class Collect:
        def msg(self, **event: Any) -> None:
            written.append(event)

        debug = info = msg

    logger = structlog.wrap_logger(
        Collect(), processors=[lambda _, __, event: event], wrapper_class=structlog.make_filtering_bound_logger(level)
    )
    monkeypatch.setattr(rasa.core.processor, "structlogger", logger)
    rasa_patches.install()
    events = [{"event": "slot", "value": ["nienburg"]}]
    copied = rasa.core.processor.copy.deepcopy(events)
    rasa.core.processor.structlogger.debug("processor.actions.log", rasa_events=copied)
    events[0]["value"].append("changed later")
    if level == logging.DEBUG:
        assert copied is not events
        assert written == [
            {"event": "processor.actions.log", "rasa_events": [{"event": "slot", "value": ["nienburg"]}]}
        ]
    else:
        assert copied is events  # the line is dropped unread: nothing to copy
        assert written == []
    assert rasa.core.processor.copy.copy is __import__("copy").copy


# Feature copies -----------------------------------------------------------------------------------------------------


def _feature_lists() -> list[list[Features]]:
    import numpy as np

    def sparse(n: int) -> Features:
        return Features(_coo(3, n, 0.4, "float64", n), "sequence", "text", f"sparse{n}")

    def dense(n: int) -> Features:
        return Features(np.arange(3.0 * n).reshape(3, n), "sentence", "text", [f"dense{n}"])

    return [[sparse(5)], [sparse(5), sparse(7), sparse(2)], [dense(4)], [dense(4), dense(6)], [sparse(4), dense(3)]]


def _described(features: Features | None) -> Any:
    if features is None:
        return None
    matrix = features.features
    values = matrix.toarray().tolist() if hasattr(matrix, "toarray") else matrix.tolist()
    return (type(matrix).__name__, str(matrix.dtype), matrix.shape, values, features.type, features.attribute,
            features.origin, features.fingerprint())  # fmt: skip


def _combined_each_way() -> list[Any]:
    from rasa.shared.nlu.training_data.message import Message

    out: list[Any] = []
    for features in _feature_lists():
        matrices = [f.features for f in features]
        try:
            combined = Message._combine_features(features, ["a", "b"])
        except ValueError as error:
            out.append(str(error))
            continue
        assert all(combined.features is not m for m in matrices)  # the result never shares an input's matrix
        assert [f.features for f in features] == matrices
        out.append(_described(combined))
    return out


def test_combined_features_are_as_before_and_share_no_matrix() -> None:
    before = _combined_each_way()
    rasa_patches.install()
    assert _combined_each_way() == before
    assert isinstance(before[-1], str)  # sparse with dense: refused as before


def test_fake_features_are_as_before() -> None:
    from rasa.utils.tensorflow import model_data_utils

    def fakes() -> list[Any]:
        lists = [[None, features] for features in _feature_lists()]
        return [[_described(f) for f in model_data_utils._create_fake_features([[None], lists[i]])] for i in range(5)]

    before = fakes()
    rasa_patches.install()
    assert fakes() == before
