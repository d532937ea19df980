"""The live content: knowledge/ and responses/ as one snapshot, swapped atomically on edit.

Staff edit files while the bot runs. A change is re-validated as a whole; if it
is valid the new snapshot replaces the old one in a single assignment, so each
request sees either the old or the new version, never a mix. An invalid edit
is refused: the problems are logged as ``path:line: message`` and the last good
snapshot keeps being served.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from actions.content.catalog import Catalog, load_catalog
from actions.content.knowledge import Knowledge, load_knowledge
from actions.content.yamlsource import ProblemsError

logger = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)  # identity: one object per loaded version, usable as a cache key
class Content:
    knowledge: Knowledge
    catalog: Catalog
    version: int


def read_domain_intents(domain_path: Path | None) -> frozenset[str] | None:
    """Intents of domain.yml, so button payloads can be checked; None when unknown."""
    if domain_path is None or not domain_path.is_file():
        return None
    data = yaml.safe_load(domain_path.read_text(encoding="utf-8")) or {}
    intents = {i if isinstance(i, str) else next(iter(i)) for i in data.get("intents", [])}
    return frozenset(intents | {"out_of_scope", "nlu_fallback"})


class ContentStore:
    """Holds the current Content and reloads it when the files change."""

    def __init__(self, knowledge_dir: Path, responses_dir: Path, domain_path: Path | None = None) -> None:
        self.knowledge_dir = knowledge_dir
        self.responses_dir = responses_dir
        self.domain_path = domain_path
        self._content: Content | None = None
        self._signature: tuple[tuple[str, int, int], ...] = ()
        self._refused_signature: tuple[tuple[str, int, int], ...] | None = None

    @property
    def current(self) -> Content:
        if self._content is None:
            self.load()
        assert self._content is not None
        return self._content

    def _files(self) -> list[Path]:
        return sorted([*self.knowledge_dir.glob("*.yml"), *self.responses_dir.glob("*.yml")])

    def _stat_signature(self) -> tuple[tuple[str, int, int], ...]:
        signature = []
        for path in self._files():
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            signature.append((str(path), stat.st_mtime_ns, stat.st_size))
        return tuple(signature)

    def _build(self) -> Content:
        knowledge = load_knowledge(self.knowledge_dir)
        catalog = load_catalog(self.responses_dir, read_domain_intents(self.domain_path))
        version = self._content.version + 1 if self._content else 1
        return Content(knowledge, catalog, version)

    def load(self) -> Content:
        """First load; raises ProblemsError when the files are invalid."""
        signature = self._stat_signature()
        self._content = self._build()
        self._signature = signature
        return self._content

    def reload_if_changed(self) -> bool:
        """Swap in edited files if they are valid; return True when a new version is live."""
        signature = self._stat_signature()
        if signature == self._signature or signature == self._refused_signature:
            return False
        try:
            content = self._build()
        except ProblemsError as exc:
            self._refused_signature = signature
            logger.error("Refused the edited content, still serving version %s:", self.current.version)
            for problem in exc.problems:
                logger.error("%s", problem)
            return False
        except Exception:  # a bug must not take the last good content down with it
            self._refused_signature = signature
            logger.exception("Could not reload content, still serving the last good version")
            return False
        self._content = content
        self._signature = signature
        self._refused_signature = None
        logger.info("Content version %s is live (knowledge/ and responses/ reloaded)", content.version)
        return True

    async def watch(
        self, interval_seconds: float = 1.0, on_change: Callable[[Content], Awaitable[None]] | None = None
    ) -> None:
        """Poll the files; cheap (a stat per file) and works on every filesystem and in Docker.

        `on_change` is awaited with each new version that goes live (the bot republishes its
        command menus); its failure is logged and does not stop the watching.
        """
        while True:
            await asyncio.sleep(interval_seconds)
            if await asyncio.to_thread(self.reload_if_changed) and on_change is not None:
                try:
                    await on_change(self.current)
                except Exception:
                    logger.exception("After loading content version %s:", self.current.version)
