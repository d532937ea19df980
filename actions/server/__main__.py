"""`python -m actions.server`: the action server (ACTIONS_HOST / ACTIONS_PORT)."""

from actions.server.app import main

main()
