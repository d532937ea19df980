"""The action server serves exactly the domain's custom actions: no phantom, none missing."""

from __future__ import annotations

import yaml

from actions.answers import all_actions
from actions.answers.runtime import Runtime
from actions.server.app import EXECUTOR_KEY, create_app

from ..conftest import ROOT


def domain_actions() -> set[str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return set(domain["actions"])


def test_every_action_has_a_domain_name_and_the_runtime_it_was_given(runtime: Runtime) -> None:
    actions = all_actions(runtime)
    assert sorted(a.name() for a in actions) == sorted(domain_actions())
    assert all(a.runtime is runtime for a in actions)


def test_the_server_registers_exactly_the_domain_actions(runtime: Runtime) -> None:
    app = create_app(runtime, reload_interval_seconds=None)
    assert set(app[EXECUTOR_KEY].actions) == domain_actions()
    assert "" not in app[EXECUTOR_KEY].actions
