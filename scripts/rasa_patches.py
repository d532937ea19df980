"""Patches of Rasa 3.6 internals, each guarded by a check of the internals it patches: speed, and one dialogue fix.

The speed patches change no behaviour (tests/test_rasa_patches.py); scripts/rasa_server.py installs them
before it runs `rasa`:

- jsonschema.validate() checks the *schema* against its meta-schema on every call
  before it checks the data. Rasa calls it on every message (parse data, every
  action result, every NLG response) with its own constant schemas: ~40 % of Rasa's
  CPU. Here each distinct schema is checked once, then only the data is validated;
  invalid data still raises exactly as before.
- Loading a conversation looks up each stored event's class by walking all
  subclasses of Event, per event (~10 %). The classes are fixed once Rasa has
  imported them, so the walk is cached per class.
- The SQLite tracker store commits twice per message, each with an fsync. In WAL
  mode with synchronous=NORMAL a commit needs no fsync and survives a crash or
  kill -9 of any process (only a power cut can lose the last commits); readers
  (the action server's /delete_me and purge) no longer block Rasa's writes.

- Every action result is validated against Rasa's events schema, whose `oneOf` tries each of the
  23 event types on each event (~4 % of Rasa's CPU at concurrency 16, once the NLG calls were gone).
  The event types are told apart by their `event` name, so an event is valid exactly when it is
  valid for the one type of that name: that is checked first, with validators built once. Anything
  it does not find valid goes to Rasa's own validation, which raises the same error as before.

- Rasa runs its NLU and its policies as dask graphs: per message, two graphs are built and dask orders,
  schedules and runs their nodes one by one in this thread (~6 % of Rasa's CPU besides the nodes themselves).
  The graphs are fixed once the model is loaded, so each target's nodes are put in order once and then called
  in that order with the same arguments dask would pass: the same results and the same errors.
- Every call to the action server (and to the NLG endpoint) opened a new aiohttp ClientSession, and with it a
  new TCP connection, and closed both again (~2 % of Rasa's CPU, and a connection accepted per call by the
  action server). Each endpoint now keeps one session per event loop and reuses its connections; the
  request itself is Rasa's, unchanged. The sessions are closed when the server stops.

- Each parsed message is checked against the domain, which first asks `Domain.is_empty()`: that builds a new
  empty Domain per call to compare with (~1.5 % of Rasa's CPU). An empty domain's `as_dict()` depends on
  Rasa's code only, so it is built once; the domain in hand is still compared every time.
- The lookup tables (districts, towns: thousands of names) are two regexes of the form `(\bname\b|…)`,
  which RegexFeaturizer and RegexEntityExtractor run over each message (~15 % of Rasa's CPU): at every
  position the regex engine tries every name. A name can only match where the text has its first letter,
  so each position now tries only the names whose first letter matches the character there (as the
  regex engine itself compares it, case-insensitive or not), in their original order: the same matches.
  A regex not of that form is run as before.

- DIET joins each message's sparse features (the count vectors, the regex and lexical features) with scipy's
  `hstack`, whose general `bmat` path costs ~0.2 ms a join (~7 % of Rasa's CPU). Two COO matrices with the
  same rows are joined here the way `bmat` does it (the same dtypes, index dtype, order and checks in the
  final `coo_matrix`), without its general set-up; anything else goes to `hstack` as before.
- DIET calls its traced tf.function with the message's numpy arrays: per call TensorFlow converts them to tensors,
  binds them to the Python signature and looks the concrete function up again (~1 ms a message, ~8 % of Rasa's
  CPU, more than running the graph). Once traced, the arrays are converted as that call converts them (to the
  input_signature's dtypes) and the function's one concrete function is called with them: the same graph on the
  same tensors (identical rankings on every test text). Eager models and inputs the signature refuses take Rasa's
  own path.
- RulePolicy predicts twice per prediction (from the message's text, then from its intent), and each time builds
  the window's dialogue states by replaying all its events on a new tracker; a message has two predictions (before
  and after its action), so the window was replayed three times (~5 % of Rasa's CPU). Within one prediction the
  states are built once per tracker (as long as its events did not change), and the next prediction on the same
  tracker goes on with the replay where the last one stopped when the events it replayed are still the first
  applied ones (the same objects); each call gets its own copy, which the featurizer then changes as before.
- Rasa deep-copies the arguments of its debug log lines (the events of each action, the parse data, the rule
  states) before the logger, at INFO, throws the line away unread. In the modules where `copy` serves only such
  arguments (checked in their source), the deep copy is made only when the logger writes debug lines.
- DIET's input deep-copies each message's first features to combine the others into, and each feature again to make
  an empty stand-in, and then replaces the copied matrix (~2 % of Rasa's CPU). The copies are made as before but
  keep the original matrix until it is replaced; a copy whose matrix would not be replaced is a full copy.

One patch fixes dialogue, not speed: Rasa's two-stage fallback reverts the whole turn it started on
when the next message is clear, including the slots that turn's answer set. Our first stage often
answers in full (a decline with the district's contacts, the last topic for a new place), so the
district it remembered was lost ("а если в Нинбурге?" answered for Nienburg, then "адрес какой у них"
asked for the district again). The revert is kept; the reverted turn's slots are set again after it.

One more guard has nothing to apply here: the tracker store endpoints.yml configures,
scripts/windowed_tracker_store.py (a bounded window of each conversation, issue 15), relies on
SQLTrackerStore's save/_retrieve and on Rasa saving the very tracker object it retrieved. It is
checked with the patches at start-up and again when Rasa builds the store.

`install()` checks every guard before it applies any patch. A guard that fails raises
RasaPatchError naming the patch, what changed and the installed Rasa version, so Rasa
does not start with a patch on code it no longer fits (or silently without it): after
upgrading Rasa or jsonschema, re-check the patch against the new code, then update the
expected source hash here or drop the patch.
"""

from __future__ import annotations

import ast
import asyncio
import contextvars
import copy
import hashlib
import importlib
import importlib.util
import inspect
import json
import logging
import os
import re
import sre_constants
import sre_parse
import ssl
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import sqlalchemy
import sqlalchemy.event
from jsonschema import exceptions, validators

