"""Load through Rasa's REST channel: the end-to-end questions, timed (make bench, the resilience soak)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import aiohttp
import yaml

QUESTIONS = Path(__file__).resolve().parents[1] / "e2e" / "questions.yml"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def questions() -> list[tuple[str, str, list[str]]]:
    """(locale, question, expected facts) from the end-to-end set, one-turn questions only."""
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return [(loc, q["ask"], q["expect"]) for loc, items in data.items() for q in items if not q.get("before")]


async def ask(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> tuple[float, str | None]:
    """(seconds, reply text or None on error)."""
    started = time.perf_counter()
    try:
        async with session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}) as reply:
            body = await reply.json() if reply.status == 200 else None
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        body = None
    seconds = time.perf_counter() - started
    if not isinstance(body, list) or not body:
        return seconds, None
    return seconds, "\n".join(str(m.get("text") or "") for m in body)


async def throughput(url: str, concurrency: int, count: int) -> dict[str, Any]:
    asked = questions()
    errors = 0
    latencies: list[float] = []
    next_index = 0

    async def worker(worker_id: int, session: aiohttp.ClientSession) -> None:
        nonlocal errors, next_index
        while next_index < count:
            i = next_index
            next_index += 1
            seconds, reply = await ask(session, url, f"c{concurrency}-{worker_id}-{i // 20}", asked[i % len(asked)][1])
            latencies.append(seconds)
            errors += reply is None

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as session:
        started = time.perf_counter()
        await asyncio.gather(*(worker(w, session) for w in range(concurrency)))
        elapsed = time.perf_counter() - started
    return {
        "concurrency": concurrency,
        "count": count,
        "per_second": count / elapsed,
        "p50_ms": percentile(latencies, 0.5) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "errors": errors,
    }
