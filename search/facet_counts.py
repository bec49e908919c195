"""Facet counts of the database engine: every facet of the matched institutions in one grouped query.

The matched rows are worked out once, as a common table expression (SQLite and PostgreSQL
materialise a CTE that is read more than once), and each facet is a GROUP BY over it, joined by
UNION ALL: one round trip, and no matched row reaches Python. Measurements in docs/decisions.md.
"""

from collections import Counter
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db import connections

from accreditation.status import annotate_accreditation
from institutions.models import InstitutionPage, ProgrammePage
from transparency.stored_scores import band_of

# Facets read off the institution's own row: (facet, CTE column, is the value a number).
_COLUMN_FACETS = (
    ("region", "region", True),
    ("district", "district", True),
    ("type", "kind", True),
    ("ownership", "ownership", False),
    ("transparency", "score", True),
    ("status", "status", False),
)


def facet_counts(matched):
    """({facet: {database value: count}}, total) over the rows of an InstitutionPage queryset.

    Values are the database's (region id, ownership code, ...); a transparency count is per score
    band. An institution counts once per value, however many programmes award a qualification.
    """
    rows = annotate_accreditation(matched.order_by(), date.today()).values_list(
        "id", "region", "district", "institution_type", "ownership", "stored_score__score", "accreditation_status"
    )
    try:
        matched_sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    except EmptyResultSet:  # a filter that can match nothing (Django skips the query)
        return _no_counts(), 0

    connection = connections[rows.db]
    quote = connection.ops.quote_name
    languages = InstitutionPage.languages.through._meta
    programme, page = ProgrammePage._meta, ProgrammePage._meta.get_field("page_ptr").related_model._meta
    # Typed NULLs: PostgreSQL resolves UNION column types pair by pair, from the first branch on.
    branches = ["SELECT 'total', CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR), COUNT(*) FROM m"]
    for name, column, number in _COLUMN_FACETS:
        as_number, as_text = (column, "NULL") if number else ("NULL", column)
        branches.append(f"SELECT '{name}', {as_number}, {as_text}, COUNT(*) FROM m GROUP BY {column}")
    # CROSS JOIN: SQLite then starts from the matched rows, not from every programme (PostgreSQL
    # treats it as an inner join and plans as it likes).
    language_column = quote(languages.get_field("instructionlanguage").column)
    branches.append(
        f"SELECT 'language', l.{language_column}, NULL, COUNT(*) FROM m CROSS JOIN {quote(languages.db_table)} l"
        f" WHERE l.{quote(languages.get_field('institutionpage').column)} = m.id GROUP BY l.{language_column}"
    )
    qualification_column = quote(programme.get_field("qualification").column)
    institution_column = quote(programme.get_field("institution").column)
    branches.append(
        f"SELECT 'qualification', p.{qualification_column}, NULL, COUNT(DISTINCT p.{institution_column})"
        f" FROM m CROSS JOIN {quote(programme.db_table)} p CROSS JOIN {quote(page.db_table)} pg"
        f" WHERE p.{institution_column} = m.id AND pg.{quote(page.pk.column)} = p.{quote(programme.pk.column)}"
        f" AND pg.{quote(page.get_field('live').column)} = %s AND p.{qualification_column} IS NOT NULL"
        f" GROUP BY p.{qualification_column}"
    )
    sql = (
        "WITH m (id, region, district, kind, ownership, score, status) AS ("
        + matched_sql
        + ") "
        + " UNION ALL ".join(branches)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, True))
        grouped = cursor.fetchall()

    counts = _no_counts()
    total = 0
    for name, number, text, n in grouped:
        if name == "total":
            total = n
        elif (number if number is not None else text) is not None:
            counts[name][number if number is not None else text] = n
    by_band = Counter()
    for score, n in counts["transparency"].items():  # at most 101 scores
        band = band_of(score)
        if band is not None:
            by_band[band] += n
    counts["transparency"] = dict(by_band)
    return counts, total


def _no_counts():
    return {name: {} for name, _column, _number in _COLUMN_FACETS} | {"language": {}, "qualification": {}}
