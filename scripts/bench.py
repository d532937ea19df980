"""`make bench`: latency, throughput, cold start and memory through the real processes -> BENCHMARKS.md.

Starts the action server, Rasa (models/current.tar.gz) and the Telegram bot on
free 127.0.0.1 ports, like `make run`, with a throwaway SQLite tracker store, and
measures:

- cold start: process start -> first correct answer (actions, then Rasa, as make run does);
- REST (NLU + actions, which render their replies): p50/p95/p99 over sequential mixed questions in all
  locales, and throughput at concurrency 1, 8, 16, 32 with error counts;
- one long conversation (400 messages, four alternating questions): median latency of
  messages 0–10, 50–60, 100–110, 200–210 and 390–400, and the last over the first
  (`--only long` runs just this, into reports/bench_long.json, and leaves BENCHMARKS.md alone);
- Telegram: update -> reply sent through a local fake Bot API (the bot polls it);
- memory: RSS of Rasa, the action server and the bot after warm-up and after a
  soak of N messages through Telegram (default 10,000 from 64 chats, each sending its next message once the
  first message of the previous answer arrived), peak RSS
  (VmHWM), growth, and the bot's RSS every 1,000 messages of the soak (`--only soak` runs the Telegram
  warm-up and the soak on their own stack, into reports/bench_soak.json, and leaves BENCHMARKS.md alone);
- burst: 2,000 messages from 500 chats pushed within 10 s through the fake Bot API into
  the bot: real answers, "can't answer right now", order per chat, update -> reply
  p50/p95/max, the bot's RSS before/after, how often its intake closed (bot/intake.py; `--only burst` runs
  just this on its own stack,
  into reports/bench_burst.json, and leaves BENCHMARKS.md alone);
- scale-out: 1, then 2 Sanic workers in one Rasa with the Redis lock store and the PostgreSQL tracker store
  (throwaway servers from the wheels the store tests use, tests/support/servers.py): throughput, p50/p95
  and errors at concurrency 16 and 32 (`--only scaleout`, into reports/bench_scaleout.json);
- stock Rasa: Rasa's default pipeline trained on the same data and rules (build/eval/default-dialogue.tar.gz,
  trained once by the code `make eval` uses and cached; tens of minutes on 2 cores), served by plain
  `rasa run` with Rasa's SQL tracker store and our action server: the same REST questions, side by side as
  ratios (`--only stock` measures ours and stock one after the other, into reports/bench_stock.json);
- REST alone (`--only rest`, into reports/bench_rest.json): the sequential questions and concurrency 16 on a
  fresh stack, each with Rasa's and the action server's CPU milliseconds per message (less sensitive to other
  work on the machine than latency);
- training time and NLU figures copied from reports/nlu_eval.json.

Benchmarks measure; they assert nothing (`make test` stays deterministic).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp

from scripts.eval_blind import dialogue_model
from scripts.stack import ROOT, Stack, cpu_seconds, descendants, rss_mb
from tests.support.factories import raw_text
from tests.support.fake_bot_api import FakeBotApi, fake_bot_api_server
from tests.support.replies import uses_template
from tests.support.rest_load import ask, percentile, questions, throughput
from tests.support.servers import postgres_server, redis_server

TOKEN = "123456:BENCH"
CANNOT_ANSWER_KEY = "utter_cannot_answer_now"
SOAK_SAMPLE_EVERY = 1000  # the soak records the bot's RSS every this many messages
# The burst (issue 15): BURST_MESSAGES from BURST_CHATS chats, pushed evenly within BURST_SECONDS; each chat asks
# BURST_MESSAGES // BURST_CHATS different questions, one after another.
BURST_MESSAGES, BURST_CHATS, BURST_SECONDS = 2000, 500, 10.0
BURST_IDLE_SECONDS = 30.0  # the burst is over when nothing was sent for this long (or every message is answered)
# The long conversation: message ranges [start, end) whose median latency is reported; the last over the first
# is the growth ratio (issue 15's goal: at most 1.5).
LONG_RANGES = ((0, 10), (50, 60), (100, 110), (200, 210), (390, 400))
LONG_QUESTIONS = 4  # the first German end-to-end questions, asked in turn
SCALE_OUT_CONCURRENCY = (16, 32)
# Stock Rasa: Rasa's default pipeline (scripts/default_config.yml) trained with our data and rules, served by plain
# `rasa run` (no speed patches) with Rasa's own SQL tracker store; our action server answers its actions and NLG
# (domain.yml has no response texts). The model is cached in build/eval/, where `make eval` keeps it too.
DEFAULT_CONFIG = ROOT / "scripts" / "default_config.yml"
DEFAULT_NLU_MODEL = ROOT / "build" / "eval" / "default.tar.gz"  # make eval's; its -dialogue twin is what Rasa serves
STOCK_ENDPOINTS = """# Stock Rasa for make bench: Rasa's own SQL tracker store, no lock store but the in-memory one.
action_endpoint:
  url: ${ACTIONS_URL}/webhook
nlg:
  url: ${ACTIONS_URL}/nlg
tracker_store:
  type: sql
  url: ${TRACKER_STORE_URL}
lock_store:
  type: in_memory
