"""`make report`: what users asked that the bot did not understand, the language mix, the top topics.

Reads the user messages of the retention window from the tracker store
(TRACKER_STORE_URL) and prints, without any user id:

- per locale, the messages that went to the fallback (nlu_fallback, out_of_scope
  or an intent below the confidence threshold), grouped by their normalized
  text and counted, most frequent first: candidates for new training examples
  or answers;
- the language mix (the language the message was written in when detection
  is confident, else the locale the user chose, else "unknown");
- the most asked topics (intents);
- per district, the tickets of the human handover (TICKET_STORE_URL): how many
  were opened and answered, and the median and 90th-percentile time from
  opening to the staff's first answer.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from actions.content.language_policy import LanguageDetector
from actions.server.stored_conversations import SECONDS_PER_DAY, ConversationStore, UserMessage
from actions.settings import SettingsError, retention_days, stack_env, ticket_store_url
from bot.tickets import TicketStore, TicketTimes

NOT_UNDERSTOOD = {"nlu_fallback", "out_of_scope"}
# Payloads of buttons and commands are not questions anyone typed.
PAYLOAD = re.compile(r"^/\w")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\s\u200c\u200d]+", " ", text)
    return text.strip(" ?!.,;:¿؟")


def message_locale(message: UserMessage, detector: LanguageDetector) -> str:
    detected = detector.detect(message.text)
    if detected:
        return detected
    chosen = message.metadata.get("locale")
    return str(chosen) if chosen else "unknown"


def build_report(
    messages: Iterable[UserMessage], detector: LanguageDetector, threshold: float, top: int, since: float
) -> str:
    not_understood: dict[str, Counter[str]] = defaultdict(Counter)
    languages: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    total = 0
    for message in messages:
        if not message.text or PAYLOAD.match(message.text):
            if message.intent and message.intent not in NOT_UNDERSTOOD:
                topics[message.intent] += 1
            continue
        total += 1
        locale = message_locale(message, detector)
        languages[locale] += 1
        confident = message.confidence is not None and message.confidence >= threshold
        if message.intent in NOT_UNDERSTOOD or not confident:
            not_understood[locale][normalize(message.text)] += 1
        elif message.intent:
            topics[message.intent] += 1

    lines = [
        "# What users asked",
        "",
        f"Since {time.strftime('%Y-%m-%d', time.localtime(since))}: {total} typed messages "
        f"(button presses and commands count as topics only). No user ids are read or shown.",
        "",
        "## Not understood, per locale (add training examples or answers for these)",
    ]
    if not not_understood:
        lines.append("")
        lines.append("Nothing: every typed message was understood.")
    for locale in sorted(not_understood, key=lambda loc: -sum(not_understood[loc].values())):
        counter = not_understood[locale]
        lines += ["", f"### {locale} ({sum(counter.values())})", ""]
        lines += [f"{count:>5}  {text}" for text, count in counter.most_common(top)]
        if len(counter) > top:
            lines.append(f"       … and {len(counter) - top} more")
    lines += ["", "## Language mix", ""]
    for locale, count in languages.most_common():
        lines.append(f"{count:>5}  {locale:<10} {count / max(total, 1):6.1%}")
    lines += ["", "## Most asked topics", ""]
    lines += [f"{count:>5}  {intent}" for intent, count in topics.most_common(top)]
    return "\n".join(lines) + "\n"


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.5: the median of an odd count, the lower middle of an even one)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def duration(seconds: float) -> str:
    """'45 min', '3 h 05 min', '2 d 4 h'."""
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"


def ticket_report(tickets: Iterable[TicketTimes]) -> str:
    """Per district: tickets opened, answered, median and 90th percentile of the time to the first answer."""
    per_district: dict[str, list[TicketTimes]] = defaultdict(list)
    for ticket in tickets:
        per_district[ticket.district or "(no district)"].append(ticket)
    lines = ["", "## Tickets: questions handed to the staff groups", ""]
    if not per_district:
        lines.append("None in this period.")
        return "\n".join(lines) + "\n"
    lines.append(f"{'district':<16} {'opened':>6} {'answered':>8}  {'first answer: median':<20}  90th percentile")
    for district in sorted(per_district):
        items = per_district[district]
        waits = [t.first_answer_at - t.opened_at for t in items if t.first_answer_at is not None]
        median = duration(percentile(waits, 0.5)) if waits else "–"
        p90 = duration(percentile(waits, 0.9)) if waits else "–"
        lines.append(f"{district:<16} {len(items):>6} {len(waits):>8}  {median:<20}  {p90}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=float, help="window in days (default: RETENTION_DAYS, 30)")
    parser.add_argument("--threshold", type=float, default=0.55, help="below this intent confidence: not understood")
    parser.add_argument("--top", type=int, default=20, help="lines per list")
    args = parser.parse_args(argv)
    env = stack_env(os.environ)
    try:
        days = args.days if args.days is not None else retention_days(env)
        tickets_url = ticket_store_url(env)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    since = time.time() - days * SECONDS_PER_DAY
    store = ConversationStore(env["TRACKER_STORE_URL"])
    try:
        report = build_report(store.user_messages(since), LanguageDetector(), args.threshold, args.top, since)
    finally:
        store.dispose()
    tickets = TicketStore.existing(tickets_url)
    if tickets is not None:
        try:
            report += ticket_report(tickets.ticket_times(since))
        finally:
            tickets.dispose()
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
