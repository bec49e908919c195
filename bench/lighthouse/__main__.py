"""`make lighthouse`: Google Lighthouse's performance score for the home page, the directory and one
institution profile (the /ky/ pages), on the production shape, mobile (Lighthouse's default: a
mid-range phone on a slow 4G link, throttling simulated) and desktop (`--preset=desktop`).

Lighthouse is the npm package pinned in bench/lighthouse/package.json (installed with `npm ci` into
bench/lighthouse/node_modules, git-ignored); the browser is Debian's Chromium (CHROME_PATH, default
/usr/bin/chromium), never a downloaded one. The profile's URL is the directory's first profile link,
so no id is written down here.

If nothing answers on http://127.0.0.1:$PORT it starts `deploy/prod-local.sh` (`make prod`) in the
background with the database PROD_DB_NAME (achyk_lighthouse) and Redis on PROD_REDIS_PORT (6393),
the demo data only, waits for /readyz and stops it again at the end (the script's own stop, which
leaves alone a PostgreSQL it did not start).

Each page and form factor is run LIGHTHOUSE_RUNS times (3); the table gives the median run and the
spread of the score. The table goes to bench/results/lighthouse-<timestamp>.md (with every run's JSON
report beside it) and to stdout. Exit status 1 when a median score is under LIGHTHOUSE_MIN_SCORE (0.95).
"""

import json
import os
import re
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urljoin
from urllib.request import urlopen

from bench.production_shape import ProductionShape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = ROOT / "bench" / "results"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
READY_TIMEOUT_SECONDS = 30 * 60  # a first start migrates and loads the demo data into PostgreSQL
# The last flag keeps every request on this machine: the profile's map would fetch OpenStreetMap's
# tiles, which Lighthouse then sees fail (they are third-party and come after the first paint).
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync "
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"'
)
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
# (column, audit id, unit): milliseconds, a unitless shift score, or bytes
METRICS = [
    ("FCP", "first-contentful-paint", "ms"),
    ("LCP", "largest-contentful-paint", "ms"),
    ("TBT", "total-blocking-time", "ms"),
    ("CLS", "cumulative-layout-shift", ""),
    ("Speed Index", "speed-index", "ms"),
    ("Transfer", "total-byte-weight", "bytes"),
]
DIRECTORY_LINK = re.compile(r'<form class="header-search"[^>]*\baction="([^"]+)"')  # every page's search box
PROFILE_LINK = re.compile(r'class="card__title">\s*<a href="([^"?#]+)')


def status_of(url, timeout=5.0):
    try:
        with urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except HTTPError as error:
        return error.code
    except (URLError, OSError):
        return None


def fetch_text(url):
    with urlopen(url, timeout=60) as response:
        return response.read().decode()


def pages(base):
    """(name, URL) of the three pages, found from the running site."""
    home = base + "/ky/"
    match = DIRECTORY_LINK.search(fetch_text(home))
    if not match:
        raise SystemExit(f"No link to the directory (the search box's action) found on {home}.")
    directory = urljoin(home, unescape(match[1]))
    html = fetch_text(directory)
    match = PROFILE_LINK.search(html)
    if not match:
        raise SystemExit(f"No institution profile link found on {directory}; is the demo data loaded?")
    return [("home", home), ("directory", directory), ("profile", urljoin(directory, unescape(match[1])))]


def lighthouse(url, form_factor, output, attempts=3):
    """One Lighthouse run; returns its JSON report (also written to `output`). A run that fails to
    record the page (NO_NAVSTART and the like, which a busy machine provokes now and then) is retried."""
    for attempt in range(1, attempts + 1):
        output.unlink(missing_ok=True)
        report, problem = lighthouse_once(url, form_factor, output)
        if report:
            return report
        print(f"Lighthouse could not measure {url} ({form_factor}), attempt {attempt}: {problem}", flush=True)
    raise SystemExit(f"Lighthouse failed on {url} ({form_factor}) {attempts} times: {problem}")