"""


async def cold_start(stack: Stack) -> dict[str, float]:
    started = time.monotonic()
    await asyncio.to_thread(stack.start)
    servers_ready = time.monotonic() - started
    async with aiohttp.ClientSession() as session:
        while True:
            _, text = await ask(session, stack.rasa_url, "cold-start", "Telefonnummer Migrationsberatung Nienburg")
            if text and "+49 5021 967686" in text:
                break
            await asyncio.sleep(0.1)
    return {"ready_seconds": servers_ready, "first_answer_seconds": time.monotonic() - started}


async def sequential(url: str, count: int) -> dict[str, Any]:
    asked = questions()
    latencies: list[float] = []
    errors = wrong = 0
    async with aiohttp.ClientSession() as session:
        for _ in range(10):  # warm-up: first calls trace TensorFlow functions, fill caches
            await ask(session, url, "warmup", asked[0][1])
        for i in range(count):
            locale, text, expect = asked[i % len(asked)]
            # One conversation per locale and round, as one user would ask several questions in their language.
            seconds, reply = await ask(session, url, f"seq-{locale}-{i // len(asked)}", text)
            latencies.append(seconds)
            if reply is None:
                errors += 1
            elif not all(fact in reply for fact in expect):
                wrong += 1
    return {
        "count": count,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "errors": errors,
        "wrong_facts": wrong,
    }


async def accounted_sequential(url: str, count: int, pids: dict[str, int]) -> dict[str, Any]:
    """sequential() plus the CPU milliseconds per message of each of `pids` (name -> pid, descendants included),
    its warm-up included in the count (10 messages)."""
    before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    result = await sequential(url, count)
    result["cpu_ms_per_message"] = {
        name: (cpu_seconds(pid) - before[name]) * 1000 / (count + 10) for name, pid in pids.items()
    }
    return result


async def only_rest(args: argparse.Namespace, model: Path, var: Path) -> dict[str, Any]:
    """`--only rest`: a fresh stack (SQLite store, one Rasa process), a warm-up, `args.sequential` sequential
    questions, then `args.per_level` at concurrency 16, each with Rasa's and the action server's CPU ms per message.

    Returns {"date", "cold_start", "sequential": {..., "cpu_ms_per_message"}, "throughput": [{...}]}.
    """
    stack = Stack.on_free_ports(model, var)
    try:
        results: dict[str, Any] = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
        results["cold_start"] = await cold_start(stack)
        await warm_up(stack.rasa_url)
        pids = {"rasa": stack.pid("rasa"), "actions": stack.pid("actions")}
        stage(f"REST: {args.sequential} sequential questions")
        results["sequential"] = await accounted_sequential(stack.rasa_url, args.sequential, pids)
        stage(f"REST: {args.per_level} questions at concurrency 16")
        results["throughput"] = [await accounted_throughput(stack.rasa_url, 16, args.per_level, pids)]
        return results
    finally:
        stack.stop()


def rest_rows(r: dict[str, Any]) -> list[str]:
    """`--only rest`'s rows: sequential p50/p95 and concurrency 16, with CPU ms per message."""

    def cpu(figures: dict[str, Any]) -> str:
        return ", ".join(f"{name} {ms:.1f}" for name, ms in figures["cpu_ms_per_message"].items())

    seq, c16 = r["sequential"], r["throughput"][0]
    return [
        row(
            f"REST latency p50 / p95 ({seq['count']} sequential questions, 8 locales)",
            f"{seq['p50_ms']:.1f} / {seq['p95_ms']:.1f} ms, {seq['errors']} errors; CPU ms per message: {cpu(seq)}",
            "≤ 15 / 30 ms",
            seq["p50_ms"] <= 15 and seq["p95_ms"] <= 30 and seq["errors"] == 0,
        ),
        row(
            f"REST throughput, concurrency 16 ({c16['count']} messages)",
            f"{c16['per_second']:.0f}/s, {c16['errors']} errors, p50 / p95 {c16['p50_ms']:.0f} / {c16['p95_ms']:.0f} "
            f"ms; CPU ms per message: {cpu(c16)}; {c16['busy_cores']:.1f} cores busy",
            "≥ 100/s, 0 errors",
            c16["per_second"] >= 100 and c16["errors"] == 0,
        ),
    ]


async def long_conversation(url: str, count: int = 400) -> dict[str, Any]:
    """One sender asks LONG_QUESTIONS questions in turn, `count` messages in all (well inside one session).

    Returns {"count", "medians_ms": {"0-10": ms, …} for each LONG_RANGES range inside `count`, "ratio" (median of the
    last range over the first), "errors", "wrong_facts"}.
    """
    asked = [q for q in questions() if q[0] == "de"][:LONG_QUESTIONS]
    latencies: list[float] = []
    errors = wrong = 0
    async with aiohttp.ClientSession() as session:
        for _ in range(10):  # warm-up on another sender: TensorFlow traces, caches
            await ask(session, url, "long-warmup", asked[0][1])
        for i in range(count):
            _locale, text, expect = asked[i % len(asked)]
            seconds, reply = await ask(session, url, "long-conversation", text)
            latencies.append(seconds)
            if reply is None:
                errors += 1
            elif not all(fact in reply for fact in expect):
                wrong += 1
    medians = {
        f"{start}-{end}": statistics.median(latencies[start:end]) * 1000 for start, end in LONG_RANGES if end <= count
    }
    first, last = next(iter(medians.values())), list(medians.values())[-1]
    return {"count": count, "medians_ms": medians, "ratio": last / first, "errors": errors, "wrong_facts": wrong}


async def only_long(args: argparse.Namespace, model: Path, var: Path) -> dict[str, Any]:
    """`--only long`: a fresh stack, the long conversation, nothing else."""
    stack = Stack.on_free_ports(model, var)
    try:
        await cold_start(stack)
        stage(f"REST: one conversation of {args.long} messages")
        return {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "long": await long_conversation(
            stack.rasa_url, args.long
        )}  # fmt: skip
    finally:
        stack.stop()


async def warm_up(url: str, concurrency: int = 4, count: int = 40) -> None:
    """`count` questions `concurrency` at a time, not measured: every Rasa worker traces TensorFlow, fills caches."""
    await throughput(url, concurrency, count)


def rasa_processes(stack: Stack) -> int:
    """Rasa's processes: 1 with one Sanic worker (it serves in its main process), else the main one + workers."""
    return 1 + len(descendants(stack.pid("rasa")))


