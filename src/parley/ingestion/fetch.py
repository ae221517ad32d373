"""Fetch one URL safely: http(s) only, public addresses only, size and time capped.

Private, loopback, link-local, multicast and reserved addresses are refused
unless ``allow_private``; every redirect target is checked again. The address
is checked when the name is resolved; a name that resolves differently a
moment later (DNS rebinding) is not defended against beyond that check.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

from ..errors import BlockedAddress, FetchError, TooLarge
from .meta import RecordMeta
from .readers import RawDoc, decode

MAX_REDIRECTS = 5


def check_url(url: str, *, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"scheme {parts.scheme!r} is not allowed", subject=url, hint="use http or https URLs")
    host = parts.hostname
    if not host:
        raise FetchError("has no host", subject=url, hint="check the URL")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"host {host!r} cannot be resolved ({exc.strerror})", subject=url,
                         hint="check the URL and the network") from None
    if allow_private:
        return
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
                or ip.is_unspecified or (ip.version == 6 and ip.ipv4_mapped and not ip.ipv4_mapped.is_global)):
            raise BlockedAddress(f"resolves to a non-public address ({ip})", subject=url,
                                 hint="use --allow-private to fetch from private networks")


def fetch_url(url: str, *, allow_private: bool = False, timeout: float = 20.0,
              limit: int = 20 * 1024 * 1024) -> RawDoc:
    import httpx

    current = url
    with httpx.Client(follow_redirects=False, timeout=timeout,
                      headers={"User-Agent": "Parley/0.1 (+news dossier builder)"}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private=allow_private)
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError("redirect without a location", subject=current, hint="check the URL")
                        current = urljoin(current, location)
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"answered HTTP {resp.status_code}", subject=current,
                                         hint="check the URL")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > limit:
                        raise TooLarge(f"is {int(declared):,} bytes, over the {limit:,}-byte limit",
                                       subject=current, hint="raise PARLEY_FETCH_MAX_BYTES")
                    chunks, size = [], 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > limit:
                            raise TooLarge(f"is over the {limit:,}-byte limit", subject=current,
                                           hint="raise PARLEY_FETCH_MAX_BYTES")
                        chunks.append(chunk)
                    ctype = resp.headers.get("content-type", "")
            except httpx.TimeoutException:
                raise FetchError(f"timed out after {timeout:g} s", subject=current,
                                 hint="retry later or raise PARLEY_FETCH_TIMEOUT") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"could not be fetched ({exc.__class__.__name__})", subject=current,
                                 hint="check the URL and the network") from None
            body = decode(b"".join(chunks), current)
            fmt = "html" if ("html" in ctype or body.lstrip()[:1] == "<") else "txt"
            return RawDoc(locator=url, format="url", html=body if fmt == "html" else None,
                          text=body if fmt == "txt" else None, meta=RecordMeta(url=current))
    raise FetchError(f"more than {MAX_REDIRECTS} redirects", subject=url, hint="check the URL")
