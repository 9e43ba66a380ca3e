"""The room's limits and its page's language: one value shared by the server, its handler and devices."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoomConfig:
    """Limits and the page's language; the defaults suit a meeting room of up to ~100 people."""

    max_body: int = 16 * 1024
    max_devices: int = 200
    max_devices_per_address: int = 12
    max_streams: int = 200
    max_streams_per_device: int = 2
    max_connections: int = 300
    max_connections_per_address: int = 64  # a phone holds 2–3; slow senders cannot starve the room
    device_rate: float = 10.0  # requests a second per device, after a burst
    device_burst: float = 40.0
    address_rate: float = 30.0  # requests a second per network address
    address_burst: float = 120.0
    socket_timeout: float = 10.0
    keepalive_seconds: float = 15.0
    lang: str = "en"
    dir: str = "ltr"
