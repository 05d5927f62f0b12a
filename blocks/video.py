"""Recognise a video link and give the address of its privacy-friendly player.

A portal page must not make the reader's browser contact a third-party host until the
reader asks for it, so a video block renders a link (and a play button) and only the
click loads the player, from the provider's no-cookie domain.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{4,12}$")


@dataclass(frozen=True)
class Video:
    provider: str
    video_id: str

    @property
    def watch_url(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def player_url(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1&autoplay=1"


def parse_video_url(url: str) -> Video | None:
    """The video a YouTube or Vimeo link points at, or None if it is not one."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    segments = [s for s in parts.path.split("/") if s]
    for hosts, provider, pattern, find in _PROVIDERS:
        if host in hosts:
            candidate = find(segments, parts.query)
            return Video(provider, candidate) if candidate and pattern.match(candidate) else None
    return None


def _youtube_id(segments, query):
    if segments[:1] == ["watch"]:
        return (parse_qs(query).get("v") or [None])[0]
    if len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
        return segments[1]
    return None


_PROVIDERS = (
    (("youtube.com", "youtube-nocookie.com"), "youtube", _YOUTUBE_ID, _youtube_id),
    (("youtu.be",), "youtube", _YOUTUBE_ID, lambda segments, query: segments[0] if segments else None),
    (("vimeo.com", "player.vimeo.com"), "vimeo", _VIMEO_ID, lambda segments, query: segments[-1] if segments else None),
)