WRITTEN_FOR = "Rasa 3.6.21 with jsonschema 4.17.3, SQLAlchemy 1.4, dask 2022.10, scipy 1.10 and TensorFlow 2.12"
# sha256 of inspect.getsource() of the functions the patches replace or wrap, as written for.
JSONSCHEMA_VALIDATE_SHA256 = "dc1e7e6a0aee8a4e5f3fbf9ace69e843f0ee3732fa4ee270da51f731037b2a74"
ALL_SUBCLASSES_SHA256 = "28c2e6df9c15daea296f630b83d0b2391636581164056082458a32647d6761d1"
# Where Rasa calls what is patched: (module, function, text the function must contain so the patch reaches it).
VALIDATE_CALLERS = [
    ("rasa.core.actions.action", "RemoteAction._validate_action_result", "from jsonschema import validate"),
    ("rasa.core.nlg.callback", "CallbackNaturalLanguageGenerator.validate_response", "from jsonschema import validate"),
    ("rasa.shared.utils.validation", "validate_training_data", "from jsonschema import validate"),
]
SUBCLASSES_CALLERS = [
    ("rasa.shared.core.events", "Event.resolve_by_type", "rasa.shared.utils.common.all_subclasses(Event)"),
]
# RemoteAction._validate_action_result as written for (the fast path stands in front of it).
VALIDATE_ACTION_RESULT_SHA256 = "f8cdb4be6812396167ced74161b2ccd65c5ea676ad86d7d359d8c322d9d8dc42"
# The keywords of Rasa's event schema the fast path knows how to split (everything but oneOf is kept per type).
EVENT_SCHEMA_KEYWORDS = {"type", "properties", "required", "oneOf"}
ENGINE_CREATORS = [
    ("rasa.core.tracker_store", "SQLTrackerStore.__init__", "sa.create_engine("),
]
# scripts/windowed_tracker_store.py: what WindowedSQLTrackerStore re-implements (save, _retrieve), calls
# (_event_query, _additional_events), and the path by which one tracker object goes from retrieve to save.
WINDOWED_STORE_SHA256 = {
    "SQLTrackerStore.save": "57165e46eab3de0866e77f03df0bf7fd5eac2c1de617ed431b934c9a4edfeef6",
    "SQLTrackerStore._retrieve": "c8adbf6f4b61ddd1124690944ebdf2ebc82d0723bd07c6704caab0b80120a0ef",
    "SQLTrackerStore._additional_events": "d22f99eb863acb07afee63d9fe3a04ca8464251e67a43eb7d36c2d65ffc1653f",
    "SQLTrackerStore._event_query": "cd44f7901b860bfd598a813bde17d0d5b0d7bab129feaf76bb2dca87d628625b",
}
WINDOWED_STORE_CALLERS = [
    ("rasa.core.tracker_store", "TrackerStore.get_or_create_tracker", "tracker = await self.retrieve(sender_id)"),
    ("rasa.core.processor", "MessageProcessor.get_tracker", "await self.tracker_store.get_or_create_tracker("),
    ("rasa.core.processor", "MessageProcessor.handle_message", "await self.save_tracker(tracker)"),
    ("rasa.core.processor", "MessageProcessor.save_tracker", "await self.tracker_store.save(tracker)"),
]


# DaskGraphRunner as written for: what run_in_order re-implements (the run, its dask graph and its inputs).
GRAPH_RUNNER_SHA256 = {
    "run": "45f0f52f574f3aa9546a552bf671183e171092c18b66e97f5771a7fa295de37e",
    "_build_dask_graph": "5bb99f974d512a36acb61caaf77aafc851b90c04ce4d02c262f230c75086cbee",
    "_add_inputs_to_graph": "d04a0ca2df6241c16997b89d63e2ca89cd1d43bd5f9920843a2a86cb4286ac73",
}
# EndpointConfig.request and .session as written for (request_with_kept_session is request with a kept session),
# and where Rasa closes its resources when the server stops.
ENDPOINT_SHA256 = {
    "request": "ccdb778aed8208e23cde3c3f47eac7fbbbb735dac8f7ef7254d54451c64ad608",
    "session": "e55aa13d9d4fb4bc440ac33b870a97ee162b76dda7ccb6bf68433567475fdffb",
}
# Domain.is_empty as written for; the lookup-table regexes' callers as written for (they call re.finditer on
# their module's `re` with each pattern's text and flags).
DOMAIN_IS_EMPTY_SHA256 = "884be90ef485f1d2c0f140657a47f106a7d2785b63b03e46cd699b4072e95369"
REGEX_CALLERS_SHA256 = {
    ("rasa.nlu.featurizers.sparse_featurizer.regex_featurizer", "RegexFeaturizer._features_for_patterns"): (
        "f20625ccda14b03f22c124a47474635784c81a4f7ba61ab3ace0c6e70c9d3ecd"
    ),
    ("rasa.nlu.extractors.regex_entity_extractor", "RegexEntityExtractor._extract_entities"): (
        "1d9ce86b0be2a1981e57ca9b1cf0348ecf303a862a4d7aa2d7255e39cc288f34"
    ),
}
# Features._combine_sparse_features and the scipy code whose result join_coo reproduces, as written for.
SPARSE_JOIN_SHA256 = {
    ("rasa.shared.nlu.training_data.features", "Features._combine_sparse_features"): (
        "9837d864e5983243704cf14616ef9abe181c6f141cc0f9b324c4310629cc133d"
    ),
    ("scipy.sparse._construct", "bmat"): "eef3fe6a0159851d7229846c882616e6f6c74f9f30f12012a4d3b082fd3969e6",
    ("scipy.sparse._construct", "hstack"): "b683cdf555c3d7301614fd94bf94511ddb707d260e9e1d525dc53dd620e4b886",
}
SERVER_STOP_CALLERS = [
    ("rasa.core.run", "serve_application", 'app.register_listener(close_resources, "after_server_stop")'),
]

logger = logging.getLogger(__name__)


class RasaPatchError(RuntimeError):
    """A speed patch no longer fits the installed Rasa (or jsonschema, SQLAlchemy): Rasa must not start."""


def _rasa_version() -> str:
    try:
        from rasa.version import __version__
    except ImportError:
        return "not importable"
    return str(__version__)


def _sha256_of_source(function: Any) -> str | None:
    try:
        return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()
    except (OSError, TypeError):
        return None


