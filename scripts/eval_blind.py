"""The blind test set (tests/conversations/<locale>.yml) through the real stack, over REST.

Every single message is asked by a new user; every conversation by one user, turn by
turn. Each reply is judged by tests.support.replies.judge: the right facts in the
right language; emergency numbers first for emergencies; no emergency block for
anything else; a clean "I don't know, here is who knows" for out-of-scope questions.

A running stack:

    python -m scripts.eval_blind --rasa-url http://127.0.0.1:5005 [--out reports/blind_eval.md]

Or one throwaway stack per model (action server + Rasa on free ports, scripts/stack.py),
each judged on the same sets – `make eval` compares ours with Rasa's default pipeline:

    python -m scripts.eval_blind --start-stack models/current.tar.gz --label ours \
        --start-stack build/eval/default.tar.gz --label "Rasa default pipeline" \
        --nlu-only-config scripts/default_config.yml --out reports/blind_eval.md

An NLU-only model (`rasa train nlu`, as scripts/eval_nlu.py trains them) has no dialogue
policy, so Rasa would answer nothing with it: with --nlu-only-config, its pipeline is
trained once more with domain.yml and the rules (<name>-dialogue.tar.gz next to it,
reused while newer than its inputs). Without --blind-dir: tests/conversations, and
tests/conversations/v2 when present.

Writes a Markdown report (a summary per set and model, then per locale with every
failure) and returns the figures. The set was written by people who never saw
nlu_data/; it is never trained on.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import tarfile
import tempfile
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from actions.content.knowledge import Knowledge, load_knowledge
from scripts.stack import Stack
from scripts.train import lookups_command, train_command
from tests.support.replies import Verdict, judge

ROOT = Path(__file__).resolve().parents[1]
BLIND_DIR = ROOT / "tests" / "conversations"
CONCURRENCY = 4
# What a dialogue model trained for an NLU-only one depends on besides its config (the NLU-only model itself is
# retrained by every `make eval`, from the same inputs).
DIALOGUE_INPUTS = ("domain.yml", "nlu_data", "knowledge/districts.yml", "constraints.txt")


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


def default_blind_dirs() -> list[Path]:
    """tests/conversations, and its v2 set when present."""
    return [BLIND_DIR] + [d for d in (BLIND_DIR / "v2",) if d.is_dir()]


def is_nlu_only(model: Path) -> bool:
    """Trained with `rasa train nlu`: no dialogue policy, so Rasa answers nothing with it."""
    with tarfile.open(model, "r:gz") as archive:
        for member in archive:
            if member.name.lstrip("./") == "metadata.json":
                handle = archive.extractfile(member)
                assert handle is not None
                metadata = json.load(handle)
                return metadata.get("training_type") == 1 or not metadata.get("core_target")  # 1: TrainingType.NLU
    raise SystemExit(f"{model} is no Rasa model (no metadata.json)")


def _newest_input(paths: Iterable[Path]) -> float:
    newest = 0.0
    for path in paths:
        files = [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file()]
        newest = max([newest, *(f.stat().st_mtime for f in files)])
    return newest


def dialogue_model(nlu_model: Path, config: Path) -> Path:
    """A model that can answer with the pipeline of `nlu_model`: `config` (the pipeline `nlu_model` was trained
    with) trained with domain.yml, the rules and nlu_data/ (plus the lookup tables), as <name>-dialogue.tar.gz
    next to it; reused while newer than `config` and DIALOGUE_INPUTS."""
    target = nlu_model.with_name(nlu_model.name.removesuffix(".tar.gz") + "-dialogue.tar.gz")
    inputs = [config, *(ROOT / name for name in DIALOGUE_INPUTS)]
    if target.exists() and target.stat().st_mtime > _newest_input(inputs):
        return target
    print(f"eval_blind: {nlu_model} is NLU-only; training its pipeline ({config}) with the dialogue rules", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        lookups = Path(tmp) / "knowledge_lookups.yml"
        subprocess.run(lookups_command(lookups), cwd=ROOT, check=True)
        command = train_command(target.parent, target.name.removesuffix(".tar.gz"), lookups.parent)
        command[command.index("--config") + 1] = str(config)
        started = time.monotonic()
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"eval_blind: trained {target} in {time.monotonic() - started:.0f} s", flush=True)
    return target


async def evaluate_sets(rasa_url: str, blind_dirs: list[Path]) -> dict[str, dict[str, LocaleFigures]]:
    """{set folder (relative to the project): {locale: figures}}, one set after the other."""
    return {_relative(d): await evaluate(rasa_url, load_blind_set(d)) for d in blind_dirs}


def evaluate_on_stack(model: Path, blind_dirs: list[Path]) -> dict[str, dict[str, LocaleFigures]]:
    """Start the action server and Rasa with `model` on free ports (scripts/stack.py), judge every set through
    them, stop them. SystemExit (after the servers' logs) when one does not start."""
    with tempfile.TemporaryDirectory(prefix="eval-blind-") as tmp:
        stack = Stack.on_free_ports(model, Path(tmp))
        print(f"eval_blind: starting the stack for {_relative(model)} (Rasa on {stack.rasa_url})", flush=True)
        try:
            stack.start()
            started = time.monotonic()
            results = asyncio.run(evaluate_sets(stack.rasa_url, blind_dirs))
            print(f"eval_blind: {_relative(model)} judged in {time.monotonic() - started:.0f} s", flush=True)
            return results
        except SystemExit:
            for name in stack.supervisor.children:
                print(f"--- {name} log ---\n" + stack.log(name)[-4000:], flush=True)
            raise
        finally:
            stack.stop()


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


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


def _totals(results: dict[str, LocaleFigures]) -> dict[str, tuple[int, int]]:
    totals: dict[str, tuple[int, int]] = {}
    for figures in results.values():
        for column, (hit, total) in figures.figures().items():
            before = totals.get(column, (0, 0))
            totals[column] = (before[0] + hit, before[1] + total)
    return totals


def document(runs: dict[str, dict[str, dict[str, LocaleFigures]]], models: dict[str, str] | None = None) -> str:
    """The whole report: {label: {set: {locale: figures}}} -> a summary table per set (one column per label),
    then each label's per-locale table and failures. `models` names each label's model."""
    models = models or {}
    columns = list(LocaleFigures().figures())
    labels = list(runs)
    sets = list(dict.fromkeys(name for results in runs.values() for name in results))
    lines = [
        "# Blind test set through the real stack",
        "",
        f"Generated on {time.strftime('%Y-%m-%d %H:%M')} by `python -m scripts.eval_blind` (`make eval`). Every "
        "message of the set went over REST to the action server and Rasa (started by scripts/stack.py on free "
        "ports for each model); single messages each from a new user, conversations turn by turn. Judged by "
        "`tests/support/replies.py`: the right facts in the asker's language, emergency numbers first for "
        "emergencies, no alarm otherwise, a clean “I don't know” for out-of-scope questions. The set was written "
        "without seeing nlu_data/ and is never trained on.",
        "",
    ]
    if models:
        lines += [f"- **{label}**: `{models[label]}`" for label in labels if label in models] + [""]
    for name in sets:
        lines += [
            f"## {name}: summary",
            "",
            "| measure | " + " | ".join(labels) + " |",
            "|---" * (len(labels) + 1) + "|",
        ]
        totals = {label: _totals(runs[label].get(name, {})) for label in labels}
        for column in columns:
            lines.append(
                f"| {column} | " + " | ".join(_cell(*totals[label].get(column, (0, 0))) for label in labels) + " |"
            )
        lines.append("")
    for name in sets:
        for label in labels:
            if name in runs[label]:
                lines.append(report(runs[label][name], f"{name}: {label}"))
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005", help="a running stack (without --start-stack)")
    parser.add_argument("--title", default="running stack", help="its name in the report (with --rasa-url)")
    parser.add_argument(
        "--start-stack", metavar="MODEL", type=Path, action="append", default=[],
        help="start a throwaway stack with this model and judge it (repeat for several models)",
    )  # fmt: skip
    parser.add_argument("--label", action="append", default=[], help="name of each --start-stack model in the report")
    parser.add_argument(
        "--nlu-only-config", type=Path,
        help="pipeline to train dialogue into an NLU-only --start-stack model with (else such a model is refused)",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, help="write the Markdown report here (default: print it)")
    parser.add_argument(
        "--blind-dir", type=Path, action="append",
        help="folder of <locale>.yml files (repeatable; default: tests/conversations and its v2 when present)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    blind_dirs = args.blind_dir or default_blind_dirs()
    if len(args.label) > len(args.start_stack):
        parser.error("more --label than --start-stack")
    runs: dict[str, dict[str, dict[str, LocaleFigures]]] = {}
    models: dict[str, str] = {}
    if not args.start_stack:
        runs[args.title] = asyncio.run(evaluate_sets(args.rasa_url.rstrip("/"), blind_dirs))
        models[args.title] = args.rasa_url
    for i, model in enumerate(args.start_stack):
        if not model.is_file():
            parser.error(f"no model at {model}")
        label = args.label[i] if i < len(args.label) else model.name
        served = model
        if is_nlu_only(model):
            if args.nlu_only_config is None:
                parser.error(f"{model} is an NLU-only model (rasa train nlu); pass --nlu-only-config to give it rules")
            served = dialogue_model(model.resolve(), args.nlu_only_config.resolve())
        models[label] = _relative(served) + (f" (the pipeline of {_relative(model)})" if served != model else "")
        runs[label] = evaluate_on_stack(served, blind_dirs)
    text = document(runs, models)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    print(text)
    if args.out:
        print(f"eval_blind: wrote {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
