"""`make eval`: NLU quality per locale on the held-out split, against Rasa's default pipeline.

Trains config.yml and Rasa's default pipeline (scripts/default_config.yml) on
nlu_data/ (never on nlu_test/), parses every nlu_test/<locale>.yml example with
each model, and writes reports/nlu_eval.md (+ JSON) with, per locale: intent
macro-F1, out-of-scope recall (out_of_scope or nlu_fallback counts as caught),
district entity F1; plus training and model load times, cross-validation of
config.yml, and Rasa's confusion-matrix images under reports/nlu/.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ("de", "en", "ar", "fa", "ru", "uk", "tr")
ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<entity>[a-z_]+)\)|\{(?P<json>[^}]*)\})")
RASA = str(Path(sys.executable).parent / "rasa")
TARGETS = {"de": 0.95, "en": 0.95}  # every other locale: 0.90
ENTITIES = ("district", "municipality", "language")


@dataclass
class Example:
    text: str
    intent: str
    entities: set[tuple[str, int, int]] = field(default_factory=set)  # (entity, start, end)


def parse_example(line: str, intent: str) -> Example:
    """Strip Rasa's [text](entity) markup, remembering where the entities are."""
    text, last = "", 0
    entities: set[tuple[str, int, int]] = set()
    for match in ANNOTATION.finditer(line):
        text += line[last : match.start()]
        start = len(text)
        text += match.group("text")
        entity = match.group("entity") or json.loads("{" + match.group("json") + "}").get("entity")
        entities.add((entity, start, len(text)))
        last = match.end()
    text += line[last:]
    return Example(text=text, intent=intent, entities=entities)


def load_split(locale: str) -> list[Example]:
    data = yaml.safe_load((ROOT / "nlu_test" / f"{locale}.yml").read_text(encoding="utf-8"))
    return [
        parse_example(line[2:].strip(), item["intent"])
        for item in data["nlu"]
        for line in item["examples"].strip().splitlines()
    ]


def train(config: Path, out: Path, name: str, data: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [RASA, "train", "nlu", "--nlu", str(data), "--config", str(config),
         "--out", str(out), "--fixed-model-name", name],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.monotonic() - started


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


async def evaluate(model: Path) -> tuple[float, dict[str, dict[str, float]]]:
    from rasa.core.agent import Agent
    from sklearn.metrics import f1_score

    started = time.monotonic()
    agent = Agent.load(str(model))
    load_seconds = time.monotonic() - started
    results: dict[str, dict[str, float]] = {}
    for locale in LOCALES:
        examples = load_split(locale)
        truth, predicted = [], []
        counts = {name: [0, 0, 0] for name in ENTITIES}  # tp, fp, fn
        for example in examples:
            parsed = await agent.parse_message(example.text)
            intent = parsed["intent"]["name"]
            truth.append(example.intent)
            predicted.append(intent)
            found = {(e["entity"], e["start"], e["end"]) for e in parsed.get("entities", [])}
            for name, count in counts.items():
                mine = {span for span in found if span[0] == name}
                expected = {span for span in example.entities if span[0] == name}
                count[0] += len(mine & expected)
                count[1] += len(mine - expected)
                count[2] += len(expected - mine)
        oos = [p for t, p in zip(truth, predicted, strict=True) if t == "out_of_scope"]
        labels = sorted(set(truth))
        results[locale] = {
            "examples": len(examples),
            "intent_macro_f1": float(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0)),
            "accuracy": sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth),
            "oos_recall": sum(p in ("out_of_scope", "nlu_fallback") for p in oos) / len(oos),
            **{f"{name}_f1": f1(*count) for name, count in counts.items()},
        }
    return load_seconds, results


