"""Bytes a visitor's browser fetches for a page before any image: the HTML and every stylesheet and
script it loads (the map script's Leaflet stylesheet included), as sent and gzip-compressed.

Static files are read through the staticfiles finders, so no server or collectstatic is needed.
Compressed sizes assume the web server compresses text responses (gzip level 6), as any does."""

import gzip
import re
from dataclasses import dataclass, field
from html import unescape

from django.conf import settings
from django.contrib.staticfiles import finders

# <link rel="stylesheet" href>, <script src>, and the Leaflet stylesheet and script assets/js/map.js adds.
ASSET_PATTERNS = [
    ("css", re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"')),
    ("js", re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')),
    ("css", re.compile(r'\bdata-leaflet-css="([^"]+)"')),
    ("js", re.compile(r'\bdata-leaflet-js="([^"]+)"')),
]
BUDGET_BYTES = 150 * 1024


@dataclass
class PageWeight:
    url: str
    raw: dict = field(default_factory=lambda: {"html": 0, "css": 0, "js": 0})
    compressed: dict = field(default_factory=lambda: {"html": 0, "css": 0, "js": 0})
    assets: list = field(default_factory=list)

    @property
    def total_raw(self):
        return sum(self.raw.values())

    @property
    def total_compressed(self):
        return sum(self.compressed.values())

    def add(self, kind, content):
        self.raw[kind] += len(content)
        self.compressed[kind] += len(gzip.compress(content, compresslevel=6))


def static_file(url):
    """The bytes of a static file from its URL, or None for anything not among our static files."""
    if not url.startswith(settings.STATIC_URL):
        return None
    path = finders.find(url[len(settings.STATIC_URL) :].split("?")[0])
    if not path:
        return None
    with open(path, "rb") as handle:
        return handle.read()


def page_weight(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    weight = PageWeight(url)
    weight.add("html", response.content)
    html = response.content.decode()
    seen = set()
    for kind, pattern in ASSET_PATTERNS:
        for asset_url in map(unescape, pattern.findall(html)):
            if asset_url in seen:
                continue
            seen.add(asset_url)
            content = static_file(asset_url)
            if content is None:
                raise ValueError(f"{url} loads {asset_url}, which is not one of our static files")
            weight.add(kind, content)
            weight.assets.append(asset_url)
    return weight


def report(weights):
    lines = [f"{'page weight before images':45} {'html':>8} {'css':>8} {'js':>8} {'total':>9} {'gzip':>8}  target"]
    for w in weights:
        lines.append(
            f"{w.url[:45]:45} {w.raw['html']:8} {w.raw['css']:8} {w.raw['js']:8} {w.total_raw:9} "
            f"{w.total_compressed:8}  gzip < {BUDGET_BYTES // 1024} KB"
        )
    return "\n".join(lines)
