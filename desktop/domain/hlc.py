"""Hybrid logical clock: version stamps that order edits across devices.

A stamp is ``"<wall-ms:013d>-<counter:04d>-<device>"``; string order is causal order for stamps
from one device and a total order across devices (ties broken by device id).
"""
from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    device: str

    def __str__(self) -> str:
        return f"{self.wall_ms:013d}-{self.counter:04d}-{self.device}"

    @classmethod
    def parse(cls, text: str) -> "Stamp":
        wall, counter, device = text.split("-", 2)
        return cls(int(wall), int(counter), device)


class HybridLogicalClock:
    def __init__(self, device: str, last: str | None = None, now_ms=None):
        self.device = device
        self._now_ms = now_ms or (lambda: time.time_ns() // 1_000_000)
        last_stamp = Stamp.parse(last) if last else None
        self._wall = last_stamp.wall_ms if last_stamp else 0
        self._counter = last_stamp.counter if last_stamp else 0

    def tick(self) -> str:
        """A new stamp for a local event, later than every stamp seen so far."""
        now = self._now_ms()
        if now > self._wall:
            self._wall, self._counter = now, 0
        else:
            self._counter += 1
        return str(Stamp(self._wall, self._counter, self.device))

    def observe(self, remote: str) -> None:
        """Fold in a stamp received from another device so later local stamps sort after it."""
        r = Stamp.parse(remote)
        now = self._now_ms()
        wall = max(self._wall, r.wall_ms, now)
        if wall == self._wall and wall == r.wall_ms:
            counter = max(self._counter, r.counter) + 1
        elif wall == self._wall:
            counter = self._counter + 1
        elif wall == r.wall_ms:
            counter = r.counter + 1
        else:
            counter = 0
        self._wall, self._counter = wall, counter

    @property
    def last(self) -> str:
        return str(Stamp(self._wall, self._counter, self.device))