def measure(model: Path) -> dict[str, Any]:
    """Evaluate in a fresh process so TensorFlow state of one model cannot leak into the next."""
    code = (
        "import asyncio, json, pathlib\n"
        "from scripts.eval_nlu import evaluate\n"
        f"print('RESULT' + json.dumps(asyncio.run(evaluate(pathlib.Path({str(model)!r})))))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    load_seconds, results = json.loads(output.split("RESULT", 1)[1])
    return {"load_seconds": load_seconds, "locales": results}


def cross_validate(config: Path, data_dir: Path, folds: int, out: Path) -> dict[str, float]:
    subprocess.run(
        [RASA, "test", "nlu", "--nlu", str(data_dir), "--config", str(config), "--cross-validation",
         "--folds", str(folds), "--out", str(out)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    report = json.loads((out / "intent_report.json").read_text())
    return {"intent_macro_f1": report["macro avg"]["f1-score"], "accuracy": report["accuracy"]}


def confusion_images(model: Path, out: Path) -> None:
    subprocess.run(
        [RASA, "test", "nlu", "--nlu", "nlu_test", "--model", str(model), "--out", str(out)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def markdown(ours: dict[str, Any], default: dict[str, Any] | None, cv: dict[str, float] | None) -> str:
    lines = [
        "# NLU evaluation",
        "",
        f"Generated by `make eval` on {time.strftime('%Y-%m-%d %H:%M')} ({os.cpu_count()} CPU cores).",
        "Held-out split: `nlu_test/<locale>.yml` (never trained on). Default = Rasa's `rasa init` pipeline",
        "(`scripts/default_config.yml`) trained on the same data. Ratio = ours / default.",
        "",
        "| locale | n | intent macro-F1 | target | default | ratio | OOS recall | default "
        "| district F1 | default | municipality F1 | default | language F1 | default |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]

    def cell(result: dict[str, Any] | None, locale: str, key: str) -> str:
        return f"{result['locales'][locale][key]:.3f}" if result else "–"

    for locale in LOCALES:
        mine = ours["locales"][locale]
        ratio = f"{mine['intent_macro_f1'] / default['locales'][locale]['intent_macro_f1']:.3f}" if default else "–"
        lines.append(
            f"| {locale} | {mine['examples']} | {mine['intent_macro_f1']:.3f} | {TARGETS.get(locale, 0.90):.2f} | "
            f"{cell(default, locale, 'intent_macro_f1')} | {ratio} | {mine['oos_recall']:.3f} | "
            f"{cell(default, locale, 'oos_recall')} | "
            + " | ".join(f"{mine[f'{name}_f1']:.3f} | {cell(default, locale, f'{name}_f1')}" for name in ENTITIES)
            + " |"
        )
    lines += ["", "| | config.yml | default |", "|---|---|---|"]
    for label, key, digits in (("training (s)", "train_seconds", 0), ("model load (s)", "load_seconds", 1)):
        base = f"{default[key]:.{digits}f}" if default else "–"
        lines.append(f"| {label} | {ours[key]:.{digits}f} | {base} |")
    if cv:
        lines += [
            "",
            f"Cross-validation of config.yml on nlu_data/ ({cv['folds']} folds): "
            f"intent macro-F1 {cv['intent_macro_f1']:.3f}, accuracy {cv['accuracy']:.3f}.",
        ]
    lines += [
        "",
        "Confusion matrices and error lists: `reports/nlu/ours/`" + (", `reports/nlu/default/`." if default else "."),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-default", action="store_true", help="do not train Rasa's default pipeline")
    parser.add_argument("--folds", type=int, default=3, help="cross-validation folds (0 to skip)")
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml", help="pipeline to evaluate as 'ours'")
    args = parser.parse_args()
    reports = ROOT / "reports"
    (reports / "nlu").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "all"
        data.mkdir()
        subprocess.run(
            [sys.executable, "-m", "actions.tools.nlu_lookups", str(data / "knowledge_lookups.yml")],
            cwd=ROOT,
            check=True,
        )
        for path in (ROOT / "nlu_data" / "nlu").glob("*.yml"):
            (data / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        summary: dict[str, Any] = {}
        for name, config in (("ours", args.config), ("default", ROOT / "scripts" / "default_config.yml")):
            if name == "default" and args.skip_default:
                continue
            print(f"eval: training {name} ({config.name})", flush=True)
            seconds = train(config, work, name, data)
            print(f"eval: {name} trained in {seconds:.0f} s; parsing the held-out split", flush=True)
            result = measure(work / f"{name}.tar.gz")
            result["train_seconds"] = seconds
            summary[name] = result
            confusion_images(work / f"{name}.tar.gz", reports / "nlu" / name)
            # Kept for `make bench`, which compares both pipelines through the real processes.
            keep = ROOT / "build" / "eval"
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(work / f"{name}.tar.gz", keep / f"{name}.tar.gz")
        cv = None
        if args.folds:
            print(f"eval: {args.folds}-fold cross-validation of config.yml", flush=True)
            cv = {**cross_validate(args.config, data, args.folds, work / "cv"), "folds": args.folds}
        summary["cross_validation"] = cv
    (reports / "nlu_eval.json").write_text(json.dumps(summary, indent=2) + "\n")
    text = markdown(summary["ours"], summary.get("default"), cv)
    (reports / "nlu_eval.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
