"""`make bench`: server-side timings and query counts on 5,000 generated institutions.

Requests go through Django's test client (no network), so the numbers are server time: URL
routing, queries, template rendering. Targets are in DESIGN.md. Each page is timed warm (served as
the cache allows: fragments and search answers are cached under the content version) and cold (the
cache emptied before every request: a page nobody asked for since the last change).

Then the cold figures are measured in several runs (`--runs`, default 3) and printed with their
spread: the profile, the directory's search mix, and, when `BAKERYDEMO_DIR` names a set-up checkout
of wagtail/bakerydemo (its venv in `.venv`, or `BAKERYDEMO_PYTHON`), its blog page timed the same way
in the same run (bench/bakerydemo_page.py, run by bakerydemo's own interpreter). The profile is timed
in a new process each run (bench/cold_page.py), as bakerydemo's page is; its queries are counted here.
Last, one publish of an institution page: time and queries here and on a second database with 70
institutions.

`DATABASE_URL` runs it all on PostgreSQL (the 70-institution database is that name + `_70`, made if
missing); else on the SQLite file `BENCH_DATABASE` (default bench.sqlite3; the small one bench-70.sqlite3).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")

import django
import psycopg

django.setup()

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accreditation.models import AccreditationDecisionPage, DecisionIndexPage
from bench.page_weight import page_weight, report
from core import content_version
from demo.generator import generate_decisions, generate_institutions
from demo.loader import ensure_page_tree, load_classifiers
from demo.planner import update_planner_statistics
from institutions.models import InstitutionLicence, InstitutionPage, ProgrammePage

SEARCH_MIX = [
    "",
    "?q=мектеп",
    "?q=Bishkek",
    "?q=колледж&region=chuy",
    "?q=lyceum",
    "?q=Ош",
    "?q=Жалал-Абад",
    "?q=jalal",
    "?region=osh-region&type=college",
    "?q=мектеби&ownership=private",
    "?lat=42.87&lon=74.59&radius=15",
    "?q=гимназия&lat=40.51&lon=72.8&radius=30&sort=distance",
    "?language=ru&page=3",
    "?q=Бишкек&sort=name&page=2",
    "?q=mektebi",
    "?q=Сокулук",
    "?transparency=50-74&sort=transparency",
    "?q=колледж&transparency=75-100",
]


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


# CPU time of this process (SQLite runs in it) per request, beside wall time: on a shared, busy
# machine wall time measures the neighbours as much as the code.
CPU_TIMES = {}


def timed(client, url, repeat, cold=False):
    """Times of `repeat` requests. Cold: the cache is emptied before each (nothing cached, what the
    first visitor after a change waits); warm: served as the cache allows, as most visitors are.
    Timed without the query capture (Django's debug cursor, which production never runs, formats every
    query's parameters: about 0.1 ms a query); one more request, untimed, counts the queries."""
    times, cpu = [], []
    if not cold:
        client.get(url)  # warm means served as a second visitor is: after one untimed request
    for _ in range(repeat):
        if cold:
            cache.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    if cold:
        cache.clear()
    queries, size = counted(client, url)
    CPU_TIMES.setdefault((url, cold), []).extend(cpu)
    return times, queries, size


def counted(client, url):
    """The queries and size of one request (untimed)."""
    connection.queries_log.clear()  # a full log (9,000 queries) would make the capture empty
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), len(response.content)


def ensure_data(count):
    call_command("migrate", verbosity=0)
    call_command("compile_catalogues", verbosity=0)
    load_classifiers()
    home, directory = ensure_page_tree()
    have = InstitutionPage.objects.count()
    if have < count:
        started = time.perf_counter()
        generate_institutions(directory, count - have, programmes_per_institution=4, seed=have + 1)
        print(f"generated {count - have} institutions in {time.perf_counter() - started:.1f} s")
    register = DecisionIndexPage.objects.child_of(home).first()
    if register is None:
        register = home.add_child(instance=DecisionIndexPage(title="Чечимдер", slug="decisions", locale=home.locale))
        register.save_revision().publish()
    if not AccreditationDecisionPage.objects.exists():
        made = generate_decisions(register, share=0.7, seed=1)
        print(f"generated {made} accreditation decisions")
    update_planner_statistics()  # as generate_institutions and load_demo_data do
    return directory, register


