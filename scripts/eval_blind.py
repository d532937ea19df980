"""The blind test set (tests/conversations/<locale>.yml) through a running stack, over REST.

Every single message is asked by a new user; every conversation by one user, turn by
turn. Each reply is judged by tests.support.replies.judge: the right facts in the
right language; emergency numbers first for emergencies; no emergency block for
anything else; a clean "I don't know, here is who knows" for out-of-scope questions.

    python -m scripts.eval_blind --rasa-url http://127.0.0.1:5005 [--out reports/blind_eval.md]

Writes a Markdown report (per locale) and returns the per-locale figures. The set was
written by people who never saw nlu_data/; it is never trained on.
"""

from __future__ import annotations

import argparse
import asyncio
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from actions.content.knowledge import Knowledge, load_knowledge
from tests.support.replies import Verdict, judge

ROOT = Path(__file__).resolve().parents[1]
BLIND_DIR = ROOT / "tests" / "conversations"
CONCURRENCY = 4


def other_topic_facts(knowledge: Knowledge) -> list[str]:
    """Facts no decline may contain: information links, survey links, topic hotlines.

    A decline may show the district's contact cards and the nationwide numbers (which
    include the medical on-call line 116117), so their facts do not count.
    """
    card_facts = {f for c in knowledge.contacts for f in (c.website, c.email) if f}
    facts = [link.url for link in knowledge.links] + [survey.url for survey in knowledge.surveys]
    facts += [h.phone.number for h in knowledge.hotlines if not h.emergency and "medical" not in h.topics]
    return sorted({f for f in facts if not any(f in card or card in f for card in card_facts)})


@dataclass
class Outcome:
    """One judged message: where it came from, what was sent, what came back."""

    locale: str
    text: str
    replies: list[str]
    verdict: Verdict
    conversation: str | None = None  # name of the conversation, None for single messages


@dataclass
class LocaleFigures:
    single: list[Outcome] = field(default_factory=list)
    turns: list[Outcome] = field(default_factory=list)

    def _rate(self, outcomes: Iterable[Outcome], hit: str, kinds: tuple[str, ...]) -> tuple[int, int]:
        chosen = [o for o in outcomes if o.verdict.kind in kinds]
        return sum(bool(getattr(o.verdict, hit)) for o in chosen), len(chosen)

    def figures(self) -> dict[str, tuple[int, int]]:
        everything = self.single + self.turns
        return {
            "single messages right": self._rate(self.single, "correct", ("answer", "emergency", "out_of_scope")),
            "conversation turns right": self._rate(self.turns, "correct", ("answer", "emergency", "out_of_scope")),
            "emergencies with numbers first": self._rate(everything, "emergency_first", ("emergency",)),
            "false alarms": self._rate(everything, "false_alarm", ("answer", "out_of_scope")),
            "out of scope: clean decline": self._rate(everything, "clean_decline", ("out_of_scope",)),
        }


async def _ask(session: aiohttp.ClientSession, rasa_url: str, sender: str, text: str) -> list[str]:
    async with session.post(f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}) as reply:
        reply.raise_for_status()
        return [r.get("text") or "" for r in await reply.json()]


def load_blind_set(blind_dir: Path = BLIND_DIR) -> dict[str, dict[str, Any]]:
    """{locale: {messages: [...], conversations: [...]}} from tests/conversations/*.yml."""
    sets = {}
    for path in sorted(blind_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        sets[data["locale"]] = data
    return sets


async def evaluate(rasa_url: str, blind_set: dict[str, dict[str, Any]]) -> dict[str, LocaleFigures]:
    """Ask every message of every locale; {locale: figures}."""
    leak_facts = other_topic_facts(load_knowledge(ROOT / "knowledge"))
    results: dict[str, LocaleFigures] = {}
    limit = asyncio.Semaphore(CONCURRENCY)

    async def single(session: aiohttp.ClientSession, locale: str, item: dict[str, Any]) -> None:
        async with limit:
            replies = await _ask(session, rasa_url, f"blind-{uuid.uuid4().hex[:10]}", item["text"])
        results[locale].single.append(Outcome(locale, item["text"], replies, judge(replies, item, locale, leak_facts)))

    async def conversation(session: aiohttp.ClientSession, locale: str, talk: dict[str, Any]) -> None:
        sender = f"blind-{uuid.uuid4().hex[:10]}"
        async with limit:
            for turn in talk["turns"]:
                replies = await _ask(session, rasa_url, sender, turn["text"])
                verdict = judge(replies, turn, locale, leak_facts)
                results[locale].turns.append(Outcome(locale, turn["text"], replies, verdict, talk.get("name", "")))

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        tasks = []
        for locale, data in blind_set.items():
            results[locale] = LocaleFigures()
            tasks += [single(session, locale, item) for item in data.get("messages", [])]
            tasks += [conversation(session, locale, talk) for talk in data.get("conversations", [])]
        await asyncio.gather(*tasks)
    return results


def _cell(hit: int, total: int) -> str:
    return f"{hit}/{total} ({hit / total:.1%})" if total else "–"


def report(results: dict[str, LocaleFigures], title: str) -> str:
    """Markdown: one row per locale, then every failure with the reply it got."""
    columns = list(LocaleFigures().figures())
    lines = [f"## {title}", "", "| locale | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    totals = {column: [0, 0] for column in columns}
    for locale, figures in results.items():
        row = figures.figures()
        for column in columns:
            totals[column][0] += row[column][0]
            totals[column][1] += row[column][1]
        lines.append(f"| {locale} | " + " | ".join(_cell(*row[column]) for column in columns) + " |")
    lines.append("| **all** | " + " | ".join(_cell(*totals[column]) for column in columns) + " |")
    lines += ["", f"### What went wrong ({title})", ""]
    for locale, figures in results.items():
        for outcome in figures.single + figures.turns:
            if not outcome.verdict.correct:
                where = f" (conversation “{outcome.conversation}”)" if outcome.conversation is not None else ""
                reply = " / ".join(outcome.replies)[:240].replace("\n", " ")
                lines.append(
                    f"- {locale}{where}: “{outcome.text}” – {'; '.join(outcome.verdict.problems)} – reply: “{reply}”"
                )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    parser.add_argument("--title", default="Blind test set through the real stack (REST)")
    parser.add_argument("--out", type=Path, help="write the Markdown report here (default: print it)")
    parser.add_argument("--blind-dir", type=Path, default=BLIND_DIR, help="folder of <locale>.yml files")
    args = parser.parse_args(argv)
    text = report(asyncio.run(evaluate(args.rasa_url.rstrip("/"), load_blind_set(args.blind_dir))), args.title)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
