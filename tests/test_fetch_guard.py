"""The SSRF guard refuses private, loopback, link-local and metadata addresses by default,
before any traffic: these tests never connect anywhere."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import pytest

from storyline.fetch import FetchRefused, FetchSettings, read_urls
from storyline.fetch.guard import check, refusal


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://127.8.9.1:8080/x", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[fe80::1]/", "http://0.0.0.0/",
    "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/", "http://224.0.0.1/", "http://localhost/",
])
def test_refused_by_default(url: str) -> None:
    with pytest.raises(FetchRefused):
        check(urlsplit(url), allow_private=False)


def test_allowed_when_the_user_allows_private_addresses() -> None:
    assert str(check(urlsplit("http://127.0.0.1:9/"), allow_private=True)) == "127.0.0.1"


def test_public_address_passes() -> None:
    assert refusal(ipaddress.ip_address("93.184.216.34")) is None
    assert refusal(ipaddress.ip_address("2606:2800:220:1:248:1893:25c8:1946")) is None


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "gopher://x/", "http://user:pw@example.org/"])
def test_other_schemes_and_credentials_refused(url: str) -> None:
    with pytest.raises(FetchRefused):
        check(urlsplit(url), allow_private=True)


def test_metadata_named_reason() -> None:
    assert "metadata" in (refusal(ipaddress.ip_address("169.254.169.254")) or "")


def test_read_urls_reports_refusal_as_problem() -> None:
    result = read_urls(["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/"], FetchSettings())
    assert not result.documents
    assert [p.source for p in result.problems] == ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/"]
    assert all("not fetched" in p.reason for p in result.problems)
