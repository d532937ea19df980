"""`make run` / `make serve`: the action server, Rasa and the bot through the launcher (scripts/stack.py).

Refuses to start when a port it needs is taken. Starts the action server, waits until
it answers, starts Rasa, waits until its model is loaded, then runs the bot in the
foreground (the terminal chat when no TELEGRAM_BOT_TOKEN is set). Each server's log
lines are prefixed with its name; in the terminal chat they go to var/log/<name>.log
only, so the chat stays readable. A server that exits is noticed within a second and
restarted, at most 3 times within 5 minutes; then everything stops with exit code 1.
Ctrl-C, SIGTERM or the end of the chat stops everything it started: no orphans.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from actions.settings import stack_env
from scripts.stack import ROOT, Stack


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-bot", action="store_true", help="only the action server and Rasa (make serve)")
    parser.add_argument("--model", default="models/current.tar.gz")
    args = parser.parse_args(argv)
    model = (ROOT / args.model).resolve()
    models_dir = Path(os.environ.get("MODELS_DIR") or ROOT / "models").resolve()
    if not model.is_relative_to(models_dir) or not model.is_file():
        # A model archive is code Rasa executes: only load what this project trained.
        raise SystemExit(f"{args.model}: not a trained model in {models_dir} (make train builds models/current.tar.gz)")

    env = stack_env(os.environ)
    terminal_chat = not args.no_bot and not env.get("TELEGRAM_BOT_TOKEN")
    stack = Stack(model, env, echo=not terminal_chat)
    # Every port before anything starts: fail in a second, not after Rasa has loaded its model.
    stack.check_ports(bot=not args.no_bot)

    def on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        stack.start_actions()
        if terminal_chat:
            print("Starting the action server and Rasa (about 30 s)… logs: var/log/", flush=True)
        stack.start_rasa()
        if args.no_bot:
            print(f"Ready: Rasa REST on {stack.rasa_url}/webhooks/rest/webhook", flush=True)
            return stack.supervise()
        # In the foreground with the terminal (no pipes), but stopped with the rest.
        return stack.supervise(stack.start_bot(foreground=True))
    except KeyboardInterrupt:
        return 0
    except SystemExit as failure:
        if not isinstance(failure.code, str):
            raise
        print(failure.code, file=sys.stderr, flush=True)  # now, not after the up to 10 s of stopping
        return 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
