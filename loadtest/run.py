"""`make loadtest`: the load test against the production shape on this machine, headless and bounded.

If nothing answers on http://127.0.0.1:$PORT, it starts `deploy/prod-local.sh` (`make prod`) in the
background with the database `achyk_load`, Redis on 6390 and the 5,000 generated institutions, waits
for /readyz, and stops it at the end (the script's own stop, which leaves alone what it did not start).
Then: a short unrecorded warm-up; one run per user count (default 50 and 200, LOADTEST_SECONDS each,
a visitor waiting 0.5–2 s between pages); after each, how long until pages answer normally again;
then the saturation throughput (no pauses) of a static file, /robots.txt, the cached home page and the
page mix. The tables go to loadtest/results/<timestamp>.md and to stdout.

Environment: PORT (8000), LOADTEST_SECONDS (60), LOADTEST_USERS ("50,200"), LOADTEST_SATURATION_SECONDS
(20; 0 skips it), LOADTEST_SATURATION_USERS (16), LOADTEST_WARMUP_SECONDS (10), and for a server it
starts: PROD_DB_NAME (achyk_load), PROD_REDIS_PORT (6390), PROD_GENERATED_INSTITUTIONS (5000).
Exit status 1 when the run is broken: the server does not start, a 50-user run fails a request, a
larger run has errors other than deliberate 503s, or pages do not recover. Timing targets are
reported as met or not (a shared machine varies too much to fail on them).
"""

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

from bench.production_shape import ProductionShape
from loadtest import report, targets

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "loadtest" / "results"
READY_TIMEOUT_SECONDS = 45 * 60  # a first start migrates and generates 5,000 institutions
RECOVERY_LIMIT_SECONDS = 10
RECOVERED_MS = 500  # a page answering 200 within this counts as recovered
SATURATION_USERS = ("StaticFile", "TrivialView", "CachedPage", "MixFlat")
LABELS = {"StaticFile": "static file", "TrivialView": "trivial view (/robots.txt)", "CachedPage": "cached page (/ky/)",
          "MixFlat": "page mix"}  # fmt: skip


def env_int(name, default):
    return int(os.environ.get(name, default))


def status_of(base, path, timeout=2.0):
    """(HTTP status, milliseconds), or (None, ms) when nothing answers."""
    started = time.monotonic()
    try:
        with urlopen(base + targets.local_path(path), timeout=timeout) as response:
            response.read()
            status = response.status
    except HTTPError as error:
        status = error.code
    except (URLError, OSError):
        status = None
    return status, (time.monotonic() - started) * 1000


