"""The real processes (action server + Rasa) on free 127.0.0.1 ports, started by the launcher (scripts/stack.py).

The model is trained once per test session into a temp dir (about 3 minutes
on 2 cores); set E2E_MODEL=path/to/model.tar.gz to reuse one while iterating.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.stack import Stack


@pytest.fixture(scope="session")
def stack(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    stack = Stack.on_free_ports(trained_model, tmp_path_factory.mktemp("stack"))
    try:
        stack.start()
        yield stack
    except (Exception, SystemExit):  # SystemExit names the server that failed; its log says why
        for name in stack.supervisor.children:
            print(f"--- {name} log ---\n" + stack.log(name)[-4000:])
        raise
    finally:
        stack.stop()