def machine_cpu_seconds() -> float:
    """CPU time every process on the machine has used so far (/proc/stat: all but idle and iowait)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


async def accounted_throughput(url: str, concurrency: int, count: int, pids: dict[str, int]) -> dict[str, Any]:
    """throughput() plus the CPU milliseconds per message of each of `pids` (name -> pid, descendants included) and
    of the whole machine, and how many cores were busy meanwhile (other work on the machine shows there)."""
    before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    machine_before, started = machine_cpu_seconds(), time.monotonic()
    result = await throughput(url, concurrency, count)
    machine_used, elapsed = machine_cpu_seconds() - machine_before, time.monotonic() - started
    used = {name: cpu_seconds(pid) - before[name] for name, pid in pids.items()}
    used["machine"] = machine_used
    result["cpu_ms_per_message"] = {name: seconds * 1000 / count for name, seconds in used.items()}
    result["busy_cores"] = machine_used / elapsed
    return result


async def scale_out(args: argparse.Namespace, model: Path, var: Path) -> dict[str, Any]:
    """1, then `args.workers` Sanic workers in one Rasa, both with the Redis lock store and the PostgreSQL tracker
    store (one throwaway server each, from the wheels the store tests use; a fresh database per row): cold start,
    a warm-up, then the throughput questions at SCALE_OUT_CONCURRENCY.

    Returns {"shared": what the rows share, "rows": [{"workers", "rasa_processes", "cold_start", "throughput",
    "rasa_rss_mb"}]}.
    """
    rows = []
    with postgres_server() as postgres, redis_server() as redis_port:
        for workers in (1, args.workers):
            stage(f"scale-out: {workers} Sanic worker(s), Redis lock store, PostgreSQL tracker store")
            env = {
                "LOCK_STORE_TYPE": "redis",
                "REDIS_PORT": str(redis_port),
                "SANIC_WORKERS": str(workers),
                "TRACKER_STORE_URL": postgres.create_database(f"rasa_workers_{workers}"),
            }
            stack = Stack.on_free_ports(model, var / f"workers-{workers}", env)
            try:
                row_: dict[str, Any] = {"workers": workers, "cold_start": await cold_start(stack)}
                row_["rasa_processes"] = rasa_processes(stack)
                await warm_up(stack.rasa_url)
                pids = {"rasa": stack.pid("rasa"), "actions": stack.pid("actions"), "postgres": postgres.pid}
                row_["throughput"] = [
                    await accounted_throughput(stack.rasa_url, concurrency, args.per_level, pids)
                    for concurrency in SCALE_OUT_CONCURRENCY
                ]
                row_["rasa_rss_mb"] = rss_mb(stack.pid("rasa"))[0]
                rows.append(row_)
            finally:
                stack.stop()
    return {
        "shared": "one machine (2 cores) for everything; one action server (actions + NLG); one PostgreSQL "
        "server (a database per row) as the tracker store; one Redis as the lock store",
        "rows": rows,
    }


def stock_model(args: argparse.Namespace) -> Path:
    """The model stock Rasa serves: --stock-model, else Rasa's default pipeline with our data and rules, trained
    into build/eval/default-dialogue.tar.gz when missing or older than its inputs (the code and file `make eval`
    use)."""
    if args.stock_model:
        return Path(args.stock_model).resolve()
    stage(f"stock Rasa: the default pipeline's model ({DEFAULT_CONFIG.name}; trained when missing, cached)")
    DEFAULT_NLU_MODEL.parent.mkdir(parents=True, exist_ok=True)
    return dialogue_model(DEFAULT_NLU_MODEL, DEFAULT_CONFIG)


def stock_stack(model: Path, var: Path) -> Stack:
    """Our action server, and plain `rasa run` (Rasa's own command, no patches) with STOCK_ENDPOINTS on SQLite."""
    stack = Stack.on_free_ports(model, var)
    endpoints = var / "stock-endpoints.yml"
    endpoints.write_text(STOCK_ENDPOINTS)
    rasa = str(Path(sys.executable).parent / "rasa")
    command = [
        rasa, "run", "--model", str(model), "--endpoints", str(endpoints), "--credentials", "credentials.yml",
        "--interface", stack.rasa.host, "--port", str(stack.rasa.port),
    ]  # fmt: skip
    stack.rasa = replace(stack.rasa, command=command)
    return stack


async def rest_figures(stack: Stack, args: argparse.Namespace) -> dict[str, Any]:
    """What stock Rasa and ours are compared on: cold start, sequential latency, throughput at concurrency 16."""
    figures: dict[str, Any] = {"cold_start": await cold_start(stack)}
    figures["sequential"] = await sequential(stack.rasa_url, args.sequential)
    figures["throughput"] = [await throughput(stack.rasa_url, 16, args.per_level)]
    return figures


async def stock(args: argparse.Namespace, model: Path, var: Path) -> dict[str, Any]:
    stage(f"stock Rasa: plain `rasa run`, {model.name}, Rasa's SQL tracker store: the same REST measurements")
    stack = stock_stack(model, var)
    try:
        return {"model": str(model.relative_to(ROOT) if model.is_relative_to(ROOT) else model)} | await rest_figures(
            stack, args
        )
    finally:
        stack.stop()


async def only_stock(args: argparse.Namespace, model: Path, stock_model_: Path, var: Path) -> dict[str, Any]:
    """`--only stock`: ours (a fresh stack), then stock Rasa, on the same REST questions, one after the other."""
    results: dict[str, Any] = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
    stage("ours: cold start, sequential questions, throughput at concurrency 16")
    stack = Stack.on_free_ports(model, var / "ours")
    try:
        results["ours"] = await rest_figures(stack, args)
    finally:
        stack.stop()
    results["default"] = await stock(args, stock_model_, var / "stock")
    return results


async def only_scale_out(args: argparse.Namespace, model: Path, var: Path) -> dict[str, Any]:
    """`--only scaleout`: the scale-out rows, nothing else."""
    return {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "workers": await scale_out(args, model, var)}


async def wait_for_bot(api: FakeBotApi, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while "getUpdates" not in api.calls:
        if time.monotonic() > deadline:
            raise SystemExit("the bot did not start polling; see its log")
        await asyncio.sleep(0.1)


async def telegram_latency(api: FakeBotApi, count: int) -> dict[str, Any]:
    asked = questions()
    latencies: list[float] = []
    lost = 0
    for i in range(count):
        chat_id = 10_000 + i % 20
        before = len(api.messages(chat_id))
        pushed = time.monotonic()
        api.push(raw_text(asked[i % len(asked)][1], chat_id=chat_id))
        if not await api.wait_for(lambda: len(api.messages(chat_id)) > before, timeout=30):  # noqa: B023
            lost += 1
            continue
        first = next(
            s.at for s in api.sent if s.method == "sendMessage" and int(s.params["chat_id"]) == chat_id
            and s.at >= pushed
        )  # fmt: skip
        latencies.append(first - pushed)
        await asyncio.sleep(0.15)  # let a multi-message reply finish before the next question
    return {
        "count": count,
        "p50_ms": percentile(latencies, 0.5) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "lost": lost,
    }


async def soak(
    api: FakeBotApi, count: int, chats: int = 64, bot_pid: int | None = None, every: int = SOAK_SAMPLE_EVERY
) -> dict[str, Any]:
    """`count` updates through the bot from `chats` chats at once, each pushing its next message once the first message
    of the answer to its last one arrived (the rest of a two-message answer may come later: then the chat runs one
    message ahead, so the bot's backlog can grow over the soak).

    Returns {"count", "seconds", "lost"} and, given `bot_pid`, "bot_rss_mb": the bot's RSS in MB after every
    `every` messages pushed ([messages pushed, MB] pairs), to tell a steady leak from a high-water mark.
    """
    asked = questions()
    next_index = 0
    lost = 0
    curve: list[list[float]] = []
    started = time.perf_counter()

    async def chat(chat_id: int) -> None:
        nonlocal next_index, lost
        while next_index < count:
            i = next_index
            next_index += 1
            if bot_pid is not None and i % every == 0:
                curve.append([i, rss_mb(bot_pid)[0]])
            before = len(api.messages(chat_id))
            api.push(raw_text(asked[i % len(asked)][1], chat_id=chat_id))
            if not await api.wait_for(lambda: len(api.messages(chat_id)) > before, timeout=60):  # noqa: B023
                lost += 1
            await asyncio.sleep(0.2)  # the rest of a multi-message reply

    await asyncio.gather(*(chat(20_000 + c) for c in range(chats)))
    result: dict[str, Any] = {"count": count, "seconds": time.perf_counter() - started, "lost": lost}
    if bot_pid is not None:
        result["bot_rss_mb"] = [*curve, [count, rss_mb(bot_pid)[0]]]
    return result


async def soak_and_memory(stack: Stack, api: FakeBotApi, count: int) -> dict[str, Any]:
    """The RSS of Rasa, the action server and the bot before and after a soak of `count` messages through Telegram.

    Returns {"soak": soak()'s figures plus "rasa_unavailable" (the bot's "can't answer right now" replies),
    "memory": {name: {"before_mb", "after_mb", "peak_mb"}}}.
    """
    names = ("rasa", "actions", "bot")
    before = {name: rss_mb(stack.pid(name))[0] for name in names}
    unavailable_before = (await asyncio.to_thread(stack.log, "bot")).count("Rasa unavailable")
    stage(f"soak: {count} messages through Telegram")
    figures = await soak(api, count, bot_pid=stack.pid("bot"))
    # The bot logs each message it had to answer with "can't answer right now".
    bot_log = await asyncio.to_thread(stack.log, "bot")
    figures["rasa_unavailable"] = bot_log.count("Rasa unavailable") - unavailable_before
    figures["intake_closings"] = intake_closings(bot_log)
    figures["left_at_telegram"] = api.unconfirmed()  # pushed and not yet taken by the bot when the soak ended
    after = {name: rss_mb(stack.pid(name)) for name in names}
    memory = {
        name: {"before_mb": before[name], "after_mb": after[name][0], "peak_mb": after[name][1]} for name in names
    }
    return {"soak": figures, "memory": memory}


async def only_soak(args: argparse.Namespace, model: Path, var: Path) -> dict[str, Any]:
    """`--only soak`: a fresh stack and bot, the Telegram latency section as warm-up (as in the full run), then the
    soak with the RSS of every process before and after, nothing else."""
    results: dict[str, Any] = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
    async with stack_with_bot(model, var) as (stack, api):
        stage(f"Telegram: {args.telegram} updates through the fake Bot API (warm-up)")
        results["telegram"] = await telegram_latency(api, args.telegram)
        results |= await soak_and_memory(stack, api, args.soak)
    return results


async def rest_replies(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> list[str]:
    """The texts of Rasa's reply messages, one per Telegram message the bot sends (none is over 4096 characters)."""
    async with session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}) as reply:
        body = await reply.json() if reply.status == 200 else []
    return [str(m.get("text") or "") for m in body if m.get("text") or m.get("buttons")]


def intake_closings(bot_log: str) -> int:
    """How often the bot's intake closed (bot/intake.py logs the count at most once a minute: a lower bound)."""
    return max((int(n) for n in re.findall(r"Intake: .*\(closed (\d+) times so far\)", bot_log)), default=0)


def first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0]


