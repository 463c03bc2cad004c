"""Which outlet published an article, and where that answer came from.

Why an origin with the value: the outlet decides whose claims an article
relays, so a user must be able to tell "the manifest says Press TV" from "the
URL is presstv.ir".  Sources are tried from the most to the least explicit:
metadata (manifest, JSONL, feed), the HTML site name, the title's " | Site"
suffix, the URL's registered domain; else ``(None, "unknown")``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

# Well-known domains and the names outlets go by.  Data, not logic: a domain
# missing here is reported as the domain itself.
KNOWN_DOMAINS: Mapping[str, str] = {
    "aa.com.tr": "Anadolu Agency",
    "afp.com": "AFP",
    "ahvalnews.com": "Ahval",
    "aljazeera.com": "Al Jazeera",
    "aljazeera.net": "Al Jazeera",
    "apnews.com": "Associated Press",
    "armenpress.am": "Armenpress",
    "azertag.az": "AZERTAC",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "cnn.com": "CNN",
    "dailysabah.com": "Daily Sabah",
    "dw.com": "Deutsche Welle",
    "eurasianet.org": "Eurasianet",
    "euronews.com": "Euronews",
    "france24.com": "France 24",
    "presstv.com": "Press TV",
    "presstv.ir": "Press TV",
    "reuters.com": "Reuters",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    "rt.com": "RT",
    "sputniknews.com": "Sputnik",
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "theguardian.com": "The Guardian",
    "trtworld.com": "TRT World",
}

# Second-level labels under which ccTLD registries sell names ("bbc.co.uk",
# "aa.com.tr"): the registered domain then has three labels.
_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "mil", "net", "or", "org"})

# Bare placeholders a manifest may hold instead of an outlet name.  A longer
# label the user wrote ("unknown blog") is kept: it is their description.
_PLACEHOLDER = re.compile(r"\s*(?:|-+|n/?a|none|null|unknown|\?+)\s*", re.IGNORECASE)

# Platforms where one address holds many independent channels: the outlet is
# the channel ("t.me/rybar"), not the platform.  Values: how many path
# segments name the channel (YouTube's "/c/NAME" and "/channel/ID" take two).
SOCIAL_HOSTS: Mapping[str, str] = {
    "t.me": "t.me", "telegram.me": "t.me", "telegram.org": "t.me",
    "x.com": "x.com", "twitter.com": "x.com",
    "facebook.com": "facebook.com", "fb.com": "facebook.com",
    "instagram.com": "instagram.com", "tiktok.com": "tiktok.com",
    "youtube.com": "youtube.com", "vk.com": "vk.com", "threads.net": "threads.net",
    "bsky.app": "bsky.app", "rumble.com": "rumble.com", "truthsocial.com": "truthsocial.com",
}
_SOCIAL_PREFIXES = frozenset({"s", "c", "channel", "user", "profile", "@"})
_SOCIAL_NOT_CHANNEL = frozenset({"share", "intent", "home", "search", "watch", "hashtag", "i", "login",
                                 "explore", "sharer", "sharer.php", "permalink.php", "groups", "joinchat"})

_META_ORIGINS = {"html": "html"}  # anything else given in metadata counts as "metadata"


def _usable(value: Any) -> str | None:
    if not isinstance(value, str) or _PLACEHOLDER.fullmatch(value):
        return None
    return " ".join(value.split())


def registered_domain(url: str | None) -> str | None:
    """"https://www.bbc.co.uk/news/x" -> "bbc.co.uk"; None for non-web addresses."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    labels = host.split(".")
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return None
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def social_channel(url: str | None) -> str | None:
    """"https://t.me/s/rybar/1234" -> "t.me/rybar"; None when not a channel on a social platform."""
    domain = registered_domain(url)
    platform = SOCIAL_HOSTS.get(domain or "")
    if platform is None:
        return None
    segments = [seg for seg in urlsplit(url.strip()).path.split("/") if seg]
    while segments and segments[0].lower() in _SOCIAL_PREFIXES:
        segments = segments[1:]
    if not segments or segments[0].lower() in _SOCIAL_NOT_CHANNEL:
        return None
    channel = segments[0].lower().lstrip("@")
    if not re.fullmatch(r"[\w.\-]{1,100}", channel):
        return None
    return f"{platform}/{channel}"


def infer_outlet(meta: Mapping[str, Any], url: str | None, site_name: str | None) -> tuple[str | None, str]:
    """The outlet name and its origin: metadata | html | title | url | unknown.

    ``meta`` is the reader's metadata (``outlet``, ``sitename`` and their
    ``*_origin``); ``site_name`` is the title's site suffix found by cleaning.
    """
    outlet = _usable(meta.get("outlet"))
    if outlet:
        return outlet, _META_ORIGINS.get(str(meta.get("outlet_origin", "")), "metadata")
    channel = social_channel(url)
    if channel:  # the platform's own site name ("Telegram") would merge every channel into one outlet
        return channel, "url"
    sitename = _usable(meta.get("sitename"))
    if sitename:
        return sitename, "html"
    suffix = _usable(site_name)
    if suffix:
        return suffix, "title"
    domain = registered_domain(url)
    if domain:
        return KNOWN_DOMAINS.get(domain, domain), "url"
    return None, "unknown"


__all__ = ["KNOWN_DOMAINS", "SOCIAL_HOSTS", "infer_outlet", "registered_domain", "social_channel"]
