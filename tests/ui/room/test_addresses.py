"""The addresses offered for the room: the room's network first, the laptop's own last."""

from __future__ import annotations

from pmdesk.ui.room.addresses import Address, local_addresses, ordered


def test_private_ranges_come_before_others_and_link_local_last() -> None:
    found = [
        Address("169.254.10.2", "eth1"),
        Address("81.2.69.160", "wwan0"),
        Address("10.42.0.1", "hotspot"),
        Address("192.168.1.20", "wlan0"),
    ]
    assert [a.host for a in ordered(found)] == ["10.42.0.1", "192.168.1.20", "81.2.69.160", "169.254.10.2"]


def test_the_laptops_own_address_is_always_offered_last() -> None:
    addresses = local_addresses()
    assert addresses[-1].loopback and addresses[-1].host.startswith("127.")
    assert all(not a.loopback for a in addresses[: -sum(a.loopback for a in addresses)])
    assert addresses[-1].label().endswith("(this computer only)")