async def burst_questions(url: str, count: int) -> list[tuple[str, list[str]]]:
    """`count` German end-to-end questions as one user asks them in turn (as each burst chat does), each with the
    first lines of its reply's messages: (question, [first line of each message]).

    A question qualifies when its reply shows its expected facts and no first line is shared with another chosen
    reply; the Telegram messages of the burst are then told apart by their first line (the rest of a reply may
    change with the clock, e.g. "open now"). The choice is asked again by a new user, to be sure it holds.
    """
    asked = [(text, expect) for locale, text, expect in questions() if locale == "de"]
    chosen: list[tuple[str, list[str]]] = []
    async with aiohttp.ClientSession() as session:
        replies = [await rest_replies(session, url, "burst-probe", text) for text, _ in asked]
        for (text, expect), reply in zip(asked, replies, strict=True):
            lines = [first_line(part) for part in reply]
            taken = {line for _, earlier in chosen for line in earlier}
            joined = "\n".join(reply)
            if lines and all(f in joined for f in expect) and len(set(lines)) == len(lines) and not taken & set(lines):
                chosen.append((text, lines))
            if len(chosen) == count:
                break
        again = [await rest_replies(session, url, "burst-probe-again", text) for text, _ in chosen]
    if len(chosen) < count or [[first_line(part) for part in reply] for reply in again] != [c[1] for c in chosen]:
        raise SystemExit(f"burst: no {count} German questions whose answers can be told apart: {replies}")
    return chosen


