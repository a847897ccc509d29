"""The knowledge base as it is on disk now: edits to data/kb/ are live on the next message.

Each call stats the files (name, size, mtime); when they changed, the items are loaded and indexed
again. A file with an error keeps the last good version in service and logs which file is wrong.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional, Tuple

from actions.kb.items import KB_DIR, KnowledgeBase, kb_files, load_kb
from actions.kb.ranker import Ranker, Weights

logger = logging.getLogger(__name__)
Signature = Tuple[Tuple[str, int, int], ...]


class LiveRanker:
    """A ranker over data/kb/ that follows edits without restarting the action server."""

    def __init__(self, directory: Path = KB_DIR, weights: Weights = Weights()) -> None:
        self.directory, self.weights = directory, weights
        self._signature: Optional[Signature] = None
        self._ranker = Ranker(KnowledgeBase(()), weights)

    def _current_signature(self) -> Signature:
        files = kb_files(self.directory)
        return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files)

    def get(self) -> Ranker:
        """The ranker for the files as they are now (reloaded when they changed)."""
        try:
            signature = self._current_signature()
        except OSError as error:  # a file removed between listing and stat: try again next time
            logger.warning("Knowledge files changed while reading: %s", error)
            return self._ranker
        if signature != self._signature:
            try:
                self._ranker = Ranker(load_kb(kb_files(self.directory)), self.weights)
                logger.info("Knowledge base loaded: %d items", len(self._ranker.kb.items))
            except Exception as error:  # noqa: BLE001 - any bad file: keep serving the last good one
                logger.error("Knowledge base not reloaded, the last good one stays: %s", error)
            self._signature = signature
        return self._ranker