def _source_of(module: str, qualname: str) -> str | None:
    """Source of `qualname` (a function or Class.method) in `module`, read from its file without importing it."""
    try:
        spec = importlib.util.find_spec(module)
    except ModuleNotFoundError:
        return None
    if spec is None or spec.origin is None:
        return None
    text = Path(spec.origin).read_text(encoding="utf-8")
    node: ast.AST = ast.parse(text)
    for name in qualname.split("."):
        found = next(
            (
                child
                for child in ast.iter_child_nodes(node)
                if isinstance(child, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and child.name == name
            ),
            None,
        )
        if found is None:
            return None
        node = found
    return ast.get_source_segment(text, node)


def _callers_problem(callers: list[tuple[str, str, str]]) -> str | None:
    for module, qualname, needed in callers:
        source = _source_of(module, qualname)
        if source is None:
            return f"{module}.{qualname} is gone"
        if needed not in source:
            return f"{module}.{qualname} no longer contains {needed!r}"
    return None


# 1. jsonschema: the meta-schema check once per distinct schema ---------------------------------------------------

_CHECKED_SCHEMAS: set[str] = set()


def validate_checking_each_schema_once(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """jsonschema.validate with the meta-schema check done once per distinct schema."""
    if cls is None:
        cls = validators.validator_for(schema)
    key = json.dumps(schema, sort_keys=True, default=str)
    if key not in _CHECKED_SCHEMAS:
        cls.check_schema(schema)
        _CHECKED_SCHEMAS.add(key)
    error = exceptions.best_match(cls(schema, *args, **kwargs).iter_errors(instance))
    if error is not None:
        raise error


def _jsonschema_problem() -> str | None:
    if _sha256_of_source(getattr(jsonschema, "validate", None)) != JSONSCHEMA_VALIDATE_SHA256:
        return "jsonschema.validate is missing or not the code validate_checking_each_schema_once re-implements"
    # Rasa imports `validate` from jsonschema inside each function, so the module attribute is what counts.
    return _callers_problem(VALIDATE_CALLERS)


def _apply_jsonschema() -> None:
    jsonschema.validate = validate_checking_each_schema_once


# 2. Event classes: the subclass walk cached per class ------------------------------------------------------------


def _subclasses_problem() -> str | None:
    import rasa.shared.utils.common as common

    if _sha256_of_source(getattr(common, "all_subclasses", None)) != ALL_SUBCLASSES_SHA256:
        return "rasa.shared.utils.common.all_subclasses is missing or no longer the plain subclass walk"
    return _callers_problem(SUBCLASSES_CALLERS)


def _apply_subclasses() -> None:
    import rasa.shared.utils.common as common

    walk = common.all_subclasses
    cache: dict[Any, list[Any]] = {}

    def all_subclasses_cached(cls: Any) -> list[Any]:
        if cls not in cache:
            cache[cls] = walk(cls)
        return list(cache[cls])

    common.all_subclasses = all_subclasses_cached


# 3. SQLite tracker store: WAL without an fsync per commit --------------------------------------------------------


def _sqlite_wal(dbapi_connection: Any, _record: Any) -> None:
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def _sqlite_wal_problem() -> str | None:
    if not hasattr(getattr(sqlalchemy, "engine", None), "Engine"):
        return "sqlalchemy.engine.Engine is missing"
    if not hasattr(getattr(getattr(sqlalchemy, "events", None), "PoolEvents", None), "connect"):
        return "SQLAlchemy's pool 'connect' event is missing"
    # The listener is on every Engine: it reaches the tracker store's connections only if Rasa makes an Engine.
    return _callers_problem(ENGINE_CREATORS)


def _apply_sqlite_wal() -> None:
    sqlalchemy.event.listen(sqlalchemy.engine.Engine, "connect", _sqlite_wal)


# 4. The windowed tracker store (scripts/windowed_tracker_store.py): a guard only --------------------------------


def _windowed_store_problem() -> str | None:
    try:
        from rasa.core.tracker_store import SQLTrackerStore
    except ImportError as error:
        return f"rasa.core.tracker_store.SQLTrackerStore does not import ({error})"
    for qualname, expected in WINDOWED_STORE_SHA256.items():
        if _sha256_of_source(getattr(SQLTrackerStore, qualname.split(".")[1], None)) != expected:
            return f"rasa.core.tracker_store.{qualname} is missing or changed (scripts/windowed_tracker_store.py)"
    return _callers_problem(WINDOWED_STORE_CALLERS)


# 5. Action results: each event validated against its own event type ----------------------------------------------


def _split_action_result_schema(spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]] | None:
    """(the result's schema without the events' items, {event name: schema of that event type}); None when Rasa's
    schema is not an array of events told apart by a required, unique `event` name."""
    events = spec.get("properties", {}).get("events")
    if not isinstance(events, dict) or events.get("type") != "array" or not isinstance(events.get("items"), dict):
        return None
    event = events["items"]
    if set(event) - EVENT_SCHEMA_KEYWORDS or "event" not in event.get("required", []):
        return None
    base = {k: v for k, v in event.items() if k != "oneOf"}
    by_name: dict[str, dict[str, Any]] = {}
    for option in event.get("oneOf", []):
        name = option.get("properties", {}).get("event", {}).get("const") if isinstance(option, dict) else None
        if not isinstance(name, str) or name in by_name:
            return None
        by_name[name] = {"allOf": [base, option]}
    if not by_name:
        return None
    rest = {**spec, "properties": {**spec["properties"], "events": {"type": "array"}}}
    return rest, by_name


def _action_result_problem() -> str | None:
    try:
        from rasa.core.actions.action import RemoteAction
    except ImportError as error:
        return f"rasa.core.actions.action.RemoteAction does not import ({error})"
    if _sha256_of_source(getattr(RemoteAction, "_validate_action_result", None)) != VALIDATE_ACTION_RESULT_SHA256:
        return "RemoteAction._validate_action_result is missing or changed"
    if _split_action_result_schema(RemoteAction.action_response_format_spec()) is None:
        return "RemoteAction.action_response_format_spec is no longer an array of events told apart by their name"
    return None


def _apply_action_result() -> None:
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result
    split = _split_action_result_schema(RemoteAction.action_response_format_spec())
    assert split is not None  # the guard checked it
    rest_schema, event_schemas = split
    new = validators.validator_for(rest_schema)
    for schema in (rest_schema, *event_schemas.values()):
        new.check_schema(schema)
    rest = new(rest_schema)
    by_name = {name: new(schema) for name, schema in event_schemas.items()}

    def valid_for_its_type(event: Any) -> bool:
        name = event.get("event") if isinstance(event, dict) else None
        validator = by_name.get(name) if isinstance(name, str) else None
        return validator is not None and validator.is_valid(event)

    def validate_each_event_by_its_type(self: Any, result: dict[str, Any]) -> bool:
        if rest.is_valid(result) and all(map(valid_for_its_type, result.get("events", []))):
            return True
        return original(self, result)  # Rasa's own validation: the same error as before

    RemoteAction._validate_action_result = validate_each_event_by_its_type


# 6. The graph runner: each target's nodes ordered once, then called in order without dask ---------------------------


def _graph_runner_problem() -> str | None:
    try:
        from rasa.engine.runner.dask import DaskGraphRunner
    except ImportError as error:
        return f"rasa.engine.runner.dask.DaskGraphRunner does not import ({error})"
    for name, expected in GRAPH_RUNNER_SHA256.items():
        if _sha256_of_source(getattr(DaskGraphRunner, name, None)) != expected:
            return f"DaskGraphRunner.{name} is missing or changed"
    return None


def _run_order(runner: Any, targets: tuple[str, ...]) -> tuple[set[str], list[tuple[str, Any, tuple[str, ...]]]]:
    """(the node names of `targets`' minimal graph, [(node name, node, the names of its inputs)] in an order where
    every node comes after the nodes it needs), as DaskGraphRunner.run builds that graph."""
    schema = runner._graph_schema.minimal_graph_schema(list(targets))
    ordered: list[tuple[str, Any, tuple[str, ...]]] = []
    placed: set[str] = set()

    def place(name: str) -> None:
        if name in placed or name not in schema.nodes:  # an input placeholder (or a name dask passes as it is)
            return
        placed.add(name)
        needs = tuple(schema.nodes[name].needs.values())
        for need in needs:
            place(need)
        ordered.append((name, runner._instantiated_nodes[name], needs))

    for target in targets:
        place(target)
    for name in schema.nodes:  # none by construction (a minimal graph); dask would run them all the same
        place(name)
    return set(schema.nodes), ordered


def _apply_graph_runner() -> None:
    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.runner.dask import DaskGraphRunner

    orders: weakref.WeakKeyDictionary[Any, dict[tuple[str, ...], Any]] = weakref.WeakKeyDictionary()
    runner_logger = logging.getLogger("rasa.engine.runner.dask")

    def run_in_order(
        self: Any, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
    ) -> dict[str, Any]:
        run_targets = targets if targets else self._graph_schema.target_names
        by_targets = orders.setdefault(self, {})
        key = tuple(run_targets)
        if key not in by_targets:
            by_targets[key] = _run_order(self, key)
        names, ordered = by_targets[key]
        # As dask's graph has them: each input is (its name, its value); an input that names a node is refused.
        values: dict[str, Any] = {}
        given = inputs or {}
        for input_name, input_value in given.items():
            if isinstance(input_value, str) and (input_value in names or input_value in values):
                raise GraphRunError(
                    f"Input value '{input_value}' clashes with a node name. Make sure "
                    f"that none of the input names passed to the `run` method are the "
                    f"same as node names in the graph schema."
                )
            values[input_name] = (input_name, input_value)
        if runner_logger.isEnabledFor(logging.DEBUG):
            runner_logger.debug(
                f"Running graph with inputs: {inputs}, targets: {targets} and {self._execution_context}."
            )
        try:
            for name, node, needs in ordered:
                if name not in given:  # an input named like a node replaces it in dask's graph
                    values[name] = node(*(values.get(need, need) for need in needs))
            return dict(values[target] for target in run_targets)
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e

    DaskGraphRunner.run = run_in_order


# 7. Endpoints: one aiohttp session per endpoint and event loop, its connections reused ------------------------------

_KEPT_SESSIONS: weakref.WeakSet[Any] = weakref.WeakSet()


def _endpoint_problem() -> str | None:
    try:
        from rasa.utils.endpoints import EndpointConfig
    except ImportError as error:
        return f"rasa.utils.endpoints.EndpointConfig does not import ({error})"
    for name, expected in ENDPOINT_SHA256.items():
        if _sha256_of_source(getattr(EndpointConfig, name, None)) != expected:
            return f"EndpointConfig.{name} is missing or changed"
    return _callers_problem(SERVER_STOP_CALLERS)


def kept_session(endpoint: Any) -> Any:
    """`endpoint`'s aiohttp session for the running event loop, made as EndpointConfig.session() makes one (its
    headers, basic auth and timeout) the first time, with no limit on connections at once (a session per call had
    none either). Sessions are per loop: a session cannot serve another loop."""
    import aiohttp

    loop = asyncio.get_running_loop()
    kept = endpoint.__dict__.get("_kept_session")
    if kept is not None and kept[0] is loop and not kept[1].closed:
        return kept[1]
    auth = None
    if endpoint.basic_auth:
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT

    session = aiohttp.ClientSession(
        headers=endpoint.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        connector=aiohttp.TCPConnector(limit=0),
    )
    endpoint.__dict__["_kept_session"] = (loop, session)
    _KEPT_SESSIONS.add(session)
    return session


async def close_kept_sessions() -> None:
    """Close the kept sessions of the running event loop (when the server stops)."""
    loop = asyncio.get_running_loop()
    for session in list(_KEPT_SESSIONS):
        if not session.closed and session._loop is loop:
            await session.close()


async def request_with_kept_session(
    self: Any,
    method: str = "post",
    subpath: str | None = None,
    content_type: str | None = "application/json",
    compress: bool = False,
    **kwargs: Any,
) -> Any:
    """EndpointConfig.request, line for line, on the endpoint's kept session instead of a new one per call."""
    from rasa.shared.exceptions import FileNotFoundException
    from rasa.utils.endpoints import ClientResponseError, ContentTypeError, concat_url

    headers = {}
    if content_type:
        headers["Content-Type"] = content_type

    if "headers" in kwargs:
        headers.update(kwargs["headers"])
        del kwargs["headers"]

    if self.headers:
        headers.update(self.headers)

    url = concat_url(self.url, subpath)

    sslcontext = None
    if self.cafile:
        try:
            sslcontext = ssl.create_default_context(cafile=self.cafile)
        except FileNotFoundError as e:
            raise FileNotFoundException(
                # Rasa's message, word for word.
                f"Failed to find certificate file, '{os.path.abspath(self.cafile)}' does not exist."  # noqa: ASYNC240, PTH100
            ) from e

    session = kept_session(self)
    async with session.request(
        method,
        url,
        headers=headers,
        params=self.combine_parameters(kwargs),
        compress=compress,
        ssl=sslcontext,
        **kwargs,
    ) as response:
        if response.status >= 400:
            raise ClientResponseError(response.status, response.reason, await response.content.read())
        try:
            return await response.json()
        except ContentTypeError:
            return None


def _apply_endpoint() -> None:
    import rasa.core.run
    from rasa.utils.endpoints import EndpointConfig

    close_resources = rasa.core.run.close_resources

    async def close_resources_and_kept_sessions(app: Any, loop: Any) -> None:
        try:
            await close_resources(app, loop)
        finally:
            await close_kept_sessions()

    EndpointConfig.request = request_with_kept_session
    rasa.core.run.close_resources = close_resources_and_kept_sessions


# 8. Domain.is_empty: the empty domain built once ------------------------------------------------------------------


def _domain_is_empty_problem() -> str | None:
    from rasa.shared.core.domain import Domain

    if _sha256_of_source(getattr(Domain, "is_empty", None)) != DOMAIN_IS_EMPTY_SHA256:
        return "Domain.is_empty is missing or changed"
    return None


def _apply_domain_is_empty() -> None:
    from rasa.shared.core.domain import Domain

    empty: list[dict[str, Any]] = []

    def is_empty(self: Any) -> bool:
        """Check whether the domain is empty."""
        if not empty:
            empty.append(Domain.empty().as_dict())
        return bool(self.as_dict() == empty[0])

    Domain.is_empty = is_empty


# 9. Lookup-table regexes: at each position only the names starting with the letter there ---------------------------


def _literal_names(pattern: str) -> list[tuple[str, str]] | None:
    """[(alternative, the first letter of its name)] when `pattern` is `(\\bname\\b|…)` with every name plain text
    (as Rasa writes lookup tables), else None."""
    if not (pattern.startswith("(") and pattern.endswith(")")):
        return None
    names = pattern[1:-1].split("|")
    boundary = (sre_constants.AT, sre_constants.AT_BOUNDARY)
    found = []
    for name in names:
        try:
            items: list[tuple[Any, Any]] = [*sre_parse.parse(name).data]
        except re.error:
            return None  # e.g. a "|" inside an escape: not a plain split
        if len(items) < 3 or items[0] != boundary or items[-1] != boundary:
            return None
        if any(op != sre_constants.LITERAL for op, _ in items[1:-1]):
            return None
        found.append((name, chr(items[1][1])))
    if "(" + "|".join(names) + ")" != pattern:
        return None
    return found


# Characters whose names' regex (or None) _NamesByFirstLetter keeps; far more than the alphabets of the messages.
MAX_CHARS_KEPT = 4096


class _NamesByFirstLetter:
    """finditer for one `(\\bname\\b|…)` pattern and flags: at each position, a regex of just the names whose first
    letter the regex engine matches to the character there (in the pattern's order), built once per character."""

    def __init__(self, names: list[tuple[str, str]], flags: int) -> None:
        self.flags = flags
        self.by_first: dict[str, list[int]] = {}  # first letter as written -> indexes of the names in order
        for index, (_, first) in enumerate(names):
            self.by_first.setdefault(first, []).append(index)
        self.names = [name for name, _ in names]
        self.first_letters = {first: re.compile(re.escape(first), flags) for first in self.by_first}
        self.at: dict[str, re.Pattern[str] | None] = {}

    def _regex_at(self, char: str) -> re.Pattern[str] | None:
        if char not in self.at:
            if len(self.at) >= MAX_CHARS_KEPT:  # odd input (many distinct characters) cannot grow this without end
                self.at.clear()
            indexes = sorted(
                index
                for first, pattern in self.first_letters.items()
                if pattern.fullmatch(char)
                for index in self.by_first[first]
            )
            names = [self.names[index] for index in indexes]
            self.at[char] = re.compile("(" + "|".join(names) + ")", self.flags) if names else None
        return self.at[char]

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        """The matches re.finditer(pattern, string, flags) gives: leftmost first, each search going on at the end
        of the last match (no name is empty, so no empty match)."""
        position, end = 0, len(string)
        while position < end:
            regex = self._regex_at(string[position])
            match = regex.match(string, position) if regex is not None else None
            if match is None:
                position += 1
            else:
                yield match
                position = match.end()


class _LookupTableRe:
    """The `re` module as the regex components see it, with finditer taking the fast path for lookup tables."""

    def __init__(self) -> None:
        self._matchers: dict[tuple[str, int], _NamesByFirstLetter | None] = {}

    def finditer(self, pattern: Any, string: Any, flags: int = 0) -> Iterator[re.Match[Any]]:
        if not (isinstance(pattern, str) and isinstance(string, str)):
            return re.finditer(pattern, string, flags)
        key = (pattern, int(flags))
        if key not in self._matchers:
            names = _literal_names(pattern)
            self._matchers[key] = _NamesByFirstLetter(names, int(flags)) if names else None
        matcher = self._matchers[key]
        return matcher.finditer(string) if matcher is not None else re.finditer(pattern, string, flags)

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)


