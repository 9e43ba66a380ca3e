"""The room's defences: the token, the Host and Origin checks, device keys, rate limits.

The room's network is not trusted (docs/room.md, "Security"). Everything here is pure and
thread-safe, so the server stays a thin layer over it.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

KEY = re.compile(r"[A-Za-z0-9_-]{16,64}\Z")
CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{6,40}\Z")
Clock = Callable[[], float]


def token_matches(given: str, token: str) -> bool:
    """True if ``given`` is the room's token (compared in constant time)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def is_loopback(host: str) -> bool:
    """True for a loopback address (127.0.0.0/8, ::1)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _split_host(value: str) -> tuple[str, int | None] | None:
    """``host[:port]`` (IPv6 in brackets) as (host, port); None if malformed."""
    try:
        parts = urlsplit(f"//{value}")
        return (parts.hostname or "", parts.port)
    except ValueError:
        return None


def host_allowed(header: str | None, bound: str, port: int) -> bool:
    """True if a request's Host header names this server: its address (and port), never a DNS name.

    A server on a wildcard address accepts any IP literal (a rebinding attack needs a name);
    ``localhost`` only on a loopback address.
    """
    if not header or len(header) > 100:
        return False
    split = _split_host(header.strip())
    if split is None:
        return False
    host, given_port = split
    if (given_port or 80) != port:
        return False
    host = host.lower()
    if host == "localhost":
        return is_loopback(bound)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name: maybe an attacker's DNS pointing at this laptop
    if bound in ("0.0.0.0", "::", ""):
        return True
    try:
        return address == ipaddress.ip_address(bound)
    except ValueError:
        return False


def origin_allowed(origin: str | None, host_header: str | None) -> bool:
    """True if there is no Origin (not a browser's cross-site request) or it is this server."""
    if origin is None:
        return True
    return bool(host_header) and origin.strip().lower() == f"http://{str(host_header).strip().lower()}"


def json_content_type(value: str | None) -> bool:
    """True if a Content-Type header says ``application/json`` (a charset parameter may follow)."""
    if not value:
        return False
    kind = value.split(";", 1)[0].strip().lower()
    return kind == "application/json"


def device_prefix(key: str) -> str:
    """The prefix of every card id a device writes: a short digest of its key (never the key)."""
    return "d" + hashlib.sha256(key.encode("ascii")).hexdigest()[:10] + "-"


def device_card_id(key: str, client_id: str) -> str:
    """The board id of a device's card: the same for every retry of one client id."""
    return device_prefix(key) + client_id


class TokenBucket:
    """A rate limit: ``burst`` requests at once, refilled at ``rate`` a second."""

    def __init__(self, rate: float, burst: float, clock: Clock = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = burst
        self._clock = clock
        self._at = clock()
        self._lock = threading.Lock()

    def take(self) -> float | None:
        """Take one token: None when allowed, else the seconds to wait."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
            self._at = now
            if self._tokens >= 1:
                self._tokens -= 1
                return None
            return (1 - self._tokens) / self.rate