def enlarge(institution, register, programmes=12, licences=20, decisions=10):
    """Give one institution many programmes, licences and decisions (the query count must not grow)."""
    for _ in range(programmes - ProgrammePage.objects.child_of(institution).count()):
        institution.add_child(instance=ProgrammePage(title="Кошумча программа", slug=f"extra-{time.time_ns()}"))
    for n in range(licences - institution.licences.count()):
        InstitutionLicence.objects.create(
            institution=institution, number=f"L-{n}", issued_on=date(2020, 1, 1), issuer="Билим берүү министрлиги"
        )
    have = AccreditationDecisionPage.objects.filter(institution=institution).count()
    for n in range(decisions - have):
        decision = register.add_child(
            instance=AccreditationDecisionPage(
                title=f"Чечим {n}",
                slug=f"extra-decision-{time.time_ns()}",
                number=f"X-{n}",
                decision_date=date(2015 + n, 6, 1),
                institution=institution,
                outcome="accredited",
                valid_from=date(2015 + n, 6, 1),
                valid_until=date(2020 + n, 6, 1),
            )
        )
        decision.save_revision().publish()


def rebuild_row():
    """Time a full index rebuild, against ELASTICSEARCH_URL if set, else against osmem-server (a test
    double: its speed is not a real cluster's)."""
    from django.conf import settings

    server = None
    if not settings.ELASTICSEARCH_URL:
        from osmem_server import OsmemServer

        server = OsmemServer.start()
        settings.ELASTICSEARCH_URL = server.url
        settings.ELASTICSEARCH_NODE_CLASS = "tests.es_transport.OsmemCompatibleNode"
        settings.ELASTICSEARCH_TIMEOUT = 30.0
    try:
        started = time.perf_counter()
        call_command("rebuild_search_index", verbosity=0)
        seconds = time.perf_counter() - started
    finally:
        if server:
            server.close()
    where = "osmem-server" if server else "Elasticsearch"
    return (
        f"index rebuild, {InstitutionPage.objects.live().count()} pages ({where}), s",
        seconds,
        seconds,
        "",
        "",
        "< 60 s",
    )


def after_change():
    """Move the content version on, as a publish does: cached fragments and the lookups kept per
    content version (core.memo) are all stale, so the next request pays for everything."""
    content_version._bump_now()
    cache.clear()


BAKERYDEMO_SCRIPT = Path(__file__).with_name("bakerydemo_page.py")


def cold_in_own_process(url, repeat, changed=False):
    """One of our pages timed cold in a new process (bench/cold_page.py), on the same database.

    Started as a script, as bakerydemo's page is: how deep the interpreter's stack already is when the
    page renders matters on Python 3.11 and 3.12. A call that keeps crossing a boundary of the frame
    stack's 16 KiB chunks maps and unmaps one each time (CPython issue 142183, fixed in 3.14 and
    3.13's later releases). Started with `-m`, a few frames deeper, the same profile made about 280
    more of those pairs a request and took 2.5 ms longer."""
    script = Path(__file__).with_name("cold_page.py")
    command = [sys.executable, str(script), url, str(repeat), *(["changed"] if changed else [])]
    return json_line_of(command, script.resolve().parent.parent, f"timing {url} in its own process")