def _lookup_regex_problem() -> str | None:
    for (module_name, qualname), expected in REGEX_CALLERS_SHA256.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            return f"{module_name} does not import ({error})"
        owner = getattr(module, qualname.split(".")[0], None)
        if _sha256_of_source(getattr(owner, qualname.split(".")[1], None)) != expected:
            return f"{module_name}.{qualname} is missing or changed"
        if getattr(module, "re", None) is not re:
            return f"{module_name} no longer uses the re module as `re`"
    return None


def _apply_lookup_regex() -> None:
    shim = _LookupTableRe()
    for module_name, _ in REGEX_CALLERS_SHA256:
        importlib.import_module(module_name).re = shim  # type: ignore[attr-defined]


# 10. Sparse features joined as bmat joins them, without its set-up ---------------------------------------------------


def _source_problem(expected: dict[tuple[str, str], str]) -> str | None:
    for (module_name, qualname), sha256 in expected.items():
        try:
            found: Any = importlib.import_module(module_name)
        except ImportError as error:
            return f"{module_name} does not import ({error})"
        for name in qualname.split("."):
            found = getattr(found, name, None)
        if _sha256_of_source(found) != sha256:
            return f"{module_name}.{qualname} is missing or changed"
    return None


def join_coo(left: Any, right: Any) -> Any:
    """scipy.sparse.hstack([left, right]) for two COO matrices with the same (non-zero) number of rows and columns
    in each, computed as bmat computes it; anything else through hstack itself."""
    import numpy as np
    from scipy.sparse import coo_matrix, hstack
    from scipy.sparse._sputils import get_index_dtype, upcast

    if not (
        type(left) is coo_matrix
        and type(right) is coo_matrix
        and left.shape[0] == right.shape[0]
        and min(*left.shape, *right.shape) > 0
    ):
        return hstack([left, right])
    dtype = upcast(left.dtype, right.dtype)
    split, nnz = left.nnz, left.nnz + right.nnz
    shape = (left.shape[0], left.shape[1] + right.shape[1])
    index_dtype = get_index_dtype(maxval=max(shape))
    data = np.empty(nnz, dtype=dtype)
    row = np.empty(nnz, dtype=index_dtype)
    col = np.empty(nnz, dtype=index_dtype)
    data[:split] = left.data
    data[split:] = right.data
    np.add(left.row, 0, out=row[:split], dtype=index_dtype)
    np.add(right.row, 0, out=row[split:], dtype=index_dtype)
    np.add(left.col, 0, out=col[:split], dtype=index_dtype)
    np.add(right.col, left.shape[1], out=col[split:], dtype=index_dtype)
    return coo_matrix((data, (row, col)), shape=shape)


