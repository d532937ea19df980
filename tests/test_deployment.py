"""docker-compose.yml, Dockerfile and endpoints.yml checked as files (there is no Docker engine here)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from actions.settings import stack_env

from .conftest import ROOT

COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
VARIABLE = re.compile(r"\$\{([A-Z_]+)(?::?[-?][^}]*)?\}")


def test_the_five_services() -> None:
    assert set(SERVICES) == {"rasa", "actions", "bot", "postgres", "redis"}


def test_only_the_bot_publishes_a_port_and_only_the_webhook() -> None:
    published = {name: service.get("ports") for name, service in SERVICES.items() if service.get("ports")}
    assert list(published) == ["bot"]
    (mapping,) = published["bot"]
    assert mapping.endswith(":8443")
    assert SERVICES["bot"]["environment"]["TELEGRAM_WEBHOOK_PORT"] == "8443"


def test_internal_services_are_on_the_internal_network_only() -> None:
    assert COMPOSE["networks"]["internal"]["internal"] is True
    for name in ("rasa", "actions", "postgres", "redis"):
        assert SERVICES[name]["networks"] == ["internal"], name
    assert set(SERVICES["bot"]["networks"]) == {"internal", "public"}


@pytest.mark.parametrize("name", ["rasa", "actions", "bot", "postgres", "redis"])
def test_every_service_has_a_healthcheck(name: str) -> None:
    check = SERVICES[name]["healthcheck"]
    assert check["test"][0] in ("CMD", "CMD-SHELL")
    assert check["retries"] >= 3


def test_start_order_waits_for_health_and_has_no_cycle() -> None:
    graph = {name: dict(service.get("depends_on") or {}) for name, service in SERVICES.items()}
    for name, needs in graph.items():
        for needed, condition in needs.items():
            assert needed in SERVICES, f"{name} depends on unknown {needed}"
            assert condition == {"condition": "service_healthy"}, f"{name} -> {needed}"
    assert graph["bot"].keys() == {"rasa"}
    assert {"actions", "postgres", "redis"} <= graph["rasa"].keys()

    def reaches(start: str, target: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(n == target or (n not in seen and reaches(n, target, seen | {n})) for n in graph[start])

    assert not any(reaches(name, name) for name in graph)


def test_staff_edits_go_live_and_secrets_come_from_env_file() -> None:
    for name in ("actions", "bot"):
        volumes = SERVICES[name]["volumes"]
        assert "./knowledge:/app/knowledge:ro" in volumes
        assert "./responses:/app/responses:ro" in volumes
    for name in ("rasa", "actions", "bot"):
        assert SERVICES[name]["env_file"] == ".env"
    for name, service in SERVICES.items():  # secrets only as ${VARIABLES} from .env, never written here
        for key, value in (service.get("environment") or {}).items():
            if "PASSWORD" in key or "TOKEN" in key or "SECRET" in key:
                assert str(value).startswith("${"), f"{name}: {key}"
            if key == "TRACKER_STORE_URL":
                assert "${POSTGRES_PASSWORD}" in value


def test_rasa_serves_no_http_api_and_stores_conversations_in_postgres_with_a_redis_lock() -> None:
    rasa = SERVICES["rasa"]
    assert "--enable-api" not in rasa["command"]
    assert rasa["command"][rasa["command"].index("--model") + 1] == "models/current.tar.gz"
    assert rasa["environment"]["TRACKER_STORE_URL"].startswith("postgresql://")
    assert "@postgres:5432/" in rasa["environment"]["TRACKER_STORE_URL"]
    assert rasa["environment"]["LOCK_STORE_TYPE"] == "redis"
    assert rasa["environment"]["REDIS_HOST"] == "redis"


def test_every_compose_variable_without_default_is_in_env_example() -> None:
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", example, flags=re.MULTILINE))
    text = (ROOT / "docker-compose.yml").read_text()
    for match in VARIABLE.finditer(text):
        if ":-" not in match.group(0):
            assert match.group(1) in documented, match.group(0)


def test_endpoints_variables_all_have_defaults_everywhere_rasa_runs(tmp_path: Path) -> None:
    lines = (ROOT / "endpoints.yml").read_text().splitlines()
    needed = set(VARIABLE.findall("\n".join(line for line in lines if not line.lstrip().startswith("#"))))
    assert needed >= {"ACTIONS_URL", "TRACKER_STORE_URL", "LOCK_STORE_TYPE"}
    assert needed <= set(stack_env({}, var_dir=tmp_path).keys())
    dockerfile_env = " ".join(
        line for line in (ROOT / "Dockerfile").read_text().split("WORKDIR")[0].splitlines() if "=" in line
    )
    for name in needed:
        assert f"{name}=" in dockerfile_env, f"Dockerfile does not default {name}"
    assert not (ROOT / ".env").exists() or ".env" in (ROOT / ".gitignore").read_text().split()