def lighthouse_once(url, form_factor, output):
    """(report, None), or (None, what went wrong)."""
    command = [
        str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", f"--output-path={output}",
        f"--chrome-flags={CHROME_FLAGS}", "--quiet", *FORM_FACTORS[form_factor],
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
           "PUPPETEER_SKIP_DOWNLOAD": "1"}  # fmt: skip
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return None, "no result within 300 s"
    if result.returncode != 0 or not output.exists():
        return None, result.stderr.strip()[-2000:]
    report = json.loads(output.read_text())
    if report.get("runtimeError"):
        return None, report["runtimeError"].get("message")
    if report["categories"]["performance"]["score"] is None:
        return None, "no performance score (a metric could not be computed)"
    return report, None


def row_of(report):
    audits = report["audits"]
    return {
        "score": report["categories"]["performance"]["score"],
        **{column: audits[audit].get("numericValue") for column, audit, _unit in METRICS},
    }


def formatted(value, unit):
    if value is None:
        return "–"
    if unit == "ms":
        return f"{value / 1000:.2f} s"
    if unit == "bytes":
        return f"{value / 1024:.0f} KB"
    return f"{value:.3f}"


def table(results):
    """Markdown: per page and form factor, the median run's figures and the score's spread."""
    header = ["Page", "Form factor", "Score (median)", "Scores (runs)"] + [column for column, _a, _u in METRICS]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for (name, form_factor), rows in results.items():
        scores = [row["score"] for row in rows]
        cells = [name, form_factor, f"{statistics.median(scores):.2f}", " ".join(f"{s:.2f}" for s in scores)]
        cells += [_spread([row[column] for row in rows], unit) for column, _a, unit in METRICS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _spread(values, unit):
    """The median and, when the runs differ, their range."""
    values = [value for value in values if value is not None]
    if not values:
        return "–"
    low, middle, high = min(values), statistics.median(values), max(values)
    if formatted(low, unit) == formatted(high, unit):
        return formatted(middle, unit)
    return f"{formatted(middle, unit)} ({formatted(low, unit)}–{formatted(high, unit)})"


def main():
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make lighthouse` (it runs `npm ci` in bench/lighthouse).")
    port = int(os.environ.get("PORT", "8000"))
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    minimum = float(os.environ.get("LIGHTHOUSE_MIN_SCORE", "0.95"))
    base = f"http://127.0.0.1:{port}"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = RESULTS / f"lighthouse-{stamp}"
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    server = ProductionShape(
        port,
        {
            "PROD_DB_NAME": os.environ.get("PROD_DB_NAME", "achyk_lighthouse"),
            "PROD_REDIS_PORT": os.environ.get("PROD_REDIS_PORT", "6393"),
            "PROD_GENERATED_INSTITUTIONS": "0",
        },
        "Lighthouse",
        "lighthouse-server.log",
        READY_TIMEOUT_SECONDS,
    )
    with server:
        targets = pages(base)
        for _name, url in targets:
            status_of(url, timeout=60)  # warm the page cache, as a visitor after the first one sees it
        for run in range(1, runs + 1):
            for name, url in targets:
                for form_factor in FORM_FACTORS:
                    report = lighthouse(url, form_factor, folder / f"{name}-{form_factor}-{run}.json")
                    row = row_of(report)
                    results.setdefault((name, form_factor), []).append(row)
                    print(f"run {run}: {name} {form_factor} {row['score']:.2f}", flush=True)
    text = (
        f"# Lighthouse {report['lighthouseVersion']}, performance, {runs} runs ({stamp})\n\n"
        + "\n".join(f"- {name}: {url.removeprefix(base)}" for name, url in targets)
        + "\n\nMedian of the runs; in brackets the range where the runs differ.\n\n"
        + table(results)
        + "\n"
    )
    (RESULTS / f"lighthouse-{stamp}.md").write_text(text)
    print("\n" + text + f"\nWritten to {RESULTS / f'lighthouse-{stamp}.md'} (JSON reports in {folder}).")
    failing = [
        f"{name} ({form_factor}): {statistics.median(row['score'] for row in rows):.2f}"
        for (name, form_factor), rows in results.items()
        if statistics.median(row["score"] for row in rows) < minimum
    ]
    if failing:
        print(f"Performance score under {minimum}: " + "; ".join(failing), file=sys.stderr)
        return 1
    print(f"Every page scores at least {minimum} (median of {runs} runs).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
