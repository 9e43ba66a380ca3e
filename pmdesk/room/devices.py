"""The devices that joined one opening of the room: keys, chosen names, limits."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from pmdesk.room.config import RoomConfig
from pmdesk.room.guard import TokenBucket, device_prefix, is_loopback


@dataclass
class Device:
    """One participant's phone or laptop, known by the random key its page made."""

    key: str
    address: str
    bucket: TokenBucket
    prefix: str = ""
    participant: str | None = None
    joined: bool = False
    streams: int = 0
    # Client ids already written (a retry after the card was deleted or hidden adds nothing).
    written: set[str] = field(default_factory=set)


class RoomFull(Exception):
    """No room for another device (or for another from this address)."""


class Devices:
    """The devices of one opening, and who holds which participant's name."""

    def __init__(self, config: RoomConfig) -> None:
        self.config = config
        self._devices: dict[str, Device] = {}
        self._per_address: dict[str, int] = {}
        self._holders: dict[str, str] = {}  # participant id -> device key
        self._streams = 0
        self._address_buckets: dict[str, TokenBucket] = {}
        self.lock = threading.RLock()

    def address_wait(self, address: str) -> float | None:
        """Take one request from an address's allowance: None if allowed, else seconds to wait.

        This laptop itself (a loopback address) is not limited: a local program can write the
        board file anyway, and the benchmark's simulated room comes from there.
        """
        if is_loopback(address):
            return None
        with self.lock:
            bucket = self._address_buckets.get(address)
            if bucket is None:
                if len(self._address_buckets) > 10_000:
                    self._address_buckets.clear()
                bucket = TokenBucket(self.config.address_rate, self.config.address_burst)
                self._address_buckets[address] = bucket
        return bucket.take()

    def get(self, key: str, address: str) -> Device:
        """The device with ``key``, registered on first sight (RoomFull past the caps)."""
        with self.lock:
            device = self._devices.get(key)
            if device is not None:
                return device
            if len(self._devices) >= self.config.max_devices:
                raise RoomFull("The room is full: no more devices can join.")
            per_address = self._per_address.get(address, 0)
            if per_address >= self.config.max_devices_per_address and not is_loopback(address):
                raise RoomFull("Too many devices from this address.")
            bucket = TokenBucket(self.config.device_rate, self.config.device_burst)
            device = Device(key, address, bucket, device_prefix(key))
            self._devices[key] = device
            self._per_address[address] = self._per_address.get(address, 0) + 1
            return device

    def count(self) -> int:
        """How many devices have chosen a name (or anonymous)."""
        with self.lock:
            return sum(1 for device in self._devices.values() if device.joined)

    def taken(self) -> set[str]:
        """The participant ids some device holds."""
        with self.lock:
            return set(self._holders)

    def claim(self, device: Device, participant: str | None) -> bool:
        """Let ``device`` be ``participant`` (None: anonymous); False if another device holds it."""
        with self.lock:
            if participant is not None:
                holder = self._holders.get(participant)
                if holder is not None and holder != device.key:
                    return False
            if device.participant is not None and self._holders.get(device.participant) == device.key:
                del self._holders[device.participant]
            device.participant = participant
            device.joined = True
            if participant is not None:
                self._holders[participant] = device.key
            return True

    def open_stream(self, device: Device) -> bool:
        """Count a new event stream in, unless a cap is reached."""
        with self.lock:
            config = self.config
            if self._streams >= config.max_streams or device.streams >= config.max_streams_per_device:
                return False
            self._streams += 1
            device.streams += 1
            return True

    def close_stream(self, device: Device) -> None:
        """Count an event stream out."""
        with self.lock:
            self._streams -= 1
            device.streams -= 1

    def streams(self) -> int:
        """How many event streams are open."""
        with self.lock:
            return self._streams