async def burst(
    api: FakeBotApi, bot_pid: int, asked: list[tuple[str, list[str]]], first_chat: int = 30_000
) -> dict[str, Any]:
    """BURST_MESSAGES updates from BURST_CHATS chats pushed evenly within BURST_SECONDS, then every reply judged.

    Chat c's k-th message asks asked[k][0]. Each Telegram message is recognised by its first line as part p of the
    answer to question k; a chat's messages must come as (0, 0), (0, 1), …, (1, 0), … – anything out of that order
    makes the chat out of order. A message counts as answered for real when every part of its answer arrived; time
    to reply: from the push to the first part.
    """
    per_chat = BURST_MESSAGES // BURST_CHATS
    parts = {line: (k, p) for k, (_, lines) in enumerate(asked) for p, line in enumerate(lines)}
    expected = [(k, p) for k, (_, lines) in enumerate(asked[:per_chat]) for p in range(len(lines))]
    chats = [first_chat + c for c in range(BURST_CHATS)]
    rss_before = rss_mb(bot_pid)[0]
    already = len(api.sent)
    pushed: dict[tuple[int, int], float] = {}
    started = time.monotonic()
    for i in range(BURST_MESSAGES):
        chat, k = chats[i % BURST_CHATS], i // BURST_CHATS
        await asyncio.sleep(max(0.0, started + i * BURST_SECONDS / BURST_MESSAGES - time.monotonic()))
        pushed[chat, k] = time.monotonic()
        api.push(raw_text(asked[k][0], chat_id=chat))
    push_seconds = time.monotonic() - started

    def replies_by_chat() -> dict[int, list[Any]]:
        by_chat: dict[int, list[Any]] = {chat: [] for chat in chats}
        for sent in api.sent[already:]:
            if sent.method == "sendMessage" and int(sent.params["chat_id"]) in by_chat:
                by_chat[int(sent.params["chat_id"])].append(sent)
        return by_chat

    def settled() -> bool:
        return all(len(messages) >= len(expected) for messages in replies_by_chat().values())

    while not settled():
        last = max((sent.at for sent in api.sent[already:]), default=started)
        if time.monotonic() - max(last, started + push_seconds) > BURST_IDLE_SECONDS:
            break
        await asyncio.sleep(0.5)
    await asyncio.sleep(1.0)  # anything more (a duplicate, a late part) would arrive now
    rss_after = rss_mb(bot_pid)[0]
    real = cannot = other = out_of_order = 0
    latencies: list[float] = []
    for chat, messages in replies_by_chat().items():
        recognised = [parts.get(first_line(m.params["text"])) for m in messages]
        cannot += sum(uses_template(m.params["text"], CANNOT_ANSWER_KEY) for m in messages)
        other += sum(r is None for r in recognised)
        seen = [r for r in recognised if r is not None]
        out_of_order += seen != sorted(seen) or len(set(seen)) < len(seen)
        for k in range(per_chat):
            arrived = [m.at for m, r in zip(messages, recognised, strict=True) if r is not None and r[0] == k]
            if len(arrived) == len(asked[k][1]):
                real += 1
                latencies.append(arrived[0] - pushed[chat, k])
    return {
        "messages": BURST_MESSAGES,
        "chats": BURST_CHATS,
        "questions": [text for text, _ in asked],
        "push_seconds": push_seconds,
        "real_answers": real,
        "cannot_answer": cannot,
        "other_replies": other - cannot,
        "chats_out_of_order": out_of_order,
        "p50_s": percentile(latencies, 0.5) if latencies else None,
        "p95_s": percentile(latencies, 0.95) if latencies else None,
        "max_s": max(latencies, default=None),
        "bot_rss_before_mb": rss_before,
        "bot_rss_after_mb": rss_after,
    }


async def only_burst(args: argparse.Namespace, model: Path, var: Path) -> dict[str, Any]:
    """`--only burst`: a fresh stack and bot, a short warm-up through Telegram, the burst, nothing else."""
    results: dict[str, Any] = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
    async with stack_with_bot(model, var) as (stack, api):
        stage("Telegram: 40 updates to warm the bot up")
        await telegram_latency(api, 40)
        results["burst"] = await run_burst(stack, api)
        results["burst"]["queue_warnings"] = stack.log("bot").count("Rasa queue:")
        results["burst"]["intake_closings"] = intake_closings(stack.log("bot"))
    return results