def _apply_sparse_join() -> None:
    from rasa.shared.nlu.training_data.features import Features

    def combine_sparse_features(self: Any, additional_features: Any) -> None:
        if self.features.shape[0] != additional_features.features.shape[0]:
            raise ValueError(
                f"Cannot combine sparse features as sequence dimensions do not "
                f"match: {self.features.shape[0]} != "
                f"{additional_features.features.shape[0]}."
            )
        self.features = join_coo(self.features, additional_features.features)
        self._cached_fingerprint = None

    Features._combine_sparse_features = combine_sparse_features


# 11. DIET's TensorFlow call: its inputs converted once, its one concrete function called --------------------------

# RasaModel._rasa_predict and _dynamic_signature as written for, and TensorFlow's conversion of a tf.function's inputs
# to its input_signature, which predict_on_concrete_function does the same way before calling the concrete function.
TF_PREDICT_SHA256 = {
    ("rasa.utils.tensorflow.models", "RasaModel._rasa_predict"): (
        "7f745b0f9cb647c9df9e5b04b318a7b93709daf9460bad4373970c6cf9f04d8f"
    ),
    ("rasa.utils.tensorflow.models", "RasaModel._dynamic_signature"): (
        "60490a3a5493f78226a2ba99708efd4bd06320379bfeff025428dc3c4ab9960d"
    ),
    ("tensorflow.python.eager.polymorphic_function.function_spec", "cast_inputs_to_signature"): (
        "41345a3bf26feec4609bf943ebbfc2e7bcf4b81ae71e7d51f9ce45b17d88fe1d"
    ),
    ("tensorflow.python.framework.tensor_conversion_registry", "_default_conversion_function"): (
        "f6ba1883f424496e404a78ca9cb7a8c9d689171e859ad3d35305b609e0ccfc54"
    ),
}


def _tf_predict_problem() -> str | None:
    problem = _source_problem(TF_PREDICT_SHA256)
    if problem is not None:
        return problem
    import numpy as np
    import tensorflow as tf
    from tensorflow.python.framework import constant_op, tensor_conversion_registry

    for name in ("convert_to_tensor", "is_tensor", "function", "constant"):
        if not callable(getattr(tf, name, None)):
            return f"tensorflow.{name} is missing"
    default = tensor_conversion_registry._default_conversion_function
    if tf.constant is not constant_op.constant or any(
        f is not default for _, f in tensor_conversion_registry.get(np.ndarray)
    ):
        return "convert_to_tensor no longer converts a numpy array with tf.constant"
    if not callable(getattr(type(tf.function(lambda: None)), "get_concrete_function", None)):
        return "a tf.function has no get_concrete_function"
    return None


