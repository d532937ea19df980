"""`make purge`: delete what is older than the retention period (RETENTION_DAYS, default 30).

- Conversations in the tracker store (TRACKER_STORE_URL): every event older
  than the retention period; a conversation whose events are all older is gone.
- Telegram preferences (PREFERENCES_PATH): chats not seen for longer.
- Tickets of the human handover (TICKET_STORE_URL): tickets without activity
  for longer (their staff-group message ids, answers and events with them),
  and offers older than 24 hours.

The running stack does the same once a day (action server and bot); this is
for cron, for a changed retention period, or to check the effect now.
"""

from __future__ import annotations

import argparse
import os
import sys

from actions.server.stored_conversations import ConversationStore
from actions.settings import SettingsError, retention_days, setting_path, stack_env, ticket_store_url
from bot.preferences import PreferenceStore
from bot.tickets import TicketStore


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, help="retention in days (default: RETENTION_DAYS, 30)")
    args = parser.parse_args(argv)
    env = stack_env(os.environ)
    try:
        days = retention_days(env, args.days)
        tickets_url = ticket_store_url(env)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    store = ConversationStore(env["TRACKER_STORE_URL"])
    try:
        result = store.purge(days)
    finally:
        store.dispose()
    print(f"Conversations: {result.events} events older than {days} days deleted ({result.conversations} whole)")
    preferences_path = setting_path("PREFERENCES_PATH", env)
    if preferences_path.exists():
        forgotten = PreferenceStore(preferences_path).purge(days)
        print(f"Preferences: {forgotten} chats not seen for {days} days forgotten ({preferences_path})")
    tickets = TicketStore.existing(tickets_url)
    if tickets is not None:
        try:
            deleted = tickets.purge(days)
        finally:
            tickets.dispose()
        print(f"Tickets: {deleted} without activity for {days} days deleted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
