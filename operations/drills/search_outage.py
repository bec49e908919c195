"""Elasticsearch unreachable (osmem-server stopped) under load: the directory search answers from the
database engine with the note to the visitor, in the page's language; once it is back (and, osmem
being in memory, re-indexed), the note goes away."""

import secrets
import time

from django.utils import translation

from search.service import FALLBACK_NOTE

from .load import Load, fetch, public_paths
from .result import DrillResult, count, recovery_after
from .stack import BASE_URL


def note_in(language):
    with translation.override(language):
        return str(FALLBACK_NOTE)


def probe(language):
    """A search nobody asked before, so no cached answer can hide which engine answered."""
    answer = fetch(f"{BASE_URL}/{language}/institutions/?q=мектеп+{secrets.token_hex(3)}")
    return answer.status, note_in(language) in answer.body


def run(stack, short):
    result = DrillResult("search-outage")
    load = Load(BASE_URL, public_paths(BASE_URL), max_seconds=180).start()
    probes = []
    try:
        time.sleep(3 if short else 10)
        healthy = [probe(language) for language in ("ky", "ru", "en")]
        stack.stop_osmem()
        stopped_at = time.monotonic()
        deadline = stopped_at + (8 if short else 30)
        while time.monotonic() < deadline:
            probes += [probe(language) for language in ("ky", "ru", "en")]
            time.sleep(1)
        stack.start_osmem()  # includes rebuilding the index
        restored_at = time.monotonic()
        time.sleep(2)
        after = [probe(language) for language in ("ky", "ru", "en")]
        time.sleep(3 if short else 10)
    finally:
        load.stop()
    count(result, load)
    result.recovery_seconds = recovery_after(load, restored_at)
    noted = sum(1 for status, has_note in probes if status == 200 and has_note)
    result.notes.append(f"{noted} of {len(probes)} searches during the outage answered by the database with the note")
    if result.failed:
        result.problems.append(f"{result.failed} page requests failed")
    if any(has_note for _, has_note in healthy) or any(has_note for _, has_note in after):
        result.problems.append("the note shows while Elasticsearch answers")
    if not probes or noted != len(probes):
        result.problems.append("a search during the outage failed or lacked the note")
    if any(status != 200 for status, _ in healthy + after):
        result.problems.append("a search failed while Elasticsearch was up")
    return result
