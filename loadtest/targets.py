"""What the load test asks for: the host guard and the URL builders (no Locust here, so tests import it freely).

Every URL is built from data the site itself lists (the API's institutions, programmes, regions and
types), in ky, ru and en, so the mix hits pages that exist, spread the way parents spread them.
"""

import json
import random
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

LANGUAGES = ("ky", "ru", "en")
# Most visitors read Kyrgyz or Russian; English is for the few from abroad.
LANGUAGE_WEIGHTS = (5, 4, 1)
# Words parents type, in the three languages and both scripts (names, kinds of school, places).
SEARCH_WORDS = (
    "мектеп", "лицей", "колледж", "университет", "гимназия", "Бишкек", "Ош", "Каракол", "Нарын",
    "школа", "колледж Бишкек", "school", "university", "Jalal-Abad", "Osh", "кесиптик",
)  # fmt: skip
# Towns parents search around (lat, lon); radii the page offers.
PLACES = (
    (42.8746, 74.5698), (40.5283, 72.7985), (40.9333, 73.0017), (42.4907, 78.3936), (41.4287, 75.9911),
    (42.5228, 72.2427), (40.0629, 70.8194), (42.8420, 75.3010), (42.6497, 77.0813),
)  # fmt: skip
RADII_KM = (5, 10, 25)
API_PAGES_READ = 4  # API pages of 100 read per language for profile and programme URLs
_COMPARE_ID = re.compile(r"[?&;]compare=(\d+)")
_STATIC = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')
_TYPE = re.compile(r'name="type" value="([\w-]+)"')


class UnsafeHost(ValueError):
    """The load test sends traffic to this machine only."""


def checked_host(host: str) -> str:
    """The base URL if it points at 127.0.0.1 over plain HTTP, else UnsafeHost (no redirect can widen it)."""
    parts = urlsplit(host or "")
    if parts.scheme != "http" or parts.hostname != "127.0.0.1" or parts.username or parts.password:
        raise UnsafeHost(f"Load test traffic goes only to http://127.0.0.1:<port>, not {host!r}.")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise UnsafeHost(f"Give the server's base URL only (http://127.0.0.1:<port>), not {host!r}.")
    port = parts.port or 80  # raises ValueError for a malformed port
    return f"http://127.0.0.1:{port}"


def local_path(url: str) -> str:
    """The path and query of a URL the site gave us, or UnsafeHost if it names another host."""
    parts = urlsplit(url)
    if parts.scheme and (parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost")):
        raise UnsafeHost(f"The site listed a URL on another host: {url!r}.")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return quote(path, safe="/?&=;:,+%-._~")  # slugs and queries in Cyrillic, percent-encoded


@dataclass
class SiteData:
    """What the site lists, gathered once at the start of a run (see loadtest.locustfile.gather)."""

    profiles: dict = field(default_factory=dict)  # language -> [path]
    programmes: dict = field(default_factory=dict)  # language -> [path]
    page_ids: list = field(default_factory=list)  # Kyrgyz page ids of institutions, for /compare/
    regions: list = field(default_factory=list)  # slugs
    types: list = field(default_factory=list)  # slugs
    static_path: str = ""  # one hashed static file
    cached_path: str = ""  # a page every visitor sees (the home page)

    def save(self, path):
        Path(path).write_text(json.dumps(asdict(self)))

    @classmethod
    def load(cls, path):
        return cls(**json.loads(Path(path).read_text())).ready()

    def ready(self):
        missing = [name for name in ("profiles", "programmes", "page_ids", "regions") if not getattr(self, name)]
        if missing:
            raise RuntimeError(f"The site listed no {', '.join(missing)}: is the demo data loaded?")
        return self


def gather(get, rng) -> SiteData:
    """Reads the site once through get(path) -> text: profile and programme URLs in each language (from
    the API, at a few random offsets so the whole set is visited), institution page ids (from the
    directory's compare links), region and type slugs, one static file."""
    data = SiteData()
    data.regions = [region["slug"] for region in json.loads(get("/api/v1/regions"))]
    for lang in LANGUAGES:
        total = json.loads(get(f"/api/v1/institutions?lang={lang}&limit=1"))["total"]
        offsets = {rng.randrange(0, total - 100) for _ in range(API_PAGES_READ)} if total > 100 else {0}
        profiles, programmes = set(), set()
        for offset in sorted(offsets):
            for kind, found in (("institutions", profiles), ("programmes", programmes)):
                page = json.loads(get(f"/api/v1/{kind}?lang={lang}&limit=100&offset={offset}"))
                found.update(local_path(item["url"]) for item in page["items"] if item.get("url"))
        data.profiles[lang], data.programmes[lang] = sorted(profiles), sorted(programmes)
    data.cached_path = "/ky/"
    data.static_path = (_STATIC.findall(get(data.cached_path)) or [""])[0]
    page_ids, types = set(), set()
    for query in ("", "?q=%D0%BC%D0%B5%D0%BA%D1%82%D0%B5%D0%BF", "?region=bishkek", "?sort=name&page=3"):
        html = get(f"/ky/institutions/{query}")
        page_ids.update(int(pk) for pk in _COMPARE_ID.findall(html))
        types.update(_TYPE.findall(html))
    data.page_ids, data.types = sorted(page_ids), sorted(types)
    return data.ready()


def language(rng: random.Random) -> str:
    return rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)[0]


