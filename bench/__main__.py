"""`make bench`: server-side timings and query counts on 5,000 generated institutions.

Requests go through Django's test client (no network), so the numbers are server time: URL
routing, queries, template rendering. Targets are in DESIGN.md. Each page is timed warm (served as
the cache allows: fragments and search answers are cached under the content version) and cold (the
cache emptied before every request: what the first visitor after a change waits).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from demo.generator import generate_decisions, generate_institutions  # noqa: E402
from accreditation.models import AccreditationDecisionPage, DecisionIndexPage  # noqa: E402
from demo.loader import ensure_page_tree, load_classifiers  # noqa: E402
from demo.planner import update_planner_statistics  # noqa: E402
from institutions.models import InstitutionLicence, InstitutionPage, ProgrammePage  # noqa: E402

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
    first visitor after a change waits); warm: served as the cache allows, as most visitors are."""
    times, cpu, queries, size = [], [], 0, 0
    if not cold:
        client.get(url)  # warm means served as a second visitor is: after one untimed request
    for _ in range(repeat):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries, size = len(captured), len(response.content)
    CPU_TIMES.setdefault((url, cold), []).extend(cpu)
    return times, queries, size


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
        InstitutionLicence.objects.create(institution=institution, number=f"L-{n}", issued_on=date(2020, 1, 1),
                                          issuer="Билим берүү министрлиги")
    have = AccreditationDecisionPage.objects.filter(institution=institution).count()
    for n in range(decisions - have):
        decision = register.add_child(instance=AccreditationDecisionPage(
            title=f"Чечим {n}", slug=f"extra-decision-{time.time_ns()}", number=f"X-{n}",
            decision_date=date(2015 + n, 6, 1), institution=institution, outcome="accredited",
            valid_from=date(2015 + n, 6, 1), valid_until=date(2020 + n, 6, 1),
        ))
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
    return (f"index rebuild, {InstitutionPage.objects.live().count()} pages ({where}), s", seconds, seconds, "", "",
            "< 60 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--institutions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--detail", action="store_true", help="Also print each search's median and query count.")
    args = parser.parse_args()

    directory, register = ensure_data(args.institutions)
    client = Client()
    print(f"data: {InstitutionPage.objects.count()} institutions, {ProgrammePage.objects.count()} programmes,"
          f" {AccreditationDecisionPage.objects.count()} decisions")
    rows = []

    for cold in (False, True):
        state = "cold cache" if cold else "warm cache"
        search_times = []
        for query in SEARCH_MIX:
            times, queries, _size = timed(client, directory.url + query, max(3, args.repeat // 4), cold=cold)
            search_times.extend(times)
            if args.detail:
                cpu = statistics.median(CPU_TIMES[(directory.url + query, cold)])
                print(f"  {state}: {query or '(no parameters)':55} median {statistics.median(times):7.1f} ms"
                      f" (CPU {cpu:6.1f} ms), {queries} queries")
        rows.append((f"directory search mix, {state} (p50 / p95)", statistics.median(search_times),
                     percentile(search_times, 0.95), "", "", "p95 < 150 ms"))
        search_cpu = [t for query in SEARCH_MIX for t in CPU_TIMES[(directory.url + query, cold)]]
        rows.append(("  the same, CPU time of the server process", statistics.median(search_cpu),
                     percentile(search_cpu, 0.95), "", "", ""))

    for label, url in [("home page", "/ky/"), ("directory, no filters", directory.url),
                       ("decision register", register.url)]:
        for cold in (False, True):
            times, queries, size = timed(client, url, args.repeat, cold=cold)
            state = "cold" if cold else "warm"
            rows.append((f"{label}, {state}", statistics.median(times), percentile(times, 0.95), queries, size, ""))

    small = InstitutionPage.objects.filter(programmes__isnull=False).order_by("id").first()
    # A profile with many more programmes, licences and decisions: the query count must not grow.
    big = InstitutionPage.objects.order_by("-id").first()
    enlarge(big, register)
    for institution in (small, big):
        sizes = (f"{ProgrammePage.objects.child_of(institution).count()} programmes, "
                 f"{institution.licences.count()} licences, "
                 f"{AccreditationDecisionPage.objects.filter(institution=institution).count()} decisions")
        for cold in (False, True):
            times, queries, size = timed(client, institution.url, args.repeat, cold=cold)
            state = "cold" if cold else "warm"
            rows.append((f"profile ({sizes}), {state}", statistics.median(times), percentile(times, 0.95),
                         queries, size, "median < 30 ms, constant queries"))
            cpu = CPU_TIMES[(institution.url, cold)]
            rows.append(("  the same, CPU time", statistics.median(cpu), percentile(cpu, 0.95), "", "", ""))

    # Page weight: HTML, CSS and JS a browser fetches before images (bench/page_weight.py), measured
    # before the index rebuild, which leaves the settings pointing at a stopped test server.
    from bench.page_weight import page_weight, report

    compared = ",".join(str(pk) for pk in InstitutionPage.objects.order_by("id").values_list("id", flat=True)[:3])
    decision = AccreditationDecisionPage.objects.live().filter(institution=big).first()
    weight_urls = ["/ky/", directory.url + "?q=Bishkek", small.url, "/ky/transparency/", f"/ky/compare/?ids={compared}",
                   register.url, decision.url]
    weights = [page_weight(client, url) for url in weight_urls]

    rows.append(rebuild_row())

    print()
    print(f"{'what':72} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'bytes':>8}  target")
    for label, median, p95, queries, size, target in rows:
        print(f"{label:72} {median:10.1f} {p95:8.1f} {queries!s:>8} {size!s:>8}  {target}")

    print()
    print(report(weights))
    return 0


if __name__ == "__main__":
    sys.exit(main())
