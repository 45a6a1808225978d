"""Token buckets in the process: enrollment attempts per client address and in all.

An enrollment code is 40 bits of chance: guessing one must cost time. Each
address has a bucket of `burst` attempts refilled at `per_minute`; all
addresses share a global bucket too, so a botnet of addresses is slowed as
well. An attempt spends a token whether it succeeds or not. The state lives
in one worker process (with N workers the limits are N times looser, still
far below what guessing needs) and is bounded: the least recently seen
addresses are forgotten first.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class TokenBucket:
    """`take()` spends a token or says how many seconds until one is there."""

    def __init__(self, *, burst: int, per_minute: float) -> None:
        self.burst = float(burst)
        self.rate = per_minute / 60.0

    def take(self, bucket: _Bucket, now: float) -> float:
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.rate

    def full(self, now: float) -> _Bucket:
        return _Bucket(self.burst, now)


class AttemptLimiter:
    """Per-address and global buckets; `check(address)` → 0, or seconds to wait."""

    def __init__(
        self,
        *,
        per_address_burst: int,
        per_address_per_minute: float,
        global_burst: int,
        global_per_minute: float,
        max_addresses: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._per_address = TokenBucket(burst=per_address_burst, per_minute=per_address_per_minute)
        self._global_rule = TokenBucket(burst=global_burst, per_minute=global_per_minute)
        self._global = self._global_rule.full(clock())
        self._addresses: OrderedDict[str, _Bucket] = OrderedDict()
        self._max = max_addresses
        self._clock = clock
        self._lock = threading.Lock()  # routes run on a thread pool

    def check(self, address: str) -> int:
        """Spend one attempt; whole seconds to wait (Retry-After) when refused, else 0."""
        with self._lock:
            now = self._clock()
            bucket = self._addresses.pop(address, None) or self._per_address.full(now)
            self._addresses[address] = bucket  # most recently seen last
            while len(self._addresses) > self._max:
                self._addresses.popitem(last=False)
            wait = self._per_address.take(bucket, now)
            if wait == 0.0:
                wait = self._global_rule.take(self._global, now)
                if wait:  # refused globally: the address's token is given back
                    bucket.tokens += 1.0
            return math.ceil(wait) if wait else 0
