"""`python -m scripts.rasa_server run …`: Rasa's own command line with one measured fix.

Two hot spots py-spy found in Rasa 3.6 per message on this machine, fixed here
without changing behaviour; everything else is `rasa` unchanged:

- jsonschema.validate() checks the *schema* against its meta-schema on every call
  before it checks the data. Rasa calls it on every message (parse data, every
  action result, every NLG response) with its own constant schemas: ~40 % of Rasa's
  CPU. Here each distinct schema is checked once, then only the data is validated;
  invalid data still raises exactly as before.
- Loading a conversation looks up each stored event's class by walking all
  subclasses of Event, per event (~10 %). The classes are fixed once Rasa has
  imported them, so the walk is cached per class.
- The SQLite tracker store commits twice per message, each with an fsync. In WAL
  mode with synchronous=NORMAL a commit needs no fsync and survives a crash or
  kill -9 of any process (only a power cut can lose the last commits); readers
  (the action server's /delete_me and purge) no longer block Rasa's writes.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import jsonschema
import sqlalchemy
import sqlalchemy.event
from jsonschema import exceptions, validators

_CHECKED_SCHEMAS: set[str] = set()


def validate_checking_each_schema_once(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """jsonschema.validate with the meta-schema check done once per distinct schema."""
    if cls is None:
        cls = validators.validator_for(schema)
    key = json.dumps(schema, sort_keys=True, default=str)
    if key not in _CHECKED_SCHEMAS:
        cls.check_schema(schema)
        _CHECKED_SCHEMAS.add(key)
    error = exceptions.best_match(cls(schema, *args, **kwargs).iter_errors(instance))
    if error is not None:
        raise error


def _sqlite_wal(dbapi_connection: Any, _record: Any) -> None:
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def install() -> None:
    # Rasa imports `validate` from jsonschema inside each function, so the module attribute is what counts.
    jsonschema.validate = validate_checking_each_schema_once
    import rasa.shared.utils.common as common

    walk = common.all_subclasses
    cache: dict[Any, list[Any]] = {}

    def all_subclasses_cached(cls: Any) -> list[Any]:
        if cls not in cache:
            cache[cls] = walk(cls)
        return list(cache[cls])

    common.all_subclasses = all_subclasses_cached
    sqlalchemy.event.listen(sqlalchemy.engine.Engine, "connect", _sqlite_wal)


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
