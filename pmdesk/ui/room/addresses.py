"""The laptop's addresses a phone on the room's network (or the laptop's hotspot) can reach."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

LOOPBACK = "127.0.0.1"
# RFC 1918: office LANs and phone or laptop hotspots (10.42.0.1, 192.168.43.1, 172.20.10.1).
LAN_RANGES = tuple(ipaddress.IPv4Network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))


@dataclass(frozen=True)
class Address:
    """One address to listen on, and the interface it belongs to (for the person choosing)."""

    host: str
    interface: str
    loopback: bool = False

    def label(self) -> str:
        """How the choice reads in the dialog."""
        if self.loopback:
            return f"{self.host} (this computer only)"
        return f"{self.host} ({self.interface})" if self.interface else self.host


def local_addresses() -> list[Address]:
    """IPv4 addresses of the interfaces that are up: the network's ones first, loopback last."""
    found: list[Address] = []
    loop: list[Address] = []
    flags = QNetworkInterface.InterfaceFlag
    for interface in QNetworkInterface.allInterfaces():
        state = interface.flags()
        if not (state & flags.IsUp and state & flags.IsRunning):
            continue
        name = interface.humanReadableName() or interface.name()
        for entry in interface.addressEntries():
            ip = entry.ip()
            if ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                continue
            address = Address(ip.toString(), name, ip.isLoopback())
            (loop if address.loopback else found).append(address)
    if not any(a.host == LOOPBACK for a in loop):
        loop.append(Address(LOOPBACK, "lo", True))
    return ordered(found) + loop


def ordered(addresses: list[Address]) -> list[Address]:
    """The room's likely addresses first: private LAN and hotspot ranges, then others, link-local last."""

    def rank(address: Address) -> int:
        try:
            ip = ipaddress.IPv4Address(address.host)
        except ValueError:
            return 3
        if ip.is_link_local:  # 169.254.x.x: no DHCP answered, phones rarely share it
            return 2
        return 0 if any(ip in network for network in LAN_RANGES) else 1

    return sorted(addresses, key=rank)  # stable: the system's order within a rank