def home(rng, data):
    return f"/{language(rng)}/"


def directory(rng, data):
    """The directory with text and/or filters, sometimes a later page, as parents narrow a search."""
    params = {}
    if rng.random() < 0.7:
        params["q"] = rng.choice(SEARCH_WORDS)
    if rng.random() < 0.5 and data.regions:
        params["region"] = rng.choice(data.regions)
    if rng.random() < 0.3 and data.types:
        params["type"] = rng.choice(data.types)
    if rng.random() < 0.15:
        params["page"] = rng.randint(2, 4)
    return f"/{language(rng)}/institutions/" + (f"?{urlencode(params)}" if params else "")


def near_place(rng, data):
    lat, lon = rng.choice(PLACES)
    params = {"lat": f"{lat + rng.uniform(-0.02, 0.02):.4f}", "lon": f"{lon + rng.uniform(-0.02, 0.02):.4f}"}
    params.update(radius=rng.choice(RADII_KM), sort="distance")
    return f"/{language(rng)}/institutions/?{urlencode(params)}"


def profile(rng, data):
    lang = language(rng)
    return rng.choice(data.profiles.get(lang) or data.profiles["ky"])


def programme(rng, data):
    lang = language(rng)
    return rng.choice(data.programmes.get(lang) or data.programmes["ky"])


def compare(rng, data):
    ids = rng.sample(data.page_ids, k=min(len(data.page_ids), rng.randint(2, 3)))
    return f"/{language(rng)}/compare/?ids={','.join(str(pk) for pk in ids)}"


def decisions(rng, data):
    params = {}
    if rng.random() < 0.4 and data.regions:
        params["region"] = rng.choice(data.regions)
    if rng.random() < 0.2:
        params["expiring"] = 1
    return f"/{language(rng)}/decisions/" + (f"?{urlencode(params)}" if params else "")


def api_list(rng, data):
    kind = rng.choice(("institutions", "institutions", "programmes", "decisions"))
    params = {"lang": language(rng), "limit": rng.choice((20, 50)), "offset": rng.choice((0, 0, 20, 100))}
    if kind == "institutions" and rng.random() < 0.5 and data.regions:
        params["region"] = rng.choice(data.regions)
    return f"/api/v1/{kind}?{urlencode(params)}"


def csv_download(rng, data):
    params = {"format": "csv"}
    if data.regions:
        params["region"] = rng.choice(data.regions)  # a region's list: what a parent or journalist downloads
    if rng.random() < 0.5 and data.types:
        params["type"] = rng.choice(data.types)
    return f"/{language(rng)}/institutions/download/?{urlencode(params)}"


# Page type -> (builder, weight). Weighted to what parents do: find a school (search, near me),
# read its profile and programmes, compare a few; the register, the API and downloads are rarer.
MIX = {
    "home": (home, 8),
    "directory": (directory, 20),
    "near": (near_place, 10),
    "profile": (profile, 30),
    "programme": (programme, 12),
    "compare": (compare, 6),
    "decisions": (decisions, 6),
    "api": (api_list, 6),
    "csv": (csv_download, 2),
}
# The page types whose p95 the 50-user target names.
SEARCH_TYPES = ("directory", "near")
PROFILE_TYPES = ("profile",)
