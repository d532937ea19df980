"""The bot's memory stays small: its language detector loads no full lingua models (BENCHMARKS.md had 80 → 352 MB)."""

from __future__ import annotations

import subprocess
import sys

from ..conftest import ROOT

# A bot process in all but the network: everything `python -m bot` imports, its content,
# and the replies it renders itself for 1,000 messages in all eight locales, each message
# new (no detection cache hits) and detected as for the "can't answer right now" fallback.
BOT_LIKE = r"""
import yaml
import bot.__main__, bot.app, bot.handlers
from actions.settings import BotSettings
from bot.texts import LocalTexts

texts = LocalTexts.from_settings(BotSettings(token=None))
questions = yaml.safe_load(open("tests/e2e/questions.yml", encoding="utf-8"))
messages = [(locale, q["ask"]) for locale, items in questions.items() for q in items]
assert len({locale for locale, _ in messages}) == 8
for i in range(1000):
    locale, text = messages[i % len(messages)]
    texts.render("utter_cannot_answer_now", texts.locale_for(None, f"{text} {i}", None))
    texts.render("utter_ask_language", locale)
    texts.language_buttons(), texts.district_buttons()
# VmHWM, the peak RSS of this program; ru_maxrss would carry the pytest parent's over fork and exec.
print(next(int(line.split()[1]) // 1024 for line in open("/proc/self/status") if line.startswith("VmHWM:")))
"""


def test_a_bot_rendering_its_own_replies_for_1000_messages_stays_under_150_mb() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BOT_LIKE], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    peak_mb = int(result.stdout.split()[-1])
    # Measured 2026-11: 99 MB (the full lingua models: 325 MB).
    assert peak_mb <= 150, f"peak RSS {peak_mb} MB"
