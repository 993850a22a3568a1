"""Web domains to readable outlet names: a small table of well-known outlets, else the domain.

The table holds outlets whose name cannot be read off the domain (``theguardian.com`` is
"The Guardian", ``wsj.com`` is "The Wall Street Journal"); any other domain becomes its main
label title-cased, so ``example-news.com`` reads "Example News".
"""

from __future__ import annotations

from urllib.parse import urlsplit

KNOWN_OUTLETS: dict[str, str] = {
    "abc.net.au": "ABC News (Australia)",
    "abcnews.go.com": "ABC News",
    "afp.com": "AFP",
    "aljazeera.com": "Al Jazeera",
    "apnews.com": "Associated Press",
    "asahi.com": "The Asahi Shimbun",
    "axios.com": "Axios",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "bloomberg.com": "Bloomberg",
    "businessinsider.com": "Business Insider",
    "cbsnews.com": "CBS News",
    "cnbc.com": "CNBC",
    "cnn.com": "CNN",
    "dailymail.co.uk": "Daily Mail",
    "dw.com": "DW",
    "economist.com": "The Economist",
    "foxnews.com": "Fox News",
    "france24.com": "France 24",
    "ft.com": "Financial Times",
    "guardian.co.uk": "The Guardian",
    "huffingtonpost.com": "HuffPost",
    "huffpost.com": "HuffPost",
    "independent.co.uk": "The Independent",
    "japantimes.co.jp": "The Japan Times",
    "kyodonews.net": "Kyodo News",
    "latimes.com": "Los Angeles Times",
    "lemonde.fr": "Le Monde",
    "nbcnews.com": "NBC News",
    "newsweek.com": "Newsweek",
    "nikkei.com": "Nikkei Asia",
    "npr.org": "NPR",
    "nytimes.com": "The New York Times",
    "politico.com": "Politico",
    "reuters.com": "Reuters",
    "rt.com": "RT",
    "scmp.com": "South China Morning Post",
    "sputniknews.com": "Sputnik International",
    "spiegel.de": "Der Spiegel",
    "techcrunch.com": "TechCrunch",
    "telegraph.co.uk": "The Telegraph",
    "theatlantic.com": "The Atlantic",
    "theguardian.com": "The Guardian",
    "thehill.com": "The Hill",
    "theverge.com": "The Verge",
    "time.com": "TIME",
    "usatoday.com": "USA Today",
    "vox.com": "Vox",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
}
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"}
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")


def host_of(url: str | None) -> str | None:
    """The lower-cased host of an http(s) URL without ``www.``-like prefixes, or None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:  # malformed netloc, e.g. an unclosed IPv6 bracket
        return None
    if parts.scheme not in {"http", "https"} or not host or "." not in host:
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host


def registrable_domain(host: str) -> str:
    """The part of a host an organisation registers: ``news.bbc.co.uk`` -> ``bbc.co.uk``."""
    labels = host.split(".")
    keep = 2
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        keep = 3  # country domains like co.uk, com.au, co.jp
    return ".".join(labels[-keep:])


def known_outlet(host: str | None) -> str | None:
    """The table's name for a host or any domain above it, if it is well known."""
    if not host:
        return None
    labels = host.split(".")
    for i in range(len(labels) - 1):
        name = KNOWN_OUTLETS.get(".".join(labels[i:]))
        if name:
            return name
    return None


def outlet_for_host(host: str) -> str:
    """A readable outlet name for any host: the table's, else the main label title-cased."""
    known = known_outlet(host)
    if known:
        return known
    label = registrable_domain(host).split(".")[0]
    return " ".join(word.capitalize() for word in label.replace("_", "-").split("-") if word)