@contextlib.asynccontextmanager
async def stack_with_bot(model: Path, var: Path) -> AsyncIterator[tuple[Stack, FakeBotApi]]:
    """A fresh stack on free ports, answering (cold start), with the bot polling a local fake Bot API; all of it
    stopped on the way out."""
    stack = Stack.on_free_ports(model, var)
    try:
        await cold_start(stack)
        async with fake_bot_api_server() as (api, api_url):
            stack.start_bot(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api_url)
            await wait_for_bot(api)
            yield stack, api
    finally:
        stack.stop()


async def run_burst(stack: Stack, api: FakeBotApi) -> dict[str, Any]:
    asked = await burst_questions(stack.rasa_url, BURST_MESSAGES // BURST_CHATS)
    stage(f"burst: {BURST_MESSAGES} messages from {BURST_CHATS} chats within {BURST_SECONDS:.0f} s through Telegram")
    unavailable_before = stack.log("bot").count("Rasa unavailable")
    result = await burst(api, stack.pid("bot"), asked)
    result["rasa_unavailable"] = stack.log("bot").count("Rasa unavailable") - unavailable_before
    return result


def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem_kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    return (
        f"{os.cpu_count()} cores ({model}), {mem_kb / 1024 / 1024:.0f} GB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def stage(message: str) -> None:
    print(f"bench: {message}", flush=True)


async def run(args: argparse.Namespace, model: Path, stock_model_: Path | None, var: Path) -> dict[str, Any]:
    results: dict[str, Any] = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
    stack = Stack.on_free_ports(model, var)
    try:
        stage("cold start (actions, then Rasa, until the first correct answer)")
        results["cold_start"] = await cold_start(stack)
        stage(f"REST: {args.sequential} sequential questions")
        results["sequential"] = await sequential(stack.rasa_url, args.sequential)
        stage(f"REST: one conversation of {args.long} messages")
        results["long"] = await long_conversation(stack.rasa_url, args.long)
        results["throughput"] = []
        for concurrency in (1, 8, 16, 32):
            stage(f"REST: throughput at concurrency {concurrency}")
            results["throughput"].append(await throughput(stack.rasa_url, concurrency, args.per_level))
        async with fake_bot_api_server() as (api, api_url):
            stack.start_bot(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api_url)
            await wait_for_bot(api)
            stage(f"Telegram: {args.telegram} updates through the fake Bot API")
            results["telegram"] = await telegram_latency(api, args.telegram)
            results |= await soak_and_memory(stack, api, args.soak)
            results["burst"] = await run_burst(stack, api)
            results["burst"]["queue_warnings"] = stack.log("bot").count("Rasa queue:")
            results["burst"]["intake_closings"] = intake_closings(stack.log("bot")) - results["soak"]["intake_closings"]
    finally:
        stack.stop()
    if args.workers > 1:
        results["workers"] = await scale_out(args, model, var / "workers")
    if stock_model_ is not None:
        results["default"] = await stock(args, stock_model_, var / "stock")
    return results


def ratio(ours: float, theirs: float | None) -> str:
    return f"{ours / theirs:.2f}" if theirs else "–"


def mark(ok: bool | None) -> str:
    return "–" if ok is None else ("✅" if ok else "❌")


def row(
    measure: str, result: str, target: str = "–", ok: bool | None = None, default: str = "–", ratio_: str = "–"
) -> str:
    return f"| {measure} | {result} | {target} | {mark(ok)} | {default} | {ratio_} |"


def burst_rows(b: dict[str, Any]) -> list[str]:
    answered_in_order = b["real_answers"] == b["messages"] and b["chats_out_of_order"] == 0
    growth = (b["bot_rss_after_mb"] - b["bot_rss_before_mb"]) / b["bot_rss_before_mb"] * 100
    times = "–" if b["p50_s"] is None else f"{b['p50_s']:.1f} / {b['p95_s']:.1f} / {b['max_s']:.1f} s"
    return [
        row(
            f"burst: {b['messages']} messages from {b['chats']} chats pushed within {b['push_seconds']:.0f} s "
            "through Telegram",
            f'{b["real_answers"]} real answers, {b["cannot_answer"]} "can\'t answer now", {b["other_replies"]} '
            f"other replies, {b['chats_out_of_order']} chats out of order; queue warnings: {b['queue_warnings']}; "
            f"intake closed: {b.get('intake_closings', '–')} times",
            'every one answered, in order, 0 "can\'t answer now"',
            answered_in_order and b["cannot_answer"] == 0,
        ),
        row("burst: update → real answer, p50 / p95 / max", times),
        row(
            "burst: bot RSS before → after (at most TELEGRAM_MAX_PENDING_UPDATES of them in the bot at once)",
            f"{b['bot_rss_before_mb']:.0f} → {b['bot_rss_after_mb']:.0f} MB ({growth:+.1f} %)",
        ),
    ]


def soak_rows(r: dict[str, Any]) -> list[str]:
    """The memory rows (peak RSS, RSS before → after the soak, per process) and the soak's own row; the bot's row
    names its RSS along the soak when it was sampled."""
    lines = []
    bounds = {"rasa": 1200.0, "actions": None, "bot": 200.0}
    for name, mem in r["memory"].items():
        growth = (mem["after_mb"] - mem["before_mb"]) / mem["before_mb"] * 100
        bound = bounds[name]
        curve = r["soak"].get(f"{name}_rss_mb")
        along = f" (along the soak: {' → '.join(f'{mb:.0f}' for _, mb in curve)} MB)" if curve else ""
        lines.append(row(
            f"memory {name}: peak RSS; RSS before → after the soak",
            f"{mem['peak_mb']:.0f} MB; {mem['before_mb']:.0f} → {mem['after_mb']:.0f} MB ({growth:+.1f} %){along}",
            (f"≤ {bound:.0f} MB, " if bound else "") + "growth < 10 %",
            growth < 10 and (bound is None or mem["peak_mb"] <= bound),
        ))  # fmt: skip
    soak_ = r["soak"]
    failures = soak_["lost"] + soak_["rasa_unavailable"]
    lines.append(row(
        f"soak: {soak_['count']} messages through Telegram",
        f"{soak_['seconds']:.0f} s, {soak_['lost']} without reply, {soak_['rasa_unavailable']} \"can't answer now\"; "
        f"intake closed: {soak_.get('intake_closings', '–')} times, "
        f"{soak_.get('left_at_telegram', '–')} left at Telegram",
        "0 errors", failures == 0,
    ))  # fmt: skip
    return lines


def scale_out_rows(w: dict[str, Any]) -> list[str]:
    """One row per worker count and concurrency, with what they shared."""

    def cpu(t: dict[str, Any]) -> str:
        return ", ".join(f"{name} {ms:.0f}" for name, ms in t["cpu_ms_per_message"].items())

    lines = []
    for r in w["rows"]:
        for t in r["throughput"]:
            c = t["concurrency"]
            lines.append(row(
                f"scale-out: {plural(r['workers'], 'Sanic worker')} ({plural(r['rasa_processes'], 'Rasa process')}), "
                "Redis lock store, "
                f"PostgreSQL tracker store; concurrency {c} ({t['count']} messages)",
                f"{t['per_second']:.0f}/s, {t['errors']} errors, p50 / p95 {t['p50_ms']:.0f} / {t['p95_ms']:.0f} ms; "
                f"CPU ms per message: {cpu(t)}; {t['busy_cores']:.1f} cores busy; Rasa RSS {r['rasa_rss_mb']:.0f} MB",
                "≥ 100/s, 0 errors" if c == 16 else "0 errors",
                (t["per_second"] >= 100 if c == 16 else True) and t["errors"] == 0,
            ))  # fmt: skip
    rates = {r["workers"]: r["throughput"][0]["per_second"] for r in w["rows"]}
    if len(rates) == 2:
        one, more = sorted(rates)
        lines.append(row(
            f"scale-out: {more} workers over 1 at concurrency {SCALE_OUT_CONCURRENCY[0]} (shared: {w['shared']})",
            f"× {rates[more] / rates[one]:.2f}",
        ))  # fmt: skip
    return lines


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "es" if noun.endswith("s") else "s")


def stock_rows(ours: dict[str, Any], stock_: dict[str, Any]) -> list[str]:
    """Ours beside stock Rasa: sequential p50/p95 and throughput at concurrency 16, as how many times better."""
    lines = []
    name = f"stock Rasa ({stock_.get('model', 'default pipeline')})"
    for key, label in (("p50_ms", "p50"), ("p95_ms", "p95")):
        mine, theirs = ours["sequential"][key], stock_["sequential"][key]
        lines.append(row(
            f"{name} → ours: REST latency {label} ({ours['sequential']['count']} sequential questions)",
            f"{mine:.1f} ms, {ours['sequential']['errors']} errors", "≥ 2× faster", theirs / mine >= 2,
            f"{theirs:.1f} ms, {stock_['sequential']['errors']} errors", f"{theirs / mine:.2f}× faster",
        ))  # fmt: skip
    mine_t, theirs_t = (next(t for t in r["throughput"] if t["concurrency"] == 16) for r in (ours, stock_))
    lines.append(row(
        f"{name} → ours: REST throughput, concurrency 16 ({mine_t['count']} messages)",
        f"{mine_t['per_second']:.0f}/s, {mine_t['errors']} errors", "≥ 2× the messages/s",
        mine_t["per_second"] / theirs_t["per_second"] >= 2,
        f"{theirs_t['per_second']:.0f}/s, {theirs_t['errors']} errors",
        f"{mine_t['per_second'] / theirs_t['per_second']:.2f}×",
    ))  # fmt: skip
    lines.append(row(
        f"{name} → ours: cold start (processes started → first correct answer)",
        f"{ours['cold_start']['first_answer_seconds']:.1f} s", "–", None,
        f"{stock_['cold_start']['first_answer_seconds']:.1f} s",
    ))  # fmt: skip
    return lines


def long_row(long_: dict[str, Any]) -> str:
    medians = ", ".join(f"{span} {ms:.0f}" for span, ms in long_["medians_ms"].items())
    return row(
        f"one conversation of {long_['count']} messages: median ms of messages {medians}; last / first",
        f"{long_['ratio']:.2f}, {long_['errors']} errors, {long_['wrong_facts']} wrong",
        "≤ 1.5",
        long_["ratio"] <= 1.5,
    )


def markdown(r: dict[str, Any]) -> str:
    seq, tg, cold = r["sequential"], r["telegram"], r["cold_start"]
    default = r.get("default") or {}
    d_seq = default.get("sequential")
    d_thr = (default.get("throughput") or [None])[0]
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {r['date']}: {r['machine']}.",
        "Through the real processes on 127.0.0.1 (action server, Rasa with models/current.tar.gz, the Telegram bot",
        "polling a local fake Bot API), SQLite tracker store. Numbers are measurements, not tests. Stock Rasa:",
        "Rasa's default pipeline trained on the same data, plain `rasa run`, Rasa's SQL tracker store, our action",
        "server; same questions, same machine, same run.",
        "",
        "| measure | result | target | met | stock Rasa | ours / stock |",
        "|---|---|---|---|---|---|",
    ]
    for key, label, target in (("p50_ms", "p50", 15), ("p95_ms", "p95", 30), ("p99_ms", "p99", None)):  # issue 15
        theirs = d_seq[key] if d_seq else None
        lines.append(row(
            f"REST latency {label} ({seq['count']} sequential questions, 8 locales)", f"{seq[key]:.1f} ms",
            f"≤ {target} ms" if target else "–", seq[key] <= target if target else None,
            f"{theirs:.1f} ms" if theirs else "–", ratio(seq[key], theirs),
        ))  # fmt: skip
    lines.append(row(
        "REST errors / replies missing an expected fact", f"{seq['errors']} / {seq['wrong_facts']}", "0 errors",
        seq["errors"] == 0, f"{d_seq['errors']} / {d_seq['wrong_facts']}" if d_seq else "–",
    ))  # fmt: skip
    long_ = r.get("long")
    if long_:
        lines.append(long_row(long_))
    for t in r["throughput"]:
        c = t["concurrency"]
        theirs = d_thr if d_thr and d_thr["concurrency"] == c else None
        lines.append(row(
            f"REST throughput, concurrency {c} ({t['count']} messages)",
            f"{t['per_second']:.0f}/s, {t['errors']} errors, p95 {t['p95_ms']:.0f} ms",
            "≥ 100/s, 0 errors" if c == 16 else "–", t["per_second"] >= 100 and t["errors"] == 0 if c == 16 else None,
            f"{theirs['per_second']:.0f}/s, {theirs['errors']} errors" if theirs else "–",
            ratio(t["per_second"], theirs["per_second"]) if theirs else "–",
        ))  # fmt: skip
    if r.get("workers"):
        lines += scale_out_rows(r["workers"])
    if default:
        lines += stock_rows(r, default)
    lines.append(row(
        f"Telegram update → reply sent, p50 / p95 ({tg['count']} updates)",
        f"{tg['p50_ms']:.0f} / {tg['p95_ms']:.0f} ms, {tg['lost']} lost",
    ))  # fmt: skip
    d_cold = default["cold_start"]["first_answer_seconds"] if default else None
    lines.append(row(
        "cold start: processes started → first correct answer", f"{cold['first_answer_seconds']:.1f} s", "≤ 30 s",
        cold["first_answer_seconds"] <= 30, f"{d_cold:.1f} s" if d_cold else "–",
        ratio(cold["first_answer_seconds"], d_cold),
    ))  # fmt: skip
    lines += soak_rows(r)
    if r.get("burst"):
        lines += burst_rows(r["burst"])
    evaluation = r.get("nlu_eval")
    if evaluation:
        ours, theirs = evaluation["ours"], evaluation.get("default")
        for label, key, target, digits in (("training time", "train_seconds", 180, 0),
                                           ("model load", "load_seconds", 15, 1)):  # fmt: skip
            base = theirs[key] if theirs else None
            lines.append(row(
                label, f"{ours[key]:.{digits}f} s", f"≤ {target} s", ours[key] <= target,
                f"{base:.{digits}f} s" if base else "–", ratio(ours[key], base),
            ))  # fmt: skip
        for locale, mine in ours["locales"].items():
            goal = 0.95 if locale in ("de", "en") else 0.90
            base = theirs["locales"][locale]["intent_macro_f1"] if theirs else None
            lines.append(row(
                f"NLU intent macro-F1, {locale} (held-out)", f"{mine['intent_macro_f1']:.3f}", f"≥ {goal:.2f}",
                mine["intent_macro_f1"] >= goal, f"{base:.3f}" if base else "–", ratio(mine["intent_macro_f1"], base),
            ))  # fmt: skip
    lines += ["", "Raw figures: `reports/bench.json`; NLU details: `reports/nlu_eval.md`."]
    return "\n".join(lines) + "\n"


