"""Throttling of wrong operator logins: a guesser is slowed to a few tries per window.

Counts live in the server process (a client cannot reset them); each client address gets
`max_failures` wrong tries per window, and all clients together `global_failures`, so
guessing from many addresses is bounded too. Right credentials are never counted.
"""
from __future__ import annotations

import time
from collections import defaultdict, deque
from typing import Callable, Deque, Dict

MAX_FAILURES = 5
GLOBAL_FAILURES = 50
WINDOW_SECONDS = 600.0
ALL = "*"


class LoginThrottle:
    """Sliding-window count of wrong logins per client and overall."""

    def __init__(self, max_failures: int = MAX_FAILURES, global_failures: int = GLOBAL_FAILURES,
                 window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = {ALL: global_failures}
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self.failures: Dict[str, Deque[float]] = defaultdict(deque)

    def _recent(self, key: str) -> Deque[float]:
        now, times = self.clock(), self.failures[key]
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def retry_after(self, client: str) -> int:
        """Seconds until `client` may try again; 0 when it may try now."""
        waits = [self.window - (self.clock() - times[0])
                 for key in (client, ALL)
                 for times in [self._recent(key)]
                 if len(times) >= self.limits.get(key, self.max_failures)]
        return int(max(waits) + 1) if waits else 0

    def failed(self, client: str) -> None:
        """Records one wrong login by `client`."""
        now = self.clock()
        for key in (client, ALL):
            self._recent(key).append(now)