def bakerydemo_cold(repeat):
    """bakerydemo's blog page timed cold by bakerydemo's own interpreter, or None without BAKERYDEMO_DIR."""
    folder = os.environ.get("BAKERYDEMO_DIR")
    if not folder:
        return None
    python = os.environ.get("BAKERYDEMO_PYTHON") or str(Path(folder) / ".venv" / "bin" / "python")
    env = {key: value for key, value in os.environ.items() if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    return json_line_of([python, str(BAKERYDEMO_SCRIPT), str(repeat)], folder, f"bakerydemo ({python})", env)


def json_line_of(command, folder, what, env=None):
    """The JSON line a timing script prints last, run in `folder`; its error output if it fails."""
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode:
        raise SystemExit(f"{what} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# The task backend production has: what a publish queues runs in the worker, not in the editor's request.
QUEUED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def publish_cost(repeat=5):
    """One editor's publish of an institution page: the transaction and what its commit runs, with tasks
    queued as in production (times, query counts, the writes that must not repeat: content version updates
    and workflow assignments); then the worker's run of what it queued (search index, similar lists...)."""
    pk = InstitutionPage.objects.filter(live=True).order_by("id").values_list("pk", flat=True).first()
    cost = {
        "institutions": InstitutionPage.objects.count(),
        "times": [],
        "queries": [],
        "version_updates": [],
        "workflow_writes": [],
        "worker_times": [],
        "worker_queries": [],
    }
    with override_settings(TASKS=QUEUED_TASKS):
        # The refreshes the page timings queued: each cold request found the cache (and its "at most
        # hourly" note) empty. Dropped, not run: the generated scores are current.
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).delete()
        # A generated page was never saved by an editor, so its first publish assigns its groups and workflow
        # (as its creation would have): counted apart, the steady cost is what every later publish pays.
        page = InstitutionPage.objects.get(pk=pk)
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as first, transaction.atomic():
            page.save_revision().publish()
        cost["first_queries"] = len(first)
        call_command("db_worker", batch=True, startup_delay=False, reload=False, queue_name="*", verbosity=0)
        for n in range(repeat):
            page = InstitutionPage.objects.get(pk=pk)
            page.mission = f"<p>Миссия жаңыланды {n} {time.time_ns()}.</p>"
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                with transaction.atomic():
                    page.save_revision().publish()
                cost["times"].append((time.perf_counter() - started) * 1000)
            sql = [query["sql"] for query in captured.captured_queries]
            cost["queries"].append(len(sql))
            cost["version_updates"].append(sum('UPDATE "pages_contentversion"' in q for q in sql))
            cost["workflow_writes"].append(
                sum("wagtailcore_workflowpage" in q and not q.startswith("SELECT") for q in sql)
            )
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as worker:
                started = time.perf_counter()
                call_command("db_worker", batch=True, startup_delay=False, reload=False, queue_name="*", verbosity=0)
                cost["worker_times"].append((time.perf_counter() - started) * 1000)
            cost["worker_queries"].append(len(worker))
    return cost


def small_database_env(count):
    """The environment of a bench process on its own database of `count` institutions."""
    env = dict(os.environ)
    database = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        name = f"{database['NAME']}_{count}"
        with psycopg.connect(
            host=database["HOST"],
            port=database["PORT"] or 5432,
            user=database["USER"],
            password=database["PASSWORD"],
            dbname="postgres",
            autocommit=True,
        ) as server:
            if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                server.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT'] or 5432}/{name}"
        )
    else:
        main_file = Path(database["NAME"])
        env["BENCH_DATABASE"] = str(main_file.with_name(f"{main_file.stem}-{count}{main_file.suffix}"))
    return env


def publish_cost_at(count):
    """publish_cost() in a bench process on a database of `count` institutions."""
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--institutions", str(count), "--publish-only"],
        env=small_database_env(count),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"publish benchmark at {count} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def spread(values):
    return f"{statistics.median(values):7.1f} ({min(values):.1f}–{max(values):.1f})"


