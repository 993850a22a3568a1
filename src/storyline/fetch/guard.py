"""The SSRF guard: a URL may be fetched only if every address its host resolves to is a
public one, unless the user allowed private addresses in settings.

Checked after DNS resolution (a public name can point at 127.0.0.1) and again for every
redirect hop; the client then connects to the very address checked here, so a second,
different DNS answer cannot slip in between check and use.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import SplitResult

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata endpoints, named even where a broader rule already covers them.
METADATA = frozenset(ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200"))


class FetchRefused(Exception):
    """The URL is not allowed (scheme, port, or an address the guard refuses)."""


def refusal(ip: IPAddress) -> str | None:
    """Why ``ip`` may not be fetched from by default, or None if it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return refusal(ip.ipv4_mapped)
    checks = (
        (ip in METADATA, "a cloud metadata address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a public address"),  # e.g. 100.64.0.0/10, shared address space
    )
    return next((why for bad, why in checks if bad), None)


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (a literal address resolves to itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchRefused(f"cannot resolve {host}: {exc}") from None
    seen: dict[IPAddress, None] = {}
    for info in infos:
        seen.setdefault(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]), None)
    if not seen:
        raise FetchRefused(f"{host} resolves to no address")
    return list(seen)


def check(parts: SplitResult, allow_private: bool) -> IPAddress:
    """The address to connect to for ``parts``, or ``FetchRefused``. Every address the
    host resolves to must pass, so which one the OS would pick does not matter."""
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'}")
    if not parts.hostname:
        raise FetchRefused("the URL names no host")
    if parts.username or parts.password:
        raise FetchRefused("URLs with credentials are not fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchRefused("the URL has an invalid port") from None
    addresses = resolve(parts.hostname, port)
    if not allow_private:
        for ip in addresses:
            why = refusal(ip)
            if why:
                raise FetchRefused(f"{parts.hostname} is {why} ({ip}); allow private addresses in settings to fetch it")
    return addresses[0]
