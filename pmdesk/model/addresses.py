"""Participants' email addresses: which ones an email draft can carry, and why not the others."""

from __future__ import annotations

import re

# RFC 5322 dot-atom for the part before the @ (no quoted local parts: mail clients mangle them).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATOM}(\.{_ATOM})*\Z")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)\Z")
MAX_ADDRESS = 254


def ascii_domain(domain: str) -> str | None:
    """The domain as a mail header carries it (IDNA for non-ASCII names), or None if it is not one."""
    try:
        encoded = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = encoded.split(".")
    if not all(_LABEL.match(label) for label in labels):
        return None
    return encoded


def address_problem(address: str) -> str | None:
    """Why ``address`` cannot go in an email draft's To line, or None if it can (or is empty)."""
    address = address.strip()
    if not address:
        return None
    if len(address) > MAX_ADDRESS:
        return f"an address is at most {MAX_ADDRESS} characters"
    if any(char.isspace() or not char.isprintable() for char in address):
        return "an address has no spaces or control characters"
    if address.count("@") != 1:
        return "an address has exactly one @, as in name@example.org"
    local, domain = address.split("@")
    if not local or not domain:
        return "an address needs a name before the @ and a domain after it, as in name@example.org"
    if not local.isascii():
        return "the part before the @ must be plain ASCII: letters, digits, . _ - +"
    if not _LOCAL.match(local):
        return "the part before the @ may hold letters, digits and . _ - + but no brackets, quotes or commas"
    if ascii_domain(domain) is None:
        return "the part after the @ is not a domain name like example.org"
    return None


def header_address(address: str) -> str | None:
    """The address as a To header carries it (its domain in IDNA), or None if it has a problem."""
    address = address.strip()
    if not address or address_problem(address) is not None:
        return None
    local, domain = address.split("@")
    return f"{local}@{ascii_domain(domain)}"
