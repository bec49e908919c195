"""Fresh planner statistics after loading many rows at once.

Without them SQLite plans Wagtail's full-text subquery from the wrong side (one FTS lookup per
indexed page: 200 ms instead of under 1 ms on 5,000 institutions) and the facet counts slower.
PostgreSQL's autovacuum analyzes by itself, but an explicit ANALYZE after a bulk load does no harm.
"""

from django.db import connection


def update_planner_statistics():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