def _to_tensor(value: Any, dtype_hint: Any) -> Any:
    """What TensorFlow's cast_inputs_to_signature makes of one input, `convert_to_tensor(value, dtype_hint=…)`: a
    numpy array as a constant of the hinted dtype if it converts to that, else of its own (tf.constant is that
    conversion without the dispatch and registry look-up in front); anything else through convert_to_tensor itself."""
    import numpy as np
    import tensorflow as tf

    if tf.is_tensor(value):
        return value
    if isinstance(value, np.ndarray):
        try:
            return tf.constant(value, dtype=dtype_hint)
        except (TypeError, ValueError):
            return tf.constant(value)
    return tf.convert_to_tensor(value, dtype_hint=dtype_hint)


def _apply_tf_predict() -> None:
    import tensorflow as tf
    from keras.utils import tf_utils
    from rasa.shared.constants import DIAGNOSTIC_DATA
    from rasa.utils.tensorflow.models import RasaModel

    original = RasaModel._rasa_predict
    # model -> (its tf.function, that function's one concrete function, the flat TensorSpecs of its one argument)
    concretes: weakref.WeakKeyDictionary[Any, tuple[Any, Any, tuple[Any, ...]]] = weakref.WeakKeyDictionary()

    def predict_on_concrete_function(self: Any, batch_in: Any) -> Any:
        """RasaModel._rasa_predict, once its tf.function is traced: the inputs converted to tensors as the
        tf.function converts them (to its input_signature), then its one concrete function called with them. The
        same graph on the same tensors; the tf.function's own call redoes the conversion and its signature lookup on
        every call. Anything else (eager, not yet traced, inputs not matching the signature) goes to Rasa's code."""
        function = self._tf_predict_step
        if self._run_eagerly or function is None or not self.prepared_for_prediction:
            return original(self, batch_in)
        entry = concretes.get(self)
        if entry is None or entry[0] is not function:
            concrete = function.get_concrete_function()
            args, kwargs = concrete.structured_input_signature
            plain = len(args) == 1 and not kwargs and isinstance(args[0], list)
            specs = tuple(args[0]) if plain and all(isinstance(s, tf.TensorSpec) for s in args[0]) else ()
            entry = (function, concrete, specs)
            concretes[self] = entry
        _, concrete, specs = entry
        if not specs or not isinstance(batch_in, (tuple, list)) or len(batch_in) != len(specs):
            return original(self, batch_in)
        tensors = [_to_tensor(value, spec.dtype) for value, spec in zip(batch_in, specs, strict=True)]
        self._training = False
        try:
            result = concrete(tensors)  # checks the tensors against the signature before it runs anything
        except (TypeError, ValueError):
            return original(self, batch_in)  # tensors the signature refuses: TensorFlow's own error, as before
        outputs = tf_utils.sync_to_numpy_or_python_type(result)
        if DIAGNOSTIC_DATA in outputs:
            outputs[DIAGNOSTIC_DATA] = self._empty_lists_to_none_in_dict(outputs[DIAGNOSTIC_DATA])
        return outputs

    RasaModel._rasa_predict = predict_on_concrete_function


# 12. RulePolicy: a prediction's dialogue states built once, not once for the text and once for the intent -----------

# RulePolicy._predict (both its _find_action_from_rules calls), the featurizer's _create_states that each of them
# calls through Policy._prediction_states, and what changes the states it returns afterwards (in place, by `del`).
RULE_STATES_SHA256 = {
    ("rasa.core.policies.rule_policy", "RulePolicy._predict"): (
        "f5182d8a10639e14d2643795210767a17fc4c8b5c2852b946f41c6c9f1a8a4e0"
    ),
    **{
        ("rasa.core.featurizers.tracker_featurizers", f"TrackerFeaturizer.{name}"): sha256
        for name, sha256 in {
            "_create_states": "2fed265eee3bfa38bef58c41b618f4bc7cb68219a91c7b2b2488603403c5e86a",
            "_choose_last_user_input": "0a4f5a414bf19fbbb2d8c4b0ce47e65ccdcb50bfea656b87ed4b7fa9f14a9bfa",
            "_remove_user_text_if_intent": "b0dc0d2430e6b41e6ff8dd5306ef06ed9a7992c707e34ef3a65f03b19102260f",
        }.items()
    },
    # What _states_continued re-implements (without ignore_rule_only_turns), and the replay it continues.
    ("rasa.shared.core.domain", "Domain.states_for_tracker_history"): (
        "035111ce73ac90ba50e143abf556f924af07d9f452893f5a96a62895d44df8b7"
    ),
    ("rasa.shared.core.trackers", "DialogueStateTracker.generate_all_prior_trackers"): (
        "a1f6954347b52649a7b1054741338997d2369197d91acb2eab7f6b11d3855ed1"
    ),
    ("rasa.shared.core.trackers", "DialogueStateTracker.init_copy"): (
        "429fcd2243b9e0e1a6e8ffc3057a4f2fb4ecbb677055c644129bc65b6cd32b75"
    ),
}
_STATES_IN_PREDICTION: contextvars.ContextVar[dict[tuple[Any, ...], Any] | None] = contextvars.ContextVar(
    "rasa_patches_states_in_prediction", default=None
)
_FROZEN = (str, int, float, bool, type(None))


def _fresh_states(states: list[Any]) -> list[Any]:
    """A copy of `states` ([{sub-state name: {key: value}}]) that shares nothing that can be changed: what a new
    _create_states call would return (its values are strings, numbers and tuples of them; anything else deep-copied)."""

    def value(item: Any) -> Any:
        if isinstance(item, _FROZEN) or (isinstance(item, tuple) and all(isinstance(x, _FROZEN) for x in item)):
            return item
        return copy.deepcopy(item)

    return [
        {
            name: ({k: value(v) for k, v in sub.items()} if isinstance(sub, dict) else value(sub))
            for name, sub in state.items()
        }
        for state in states
    ]


# Where a tracker's last RulePolicy prediction left off, kept on the tracker (trackers are unhashable; equal trackers
# compare events and sender only): (domain, omit_unset_slots, the applied events replayed, the replaying tracker, the
# states before each ActionExecuted among them).
_REPLAY = "_rasa_patches_states_replay"


def _states_continued(tracker: Any, domain: Any, omit_unset_slots: bool) -> list[Any]:
    """domain.states_for_tracker_history(tracker, omit_unset_slots) without ignore_rule_only_turns: the state before
    each ActionExecuted of the applied events, replayed on tracker.init_copy(), then the state after them all. When the
    tracker's applied events still begin with the very events its previous call replayed (the same objects, in order:
    a message's next prediction, after its action), that replay goes on with the new events only."""
    from rasa.shared.core.events import ActionExecuted

    applied = tracker.applied_events()
    entry = tracker.__dict__.get(_REPLAY)
    if (
        entry is not None
        and entry[0] is domain
        and entry[1] == omit_unset_slots
        and len(applied) >= len(entry[2])
        and all(now is then for now, then in zip(applied, entry[2], strict=False))
    ):
        _, _, done, replay, states = entry
    else:
        done, replay, states = [], tracker.init_copy(), []
    for event in applied[len(done) :]:
        if isinstance(event, ActionExecuted):
            states.append(domain._clean_state(domain.get_active_state(replay, omit_unset_slots=omit_unset_slots)))
        replay.update(event)
    tracker.__dict__[_REPLAY] = (domain, omit_unset_slots, applied, replay, states)
    return [*states, domain._clean_state(domain.get_active_state(replay, omit_unset_slots=omit_unset_slots))]