def side_by_side(client, directory, profiles, runs, repeat):
    """The cold figures, `runs` times, each run with bakerydemo's blog page measured beside ours."""
    results = []
    for run in range(runs):
        row = {"load": os.getloadavg()[0]}
        bakery = bakerydemo_cold(repeat)
        if bakery:
            row["bakery"], row["bakery_cpu"] = statistics.median(bakery["times"]), statistics.median(bakery["cpu"])
            row["bakery_queries"], row["bakery_url"] = bakery["queries"], bakery["url"]
            row["bakery_versions"] = f"Wagtail {bakery['wagtail']}, Django {bakery['django']}, {bakery['database']}"
        for name, profile in profiles.items():
            own = cold_in_own_process(profile.url, repeat)  # as bakerydemo's page is timed
            row[name], row[f"{name}_cpu"] = statistics.median(own["times"]), statistics.median(own["cpu"])
            client.get(profile.url)  # what a process reads once (content types, shared lookups), then cold
            cache.clear()
            row[f"{name}_queries"], _size = counted(client, profile.url)
        row["after_change"] = statistics.median(
            cold_in_own_process(profiles["profile"].url, repeat, changed=True)["times"]
        )
        after_change()
        client.get(profiles["profile"].url)  # the process's own first reads, then right after a change
        after_change()
        row["after_change_queries"], _size = counted(client, profiles["profile"].url)
        search, search_cpu = [], []
        for query in SEARCH_MIX:
            CPU_TIMES.pop((directory.url + query, True), None)
            times, _queries, _size = timed(client, directory.url + query, max(3, repeat // 4), cold=True)
            search.extend(times)
            search_cpu.extend(CPU_TIMES[(directory.url + query, True)])
        row["search_p50"], row["search_p95"] = statistics.median(search), percentile(search, 0.95)
        row["search_cpu_p95"] = percentile(search_cpu, 0.95)
        results.append(row)
        print(
            f"  run {run + 1}: load {row['load']:.1f}, profile cold {row['profile']:.1f} ms"
            + (f", bakerydemo {row['bakery']:.1f} ms" if bakery else "")
            + f", search cold p95 {row['search_p95']:.1f} ms",
            flush=True,
        )
    return results


def print_side_by_side(results):
    print()
    print(
        f"cold figures over {len(results)} runs, {connection.vendor} (median of each run; spread min–max;"
        " load = 1-minute load average at the run's start)"
    )
    header = f"{'run':>4} {'load':>5} {'profile':>8} {'CPU':>6} {'q':>3} {'big':>8} {'q':>3} {'changed':>8} {'q':>3}"
    has_bakery = "bakery" in results[0]
    if has_bakery:
        header += f" {'bakery':>8} {'CPU':>6} {'q':>3} {'ratio':>6} {'CPU r.':>6}"
    header += f" {'search p50':>11} {'search p95':>11} {'CPU p95':>8}"
    print(header)
    for n, row in enumerate(results, 1):
        line = (
            f"{n:>4} {row['load']:5.1f} {row['profile']:8.1f} {row['profile_cpu']:6.1f} {row['profile_queries']:>3}"
            f" {row['big']:8.1f} {row['big_queries']:>3} {row['after_change']:8.1f} {row['after_change_queries']:>3}"
        )
        if has_bakery:
            line += (
                f" {row['bakery']:8.1f} {row['bakery_cpu']:6.1f} {row['bakery_queries']:>3}"
                f" {row['profile'] / row['bakery']:6.2f} {row['profile_cpu'] / row['bakery_cpu']:6.2f}"
            )
        line += f" {row['search_p50']:11.1f} {row['search_p95']:11.1f} {row['search_cpu_p95']:8.1f}"
        print(line)
    print(f"profile cold median, ms: {spread([row['profile'] for row in results])}   (target: < 40 on PostgreSQL)")
    print(
        f"profile cold queries:    {sorted({row['profile_queries'] for row in results})} small,"
        f" {sorted({row['big_queries'] for row in results})} big   (target: constant, < 20)"
    )
    print(
        f"directory search mix cold p95, ms: {spread([row['search_p95'] for row in results])}"
        "   (target: < 100 on SQLite, < 120 on PostgreSQL, every run)"
    )
    print(
        f"  the same, CPU time of this process, p95, ms: {spread([row['search_cpu_p95'] for row in results])}"
        " (SQLite runs in this process; PostgreSQL's own time is not in it)"
    )
    if has_bakery:
        ratios = [row["profile"] / row["bakery"] for row in results]
        print(
            f"bakerydemo blog page cold median, ms: {spread([row['bakery'] for row in results])}"
            f" ({results[0]['bakery_url']}, {results[0]['bakery_versions']})"
        )
        print(
            f"ratio profile / bakerydemo: {spread(ratios)}   (target: <= 0.7);"
            f" by CPU time: {spread([row['profile_cpu'] / row['bakery_cpu'] for row in results])}"
        )
    print("'changed': the profile right after a change (content version moved: nothing cached, nothing kept).")


def print_publish(costs):
    print()
    print(
        "one publish of an institution page (a transaction and what its commit runs, tasks queued as in"
        " production; median of 5, spread)"
    )
    for cost in costs:
        print(
            f"  {cost['institutions']:>5} institutions: {spread(cost['times'])} ms, queries"
            f" {sorted(set(cost['queries']))}, content version updates {sorted(set(cost['version_updates']))},"
            f" workflow writes {sorted(set(cost['workflow_writes']))}   (target: <= 150 queries, the same at both sizes)"
        )
        print(f"  {'':>5} (the untimed publish before them: {cost['first_queries']} queries)")
        print(
            f"  {'':>5} then the worker's run of the tasks it queued: {spread(cost['worker_times'])} ms, queries"
            f" {spread(cost['worker_queries'])}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--institutions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--detail", action="store_true", help="Also print each search's median and query count.")
    parser.add_argument("--runs", type=int, default=3, help="Runs of the cold figures (printed with their spread).")
    parser.add_argument(
        "--cold-only",
        action="store_true",
        help="Only the cold runs and the publish cost (no warm table, page weight, index rebuild).",
    )
    parser.add_argument("--publish-only", action="store_true", help=argparse.SUPPRESS)  # the 70-institution process
    args = parser.parse_args()

    directory, register = ensure_data(args.institutions)
    if args.publish_only:
        print(json.dumps(publish_cost()))
        return 0
    client = Client()
    print(
        f"data: {InstitutionPage.objects.count()} institutions, {ProgrammePage.objects.count()} programmes,"
        f" {AccreditationDecisionPage.objects.count()} decisions"
    )
    rows = []
    small = InstitutionPage.objects.filter(programmes__isnull=False).order_by("id").first()
    # A profile with many more programmes, licences and decisions: the query count must not grow.
    big = InstitutionPage.objects.order_by("-id").first()
    enlarge(big, register)

    if not args.cold_only:
        detail_rows(client, directory, register, small, big, rows, args)

    results = side_by_side(client, directory, {"profile": small, "big": big}, args.runs, args.repeat)
    costs = [publish_cost(), publish_cost_at(70)]
    if not args.cold_only:
        rows.append(rebuild_row())  # last: it leaves the settings pointing at a stopped test server

    if rows:
        print()
        print(f"{'what':72} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'bytes':>8}  target")
        for label, median, p95, queries, size, target in rows:
            print(f"{label:72} {median:10.1f} {p95:8.1f} {queries!s:>8} {size!s:>8}  {target}")
    print_side_by_side(results)
    print_publish(costs)
    if not args.cold_only:
        print()
        print(report(WEIGHTS))
    return 0


WEIGHTS = []


def detail_rows(client, directory, register, small, big, rows, args):
    """The warm and cold table of every page, the page weight and the index rebuild."""
    for cold in (False, True):
        state = "cold cache" if cold else "warm cache"
        search_times = []
        for query in SEARCH_MIX:
            times, queries, _size = timed(client, directory.url + query, max(3, args.repeat // 4), cold=cold)
            search_times.extend(times)
            if args.detail:
                cpu = statistics.median(CPU_TIMES[(directory.url + query, cold)])
                print(
                    f"  {state}: {query or '(no parameters)':55} median {statistics.median(times):7.1f} ms"
                    f" (CPU {cpu:6.1f} ms), {queries} queries"
                )
        rows.append(
            (
                f"directory search mix, {state} (p50 / p95)",
                statistics.median(search_times),
                percentile(search_times, 0.95),
                "",
                "",
                "p95 < 150 ms",
            )
        )
        search_cpu = [t for query in SEARCH_MIX for t in CPU_TIMES[(directory.url + query, cold)]]
        rows.append(
            (
                "  the same, CPU time of the server process",
                statistics.median(search_cpu),
                percentile(search_cpu, 0.95),
                "",
                "",
                "",
            )
        )

    for label, url in [
        ("home page", "/ky/"),
        ("directory, no filters", directory.url),
        ("decision register", register.url),
    ]:
        for cold in (False, True):
            times, queries, size = timed(client, url, args.repeat, cold=cold)
            state = "cold" if cold else "warm"
            rows.append((f"{label}, {state}", statistics.median(times), percentile(times, 0.95), queries, size, ""))

    for institution in (small, big):
        sizes = (
            f"{ProgrammePage.objects.child_of(institution).count()} programmes, "
            f"{institution.licences.count()} licences, "
            f"{AccreditationDecisionPage.objects.filter(institution=institution).count()} decisions"
        )
        for cold in (False, True):
            times, queries, size = timed(client, institution.url, args.repeat, cold=cold)
            state = "cold" if cold else "warm"
            rows.append(
                (
                    f"profile ({sizes}), {state}",
                    statistics.median(times),
                    percentile(times, 0.95),
                    queries,
                    size,
                    "median < 30 ms, constant queries",
                )
            )
            cpu = CPU_TIMES[(institution.url, cold)]
            rows.append(("  the same, CPU time", statistics.median(cpu), percentile(cpu, 0.95), "", "", ""))

    # Page weight: HTML, CSS and JS a browser fetches before images (bench/page_weight.py).
    compared = ",".join(str(pk) for pk in InstitutionPage.objects.order_by("id").values_list("id", flat=True)[:3])
    decision = AccreditationDecisionPage.objects.live().filter(institution=big).first()
    weight_urls = [
        "/ky/",
        directory.url + "?q=Bishkek",
        small.url,
        "/ky/transparency/",
        f"/ky/compare/?ids={compared}",
        register.url,
        decision.url,
    ]
    WEIGHTS.extend(page_weight(client, url) for url in weight_urls)


if __name__ == "__main__":
    sys.exit(main())