def server_cpu_seconds():
    """CPU seconds used so far by gunicorn (master, workers, and workers already recycled), or None
    when its pid file is not ours. On a shared machine, CPU time per request says more than req/s."""
    try:
        master = int((ROOT / ".prod" / "gunicorn.pid").read_text())
    except (OSError, ValueError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in [master, *children_of(master)]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime; for the master also cutime, cstime (the workers it has already reaped)
        total += sum(int(value) for value in fields[11 : 15 if pid == master else 13])
    return total / ticks


def children_of(pid):
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def fetch_text(base, path):
    with urlopen(base + targets.local_path(path), timeout=60) as response:
        return response.read().decode()


def locust(base, user_class, users, seconds, prefix):
    """One headless Locust run (its output in <prefix>.log); returns its rows (report.Row) and the CPU
    milliseconds per request spent by the server and by Locust (None where unknown)."""
    command = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "loadtest" / "locustfile.py"), "--headless",
        "--host", base, "-u", str(users), "-r", str(max(users // 2, 1)), "-t", f"{seconds}s",
        "--stop-timeout", "5", "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        "--exit-code-on-error", "0", user_class,
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LOADTEST_DATA": str(prefix.parent / "site.json")}
    server_before, own_before = server_cpu_seconds(), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(f"{prefix}.log", "wb") as log:
        finished = subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
    server_after, own_after = server_cpu_seconds(), resource.getrusage(resource.RUSAGE_CHILDREN)
    if finished.returncode:
        raise SystemExit(f"Locust failed ({user_class}, {users} users):\n{Path(f'{prefix}.log').read_text()[-3000:]}")
    rows = report.read_rows(prefix)
    count = max(next(row.requests for row in rows if row.name == "all"), 1)
    locust_ms = 1000 * (own_after.ru_utime + own_after.ru_stime - own_before.ru_utime - own_before.ru_stime) / count
    server_ms = 1000 * (server_after - server_before) / count if server_before is not None else None
    return rows, server_ms, locust_ms


def idle_ms(base, paths):
    """How long the slowest probe takes before any load (median of five): the yardstick for recovery."""
    return max(sorted(status_of(base, path, timeout=30)[1] for _ in range(5))[2] for path in paths)


def recovery_seconds(base, paths, normal_ms):
    """Seconds from the end of the load until every path answers 200 as fast as when idle (within
    RECOVERED_MS or 3× the idle time, whichever is longer); None if that never happens."""
    limit_ms = max(RECOVERED_MS, 3 * normal_ms)
    started = time.monotonic()
    while time.monotonic() - started < 3 * RECOVERY_LIMIT_SECONDS:
        if all(status == 200 and ms < limit_ms for status, ms in (status_of(base, p) for p in paths)):
            return time.monotonic() - started
        time.sleep(0.25)
    return None


def main():
    port = env_int("PORT", 8000)
    base = targets.checked_host(f"http://127.0.0.1:{port}")
    seconds = env_int("LOADTEST_SECONDS", 60)
    user_counts = [int(n) for n in os.environ.get("LOADTEST_USERS", "50,200").split(",") if n.strip()]
    saturation_seconds = env_int("LOADTEST_SATURATION_SECONDS", 20)
    saturation_users = env_int("LOADTEST_SATURATION_USERS", 16)
    warmup = env_int("LOADTEST_WARMUP_SECONDS", 10)
    if not (0 < seconds <= 600 and user_counts and all(0 < n <= 500 for n in user_counts)):
        raise SystemExit("LOADTEST_SECONDS must be 1–600 and LOADTEST_USERS 1–500 each.")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    RESULTS.mkdir(parents=True, exist_ok=True)
    broken, lines = [], []
    load_before = os.getloadavg()
    server = ProductionShape(
        port,
        {
            "PROD_DB_NAME": os.environ.get("PROD_DB_NAME", "achyk_load"),
            "PROD_REDIS_PORT": os.environ.get("PROD_REDIS_PORT", "6390"),
            "PROD_GENERATED_INSTITUTIONS": os.environ.get("PROD_GENERATED_INSTITUTIONS", "5000"),
        },
        "the load test",
        "loadtest-server.log",
        READY_TIMEOUT_SECONDS,
    )
    with server, tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        targets.gather(lambda path: fetch_text(base, path), random.Random(17)).save(scratch / "site.json")
        probe_paths = ["/ky/", "/robots.txt"]
        normal_ms = idle_ms(base, probe_paths)
        if warmup:
            locust(base, "Parent", 10, warmup, scratch / "warmup")
        lines += [
            f"# Load test {stamp} (UTC)", "",
            (
                f"Server {base}, {os.cpu_count()} cores, load average before {load_before[0]:.1f} (idle probe "
                f"{normal_ms:.0f} ms); Locust on the same machine. Visitors wait 0.5–2 s between pages; "
                f"{seconds} s per run."
            ),
            "",
        ]  # fmt: skip
        for users in user_counts:
            rows, server_ms, _locust_ms = locust(base, "Parent", users, seconds, scratch / f"users{users}")
            recovered = recovery_seconds(base, probe_paths, normal_ms)
            total = next(row for row in rows if row.name == "all")
            lines += [f"## {users} users, {seconds} s", "", report.table(rows), ""]
            if server_ms is not None:
                lines += [f"Server CPU per request: {server_ms:.1f} ms.", ""]
            lines.append(
                f"Recovery after the load stopped: {recovered:.1f} s." if recovered is not None
                else f"Pages did not recover within {3 * RECOVERY_LIMIT_SECONDS} s."
            )  # fmt: skip
            lines += ["", *check_targets(users, rows), ""]
            if recovered is None or recovered > RECOVERY_LIMIT_SECONDS:
                broken.append(f"{users} users: no recovery within {RECOVERY_LIMIT_SECONDS} s")
            if total.failures:
                broken.append(f"{users} users: {total.failures} failed requests")
            if users <= 50 and total.deliberate_503:
                broken.append(f"{users} users: {total.deliberate_503} requests answered 503")
        if saturation_seconds:
            rates = {}
            for user_class in SATURATION_USERS:
                rows, server_ms, locust_ms = locust(
                    base, user_class, saturation_users, saturation_seconds, scratch / user_class
                )
                total = next(row for row in rows if row.name == "all")
                rates[user_class] = (total.rps, total.p50, total.failures, server_ms, locust_ms)
            lines += saturation_table(rates, saturation_users, saturation_seconds)
    text = "\n".join(lines) + "\n"
    if broken:
        text += "\nBROKEN: " + "; ".join(broken) + "\n"
    out = RESULTS / f"{stamp}.md"
    out.write_text(text)
    print(text)
    print(f"Written to {out.relative_to(ROOT)}")
    return 1 if broken else 0


def check_targets(users, rows):
    by_name = {row.name: row for row in rows}
    total = by_name["all"]
    if users <= 50:
        checks = [
            (f"0 failed requests ({total.failures + total.deliberate_503})", total.failures + total.deliberate_503 == 0)
        ]
        for name in (*targets.PROFILE_TYPES, *targets.SEARCH_TYPES):
            if name in by_name:
                checks.append((f"{name} p95 < 150 ms ({by_name[name].p95:.0f})", by_name[name].p95 < 150))
    else:
        checks = [(f"no errors but deliberate 503s ({total.failures})", total.failures == 0)]
    return [f"- target {'met' if ok else 'NOT met'}: {label}" for label, ok in checks]


def saturation_table(rates, users, seconds):
    """Measured req/s, and the CPU each request cost: the server's, and the server's plus Locust's.
    The last column is what the machine's cores would serve if nothing else ran on them, with
    Locust on the same machine; on a busy shared machine it is steadier than the measured req/s."""
    cores = os.cpu_count()
    lines = [
        f"## Saturation ({users} users without pauses, {seconds} s each)", "",
        "| what | req/s measured | p50 ms | failures | server CPU ms/req | + Locust CPU ms/req | req/s on idle cores |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]  # fmt: skip
    capacity = {}
    for user_class, (rps, p50, failures, server_ms, locust_ms) in rates.items():
        if server_ms is not None:
            capacity[user_class] = cores * 1000 / (server_ms + locust_ms)
            cpu = f"{server_ms:.1f} | {server_ms + locust_ms:.1f} | {capacity[user_class]:.0f}"
        else:
            cpu = "– | – | –"
        lines.append(f"| {LABELS[user_class]} | {rps:.1f} | {p50:.0f} | {failures} | {cpu} |")
    lines += ["", "Page mix as a ratio of each:", ""]
    for basis, values in (("measured", {k: v[0] for k, v in rates.items()}), ("on idle cores", capacity)):
        if values.get("MixFlat"):
            ratios = ", ".join(
                f"{LABELS[name]} {values['MixFlat'] / values[name]:.2f}×"
                for name in SATURATION_USERS[:3]
                if values.get(name)
            )
            lines.append(f"- {basis}: {ratios}")
    lines.append("")
    for basis, values in (("measured", {k: v[0] for k, v in rates.items()}), ("on idle cores", capacity)):
        mix, trivial = values.get("MixFlat"), values.get("TrivialView")
        if mix and trivial:
            lines += [
                f"- target {'met' if mix >= 90 else 'NOT met'} ({basis}): page mix ≥ 90 req/s ({mix:.1f})",
                (
                    f"- target {'met' if mix >= 0.7 * trivial else 'NOT met'} ({basis}): page mix ≥ 0.7× the "
                    f"trivial view ({mix / trivial:.2f}×)"
                ),
            ]  # fmt: skip
    return [*lines, ""]


if __name__ == "__main__":
    sys.exit(main())
