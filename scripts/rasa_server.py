"""`python -m scripts.rasa_server run …`: Rasa's own command line with the speed patches of scripts/rasa_patches.py.

Everything else is `rasa` unchanged. When a patch no longer fits the installed Rasa,
start-up stops with RasaPatchError naming the patch and the Rasa version.
"""

from __future__ import annotations

import sys

from scripts.rasa_patches import install


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main

    # Rasa falls back to an in-memory store, with a mere warning, when endpoints.yml's tracker store class does not
    # import: import it first, so a broken module stops start-up instead.
    import scripts.windowed_tracker_store  # noqa: F401

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
