"""make bench's stock Rasa is stock, and its scale-out and stock rows say what was measured (no timing here)."""

from __future__ import annotations

from pathlib import Path

import yaml

from scripts.bench import rest_rows, scale_out_rows, stock_rows, stock_stack

from .conftest import ROOT


def test_stock_rasa_is_plain_rasa_run_with_rasas_sql_store_and_our_action_server(tmp_path: Path) -> None:
    stack = stock_stack(ROOT / "models" / "current.tar.gz", tmp_path)
    command = stack.rasa.command
    assert Path(command[0]).name == "rasa"
    assert command[1] == "run"
    assert not any("scripts" in part for part in command)  # neither rasa_server's patches nor our endpoints.yml
    endpoints = yaml.safe_load(Path(command[command.index("--endpoints") + 1]).read_text())
    ours = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    assert endpoints["tracker_store"] == {"type": "sql", "url": "${TRACKER_STORE_URL}"}
    assert endpoints["lock_store"] == {"type": "in_memory"}
    assert endpoints["action_endpoint"] == ours["action_endpoint"]
    assert endpoints["nlg"] == ours["nlg"]
    assert stack.tracker_store_url == f"sqlite:///{tmp_path / 'tracker.db'}"


def figures(per_second: float, p50: float, p95: float, concurrency: int = 16) -> dict:
    return {
        "sequential": {"count": 400, "p50_ms": p50, "p95_ms": p95, "errors": 0},
        "throughput": [{"concurrency": 1, "per_second": 1.0}, {"concurrency": concurrency, "count": 400,
                       "per_second": per_second, "errors": 0}],
        "cold_start": {"first_answer_seconds": 20.0},
    }  # fmt: skip


def test_stock_rows_state_how_many_times_better_ours_is_at_concurrency_16() -> None:
    rows = stock_rows(
        figures(40.0, 20.0, 30.0), {"model": "build/eval/default-dialogue.tar.gz"} | figures(10.0, 80.0, 45.0)
    )
    assert rows[0].endswith("| ✅ | 80.0 ms, 0 errors | 4.00× faster |")
    assert rows[1].endswith("| ❌ | 45.0 ms, 0 errors | 1.50× faster |")
    assert "concurrency 16" in rows[2]
    assert rows[2].endswith("| 10/s, 0 errors | 4.00× |")
    assert all("stock Rasa (build/eval/default-dialogue.tar.gz)" in row for row in rows)


def test_scale_out_rows_compare_the_worker_counts_and_say_what_was_shared() -> None:
    def row(workers: int, per_second: float) -> dict:
        cpu = {"rasa": 25.0, "actions": 3.0, "postgres": 2.0, "machine": 40.0}
        return {
            "workers": workers, "rasa_processes": 1 if workers == 1 else workers + 1, "rasa_rss_mb": 800.0 * workers,
            "throughput": [{"concurrency": 16, "count": 400, "per_second": per_second, "p50_ms": 500.0,
                            "p95_ms": 900.0, "errors": 0, "cpu_ms_per_message": cpu, "busy_cores": 1.9}],
        }  # fmt: skip

    rows = scale_out_rows({"shared": "one PostgreSQL", "rows": [row(1, 30.0), row(2, 54.0)]})
    assert "1 Sanic worker (1 Rasa process)" in rows[0]
    assert "2 Sanic workers (3 Rasa processes)" in rows[1]
    assert "CPU ms per message: rasa 25, actions 3, postgres 2, machine 40" in rows[0]
    assert "shared: one PostgreSQL" in rows[2]
    assert "× 1.80" in rows[2]


def test_rest_rows_give_latency_throughput_and_cpu_per_message_against_issue_15s_targets() -> None:
    cpu = {"rasa": 12.34, "actions": 1.5}
    rows = rest_rows({
        "sequential": {"count": 400, "p50_ms": 14.0, "p95_ms": 29.0, "errors": 0, "cpu_ms_per_message": cpu},
        "throughput": [{"concurrency": 16, "count": 400, "per_second": 90.0, "p50_ms": 170.0, "p95_ms": 250.0,
                        "errors": 0, "cpu_ms_per_message": cpu, "busy_cores": 1.8}],
    })  # fmt: skip
    assert rows[0].startswith("| REST latency p50 / p95 (400 sequential questions, 8 locales) | 14.0 / 29.0 ms")
    assert "CPU ms per message: rasa 12.3, actions 1.5" in rows[0]
    assert "| ≤ 15 / 30 ms | ✅ |" in rows[0]
    assert "90/s, 0 errors, p50 / p95 170 / 250 ms" in rows[1]
    assert "| ≥ 100/s, 0 errors | ❌ |" in rows[1]