def _rule_states_problem() -> str | None:
    from rasa.core.featurizers.tracker_featurizers import TrackerFeaturizer

    if not isinstance(TrackerFeaturizer.__dict__.get("_create_states"), staticmethod):
        return "TrackerFeaturizer._create_states is no longer a staticmethod"
    return _source_problem(RULE_STATES_SHA256)


def _apply_rule_states() -> None:
    from rasa.core.featurizers.tracker_featurizers import TrackerFeaturizer
    from rasa.core.policies.rule_policy import RulePolicy

    predict, create_states = RulePolicy._predict, TrackerFeaturizer._create_states

    def predict_building_states_once(self: Any, tracker: Any, domain: Any) -> Any:
        token = _STATES_IN_PREDICTION.set({})
        try:
            return predict(self, tracker, domain)
        finally:
            _STATES_IN_PREDICTION.reset(token)

    def create_states_once_per_prediction(
        tracker: Any,
        domain: Any,
        omit_unset_slots: bool = False,
        ignore_rule_only_turns: bool = False,
        rule_only_data: Any = None,
    ) -> list[Any]:
        built = _STATES_IN_PREDICTION.get()
        if built is None:
            return create_states(tracker, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
        # The tracker and domain by identity (kept in the value, so no id is reused), the tracker unchanged since (its
        # events); RulePolicy passes a new rule_only_data dict per call: compared by value.
        events = tracker.events
        key = (id(tracker), id(domain), omit_unset_slots, ignore_rule_only_turns)
        found = built.get(key)
        if (
            found is None
            or len(events) != found[1]
            or (events and events[-1] is not found[2])
            or rule_only_data != found[3]
        ):
            if ignore_rule_only_turns:  # (ML policies) as Rasa builds them
                states = create_states(tracker, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
            else:  # tracker.past_states(domain, omit_unset_slots, …) as _create_states calls it
                states = _states_continued(tracker, domain, omit_unset_slots)
            last = events[-1] if events else None
            found = ((tracker, domain), len(events), last, copy.deepcopy(rule_only_data), states)
            built[key] = found
        return _fresh_states(found[4])

    RulePolicy._predict = predict_building_states_once
    TrackerFeaturizer._create_states = staticmethod(create_states_once_per_prediction)  # as Rasa's


# 13. Debug log arguments: not deep-copied for debug lines that are not written ----------------------------------------

# Modules whose every use of `copy` is a deep copy of an argument to a `structlogger.debug(...)` line.
DEBUG_COPY_MODULES = ("rasa.core.processor", "rasa.core.policies.rule_policy")


def _copies_outside_debug_lines(source: str) -> list[int]:
    """The lines of `source` that use the name `copy` other than as `structlogger.debug(…, key=copy.deepcopy(…))`."""
    tree = ast.parse(source)
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "debug" and isinstance(func.value, ast.Name)):
            continue
        if func.value.id != "structlogger":
            continue
        for keyword in node.keywords:
            value = keyword.value
            if (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Attribute)
                and value.func.attr == "deepcopy"
                and isinstance(value.func.value, ast.Name)
            ):
                allowed.add(id(value.func.value))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id == "copy" and id(node) not in allowed
    ]


def _debug_copies_problem() -> str | None:
    import structlog

    for module_name in DEBUG_COPY_MODULES:
        module = importlib.import_module(module_name)
        if getattr(module, "copy", None) is not copy or not hasattr(module, "structlogger"):
            return f"{module_name} no longer has `copy` and `structlogger` as written for"
        lines = _copies_outside_debug_lines(inspect.getsource(module))
        if lines:
            return f"{module_name} uses `copy` outside debug log arguments (lines {lines})"
    if not callable(getattr(structlog, "make_filtering_bound_logger", None)):
        return "structlog.make_filtering_bound_logger is missing"
    return None


class _CopyForDebugLines:
    """The `copy` module as a module whose deep copies only feed its `structlogger.debug` lines sees it: deepcopy
    returns its argument itself when that logger drops debug lines (Rasa's loggers at INFO and above: the line's
    arguments are thrown away unread), else copies as before."""

    def __init__(self, module: Any) -> None:
        import structlog

        self._module = module
        # The bound-logger classes that drop debug lines: structlog makes one per level and reuses it.
        self._quiet = {structlog.make_filtering_bound_logger(level) for level in (20, 30, 40, 50)}

    def deepcopy(self, x: Any, memo: Any = None) -> Any:
        if type(self._module.structlogger.bind()) in self._quiet:
            return x
        return copy.deepcopy(x, memo)

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)


def _apply_debug_copies() -> None:
    for module_name in DEBUG_COPY_MODULES:
        module = importlib.import_module(module_name)
        module.copy = _CopyForDebugLines(module)  # type: ignore[attr-defined]


# 14. DIET's inputs: features deep-copied without the matrix that is replaced right after ------------------------------

FEATURE_COPIES_SHA256 = {
    ("rasa.shared.nlu.training_data.message", "Message._combine_features"): (
        "6f88fa43154948bd3f5285324dcba76bf4f80a4a8632a02dff16cd0b0f9631fa"
    ),
    ("rasa.utils.tensorflow.model_data_utils", "_create_fake_features"): (
        "5105d8b89933ea38b469a2933cc3e1ab9d5e4b7fc8808af9cbf099589b99d2f7"
    ),
    # What replaces the combined copy's matrix (the sparse join is patch 10's, guarded there).
    ("rasa.shared.nlu.training_data.features", "Features.combine_with_features"): (
        "80e355ae45856d9248e03713424dad25c1c9120b2d305d2c154ea1bc0b8e0b26"
    ),
    ("rasa.shared.nlu.training_data.features", "Features._combine_dense_features"): (
        "bb55361816e5a3978c14de3383e9fc185c83c1e0550609d597b0d92a6ae1f6c8"
    ),
}


def _copy_but_matrix(features: Any) -> Any:
    """copy.deepcopy(features), except that the copy holds the very same matrix (for a caller that replaces it)."""
    return copy.deepcopy(features, {id(features.features): features.features})


def combine_features(features: list[Any], featurizers: list[str]) -> Any:
    """Message._combine_features: a deep copy of the first features combined with the others, where each combination
    makes a new matrix (np.concatenate, the sparse join); so with more than one, the first matrix is not copied."""
    combined = None
    share = len(features) > 1 and all(f is not None for f in features[1:])
    for f in features:
        if combined is None:
            combined = _copy_but_matrix(f) if share else copy.deepcopy(f)
            combined.origin = featurizers
        else:
            combined.combine_with_features(f)
    return combined


