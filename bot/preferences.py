"""Per-chat preferences (locale, district) that survive a restart and a kill -9.

Written on every change (temp file, fsync, atomic rename): a crash leaves the
old or the new file, never half of one. Stored per chat: the two values and the
day the chat was last seen (at most one write per chat and day), so preferences
of chats silent for longer than the retention period can be purged. A change of
the file by another process (`make purge`) is picked up before the next use.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

FIELDS = ("locale", "district")
SEEN = "seen"  # ISO day of the last message


def _today() -> dt.date:
    return dt.date.today()


class PreferenceStore:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._signature: tuple[int, int] | None = None
        self._data: dict[str, dict[str, str]] = self._read()

    def _stat(self) -> tuple[int, int] | None:
        try:
            stat = self._path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def _read(self) -> dict[str, dict[str, str]]:
        self._signature = self._stat()
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            logger.error("Cannot read %s (%s); starting with no preferences", self._path, exc)
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            str(k): {f: str(v[f]) for f in (*FIELDS, SEEN) if v.get(f)} for k, v in data.items() if isinstance(v, dict)
        }

    def _refresh(self) -> None:
        """Re-read when another process (make purge) changed the file since our last read or write."""
        if self._stat() != self._signature:
            self._data = self._read()

    def get(self, chat_id: int | str) -> dict[str, str]:
        with self._lock:
            self._refresh()
            entry = self._data.get(str(chat_id), {})
            return {f: entry[f] for f in FIELDS if f in entry}

    def set(self, chat_id: int | str, **values: Any) -> None:
        """Store the given fields (None removes one); writes only when something changed."""
        with self._lock:
            self._refresh()
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
            if any(f in updated for f in FIELDS):
                updated[SEEN] = _today().isoformat()
                self._data[str(chat_id)] = updated
            else:
                self._data.pop(str(chat_id), None)
            self._write()

    def touch(self, chat_id: int | str) -> None:
        """Note that the chat was active today (only chats with stored preferences; one write per day)."""
        today = _today().isoformat()
        with self._lock:
            self._refresh()
            entry = self._data.get(str(chat_id))
            if entry is None or entry.get(SEEN) == today:
                return
            entry[SEEN] = today
            self._write()

    def delete(self, chat_id: int | str) -> bool:
        with self._lock:
            self._refresh()
            existed = self._data.pop(str(chat_id), None) is not None
            if existed:
                self._write()
            return existed

    def purge(self, retention_days: int) -> int:
        """Forget chats not seen for more than `retention_days`; returns how many."""
        cutoff = (_today() - dt.timedelta(days=retention_days)).isoformat()
        with self._lock:
            self._refresh()
            # Entries written before last-seen days existed count as seen today.
            for entry in self._data.values():
                entry.setdefault(SEEN, _today().isoformat())
            stale = [chat for chat, entry in self._data.items() if entry[SEEN] < cutoff]
            for chat in stale:
                del self._data[chat]
            self._write()
            return len(stale)

    def _write(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._path.parent, prefix=".preferences-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._data, handle, ensure_ascii=False, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            Path(tmp).replace(self._path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._signature = self._stat()
