"""scripts.rasa_server keeps jsonschema's and Rasa's behaviour: invalid data still fails, schemas still checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from scripts import rasa_server

SCHEMA = {"type": "object", "properties": {"events": {"type": "array"}}, "required": ["events"]}


@pytest.fixture(autouse=True)
def installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import rasa.shared.utils.common as common
    import sqlalchemy as sa

    monkeypatch.setattr(jsonschema, "validate", jsonschema.validate)
    monkeypatch.setattr(common, "all_subclasses", common.all_subclasses)
    rasa_server.install()
    yield
    sa.event.remove(sa.engine.Engine, "connect", rasa_server._sqlite_wal)


def test_valid_data_passes_and_invalid_data_raises_as_before() -> None:
    jsonschema.validate({"events": []}, SCHEMA)
    with pytest.raises(jsonschema.ValidationError, match="'events' is a required property"):
        jsonschema.validate({}, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"events": "no list"}, dict(SCHEMA))  # an equal, new dict: cached, still validated


def test_an_invalid_schema_is_still_reported() -> None:
    with pytest.raises(jsonschema.SchemaError):
        jsonschema.validate({}, {"type": "no such type"})


def test_event_classes_resolve_as_before() -> None:
    from rasa.shared.core.events import Event, SlotSet, UserUttered

    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("user") is UserUttered
    restored = Event.from_parameters({"event": "slot", "name": "district", "value": "goslar"})
    assert restored == SlotSet("district", "goslar")


def test_sqlite_connections_use_wal_without_fsync_per_commit(tmp_path: Path) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    engine.dispose()
