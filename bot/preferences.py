"""Per-chat preferences (locale, district) that survive a restart and a kill -9.

Written on every change (temp file, fsync, atomic rename): a crash leaves the
old or the new file, never half of one. Only these two values are stored.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

FIELDS = ("locale", "district")


class PreferenceStore:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._data: dict[str, dict[str, str]] = self._read()

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            logger.error("Cannot read %s (%s); starting with no preferences", self._path, exc)
            return {}
        return {str(k): {f: str(v[f]) for f in FIELDS if v.get(f)} for k, v in data.items() if isinstance(v, dict)}

    def get(self, chat_id: int | str) -> dict[str, str]:
        with self._lock:
            return dict(self._data.get(str(chat_id), {}))

    def set(self, chat_id: int | str, **values: Any) -> None:
        """Store the given fields (None removes one); writes only when something changed."""
        with self._lock:
            current = dict(self._data.get(str(chat_id), {}))
            updated = dict(current)
            for key, value in values.items():
                if key not in FIELDS:
                    raise KeyError(key)
                if value is None:
                    updated.pop(key, None)
                else:
                    updated[key] = str(value)
            if updated == current:
                return
            if updated:
                self._data[str(chat_id)] = updated
            else:
                self._data.pop(str(chat_id), None)
            self._write()

    def delete(self, chat_id: int | str) -> bool:
        with self._lock:
            existed = self._data.pop(str(chat_id), None) is not None
            if existed:
                self._write()
            return existed

    def _write(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._path.parent, prefix=".preferences-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._data, handle, ensure_ascii=False, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