def create_fake_features(all_features: list[list[list[Any]]]) -> list[Any]:
    """model_data_utils._create_fake_features: each example feature deep-copied, then its matrix replaced by an empty
    one (so the matrix itself is not copied first)."""
    import numpy as np
    import scipy.sparse

    example_features = next(
        iter(
            [
                list_of_features
                for list_of_list_of_features in all_features
                for list_of_features in list_of_list_of_features
                if list_of_features is not None
            ]
        )
    )
    fake_features = []
    for _features in example_features:
        dense, sparse = _features.is_dense(), _features.is_sparse()
        new_features = _copy_but_matrix(_features) if dense or sparse else copy.deepcopy(_features)
        if dense:
            new_features.features = np.zeros((0, _features.features.shape[-1]), _features.features.dtype)
        if sparse:
            new_features.features = scipy.sparse.coo_matrix((0, _features.features.shape[-1]), _features.features.dtype)
        fake_features.append(new_features)
    return fake_features


def _feature_copies_problem() -> str | None:
    from rasa.shared.nlu.training_data.message import Message

    if not isinstance(Message.__dict__.get("_combine_features"), staticmethod):
        return "Message._combine_features is no longer a staticmethod"
    return _source_problem(FEATURE_COPIES_SHA256)


def _apply_feature_copies() -> None:
    import rasa.utils.tensorflow.model_data_utils as model_data_utils
    from rasa.shared.nlu.training_data.message import Message

    Message._combine_features = staticmethod(combine_features)
    model_data_utils._create_fake_features = create_fake_features


@dataclass(frozen=True)
class Patch:
    name: str
    problem: Callable[[], str | None]  # what does not fit the installed internals, None when they are the ones patched
    apply: Callable[[], None]

    def check(self) -> None:
        """RasaPatchError naming this patch, the problem and the installed Rasa version when it does not fit."""
        problem = self.problem()
        if problem is not None:
            raise RasaPatchError(
                f"Rasa speed patch {self.name!r} (scripts/rasa_patches.py) does not fit the installed Rasa "
                f"{_rasa_version()}: {problem}. It was written for {WRITTEN_FOR}; re-check it against the installed "
                "code, then update or remove it."
            )


# TwoStageFallbackAction.deactivate as written for: on a clear next message it reverts the whole fallback turn.
TWO_STAGE_DEACTIVATE_SHA256 = "688b2ed27b222ff70739154f97f24215ec9bc55f7bf6fcfa4b7861b4488769ba"


def slots_of_the_fallback_turn(tracker: Any) -> list[Any]:
    """The slots the turn before the latest user message set (latest value per slot), as SlotSet events.

    That turn is the one the two-stage fallback loop started on; its answer may have remembered the district
    or the topic ("а если в Нинбурге?" answered for Nienburg)."""
    from rasa.shared.core.events import SlotSet, UserUttered

    applied = tracker.applied_events()
    users = [index for index, event in enumerate(applied) if isinstance(event, UserUttered)]
    if len(users) < 2:
        return []
    values: dict[str, Any] = {}
    for event in applied[users[-2] + 1 : users[-1]]:
        if isinstance(event, SlotSet):
            values[event.key] = event.value
    return [SlotSet(key, value) for key, value in values.items()]


def keep_the_nlu_confidence(events: list[Any], tracker: Any) -> None:
    """Give the clarified message (the last event, a copy of the latest message) the NLU's own confidence back.

    Rasa sets it to 1.0, as if the user had confirmed a "did you mean …?"; after a fallback turn the bot answered,
    the next message is a new one, and the actions weigh its confidence ("und in bremen?", emergency 0.58, raised
    the alarm at 1.0: blind set v17)."""
    from rasa.shared.core.events import UserUttered

    latest = tracker.latest_message
    if not events or not isinstance(events[-1], UserUttered) or latest is None:
        return
    confidence = (latest.parse_data.get("intent") or {}).get("confidence")
    if confidence is not None:
        events[-1].parse_data["intent"]["confidence"] = confidence


def _fallback_slots_problem() -> str | None:
    from rasa.core.actions.two_stage_fallback import TwoStageFallbackAction

    found = _sha256_of_source(TwoStageFallbackAction.deactivate)
    if found != TWO_STAGE_DEACTIVATE_SHA256:
        return f"TwoStageFallbackAction.deactivate changed (sha256 {found})"
    return None


def _apply_fallback_slots() -> None:
    from rasa.core.actions.two_stage_fallback import TwoStageFallbackAction
    from rasa.shared.core.events import UserUtteranceReverted

    original = TwoStageFallbackAction.deactivate

    async def deactivate_keeping_slots(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any,
                                       events_so_far: Any) -> list[Any]:  # fmt: skip
        events = await original(self, output_channel, nlg, tracker, domain, events_so_far)
        if events and isinstance(events[0], UserUtteranceReverted):
            # The revert undoes the fallback turn; what its answer remembered is set again before the clarified
            # message, so the clear question that follows knows the district.
            events = [events[0], *slots_of_the_fallback_turn(tracker), *events[1:]]
            keep_the_nlu_confidence(events, tracker)
        return list(events)

    TwoStageFallbackAction.deactivate = deactivate_keeping_slots


WINDOWED_STORE = Patch("windowed SQL tracker store", _windowed_store_problem, lambda: None)
PATCHES = [
    Patch("jsonschema schema checked once", _jsonschema_problem, _apply_jsonschema),
    Patch("event classes cached", _subclasses_problem, _apply_subclasses),
    Patch("SQLite tracker store in WAL mode", _sqlite_wal_problem, _apply_sqlite_wal),
    Patch("action results validated per event type", _action_result_problem, _apply_action_result),
    Patch("an answered fallback turn keeps its slots", _fallback_slots_problem, _apply_fallback_slots),
    Patch("graph nodes run in order without dask", _graph_runner_problem, _apply_graph_runner),
    Patch("one kept session per endpoint", _endpoint_problem, _apply_endpoint),
    Patch("empty domain built once", _domain_is_empty_problem, _apply_domain_is_empty),
    Patch("lookup-table regexes by first letter", _lookup_regex_problem, _apply_lookup_regex),
    Patch(
        "sparse features joined without bmat's set-up", lambda: _source_problem(SPARSE_JOIN_SHA256), _apply_sparse_join
    ),
    Patch("DIET's inputs converted once, its concrete function called", _tf_predict_problem, _apply_tf_predict),
    Patch("RulePolicy's states built once per prediction", _rule_states_problem, _apply_rule_states),
    Patch("debug log arguments copied only for debug lines written", _debug_copies_problem, _apply_debug_copies),
    Patch("features copied without the matrix replaced after", _feature_copies_problem, _apply_feature_copies),
    WINDOWED_STORE,
]


def check() -> None:
    """Every guard: RasaPatchError for the first patch that does not fit the installed Rasa."""
    for patch in PATCHES:
        patch.check()


def install() -> None:
    """Check every guard, then apply every patch (none when a guard fails). Once per process."""
    check()
    for patch in PATCHES:
        patch.apply()
