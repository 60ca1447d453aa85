"""Which peer is the client: the connecting address, unless a trusted proxy vouches for another.

A proxy appends the address it received a request from to X-Forwarded-For, so the
list is read from the right: each trusted proxy hop is skipped, and the first
address no trusted proxy owns is the client. From an untrusted peer the header is
not believed at all, since anyone can write it.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _parse(address):
    """An address, with any port some proxies append ("203.0.113.7:5123", "[2001:db8::1]:443")."""
    text = address.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def is_trusted(address):
    parsed = _parse(address or "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    return parsed is not None and any(parsed in network for network in networks)


def client_ip(request):
    """The client's address; django-axes locks sign-ins out by it (AXES_CLIENT_IP_CALLABLE)."""
    peer = request.META.get("REMOTE_ADDR", "")
    if not is_trusted(peer):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        address = _parse(hop)
        if address is None:
            break  # a garbled hop: stop at the last address a trusted proxy wrote
        if not is_trusted(str(address)):
            return str(address)
        peer = str(address)
    return peer