def write_section(name: str, results: dict[str, Any], rows: list[str]) -> None:
    """An --only section's figures: reports/bench_<name>.json, and printed with its table rows."""
    results["machine"] = machine()
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / f"bench_{name}.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    print("\n".join(rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(ROOT / "models" / "current.tar.gz"))
    parser.add_argument(
        "--stock-model",
        help="the model stock Rasa serves (default: Rasa's default pipeline, build/eval/default-dialogue.tar.gz, "
        "trained when missing or out of date)",
    )
    parser.add_argument("--no-stock", action="store_true", help="skip stock Rasa")
    parser.add_argument("--sequential", type=int, default=400)
    parser.add_argument("--per-level", type=int, default=400)
    parser.add_argument("--telegram", type=int, default=100)
    parser.add_argument("--soak", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="Sanic workers for the scale-out run (1: skip it)")
    parser.add_argument("--long", type=int, default=400, help="messages in the one long conversation")
    parser.add_argument(
        "--only",
        choices=["long", "soak", "burst", "scaleout", "stock", "rest"],
        help="run only this section (printed, and written to reports/bench_<section>.json)",
    )
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args(argv)
    model = Path(args.model).resolve()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        var = Path(tmp)
        if args.only == "burst":
            results = asyncio.run(only_burst(args, model, var))
            write_section("burst", results, burst_rows(results["burst"]))
            return 0
        if args.only == "soak":
            results = asyncio.run(only_soak(args, model, var))
            write_section("soak", results, soak_rows(results))
            return 0
        if args.only == "long":
            results = asyncio.run(only_long(args, model, var))
            write_section("long", results, [long_row(results["long"])])
            return 0
        if args.only == "rest":
            results = asyncio.run(only_rest(args, model, var))
            write_section("rest", results, rest_rows(results))
            return 0
        if args.only == "scaleout":
            results = asyncio.run(only_scale_out(args, model, var))
            write_section("scaleout", results, scale_out_rows(results["workers"]))
            return 0
        stock_model_ = None if args.no_stock else stock_model(args)
        if args.only == "stock":
            assert stock_model_ is not None, "--only stock with --no-stock"
            results = asyncio.run(only_stock(args, model, stock_model_, var))
            write_section("stock", results, stock_rows(results["ours"], results["default"]))
            return 0
        results = asyncio.run(run(args, model, stock_model_, var))
    results["machine"] = machine()
    eval_path = ROOT / "reports" / "nlu_eval.json"
    results["nlu_eval"] = json.loads(eval_path.read_text()) if eval_path.exists() else None
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "bench.json").write_text(json.dumps(results, indent=2) + "\n")
    text = markdown(results)
    Path(args.out).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
