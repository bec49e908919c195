"""Reads Locust's CSV statistics into rows and writes the Markdown table the load test prints."""

import csv
from dataclasses import dataclass
from pathlib import Path

DELIBERATE = "503 (deliberate)"


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    deliberate_503: int
    rps: float
    p50: float
    p95: float
    p99: float


def read_rows(prefix: Path) -> list[Row]:
    """One row per page type plus the total ("all"), from `<prefix>_stats.csv` and `_failures.csv`."""
    deliberate = {}
    failures_file = Path(f"{prefix}_failures.csv")
    if failures_file.exists():
        with failures_file.open(newline="") as handle:
            for line in csv.DictReader(handle):
                if DELIBERATE in line["Error"]:
                    deliberate[line["Name"]] = deliberate.get(line["Name"], 0) + int(line["Occurrences"])
    rows = []
    with Path(f"{prefix}_stats.csv").open(newline="") as handle:
        for line in csv.DictReader(handle):
            name = "all" if line["Name"] == "Aggregated" else line["Name"]
            count_503 = sum(deliberate.values()) if name == "all" else deliberate.get(name, 0)
            rows.append(
                Row(
                    name=name,
                    requests=int(line["Request Count"]),
                    failures=int(line["Failure Count"]) - count_503,
                    deliberate_503=count_503,
                    rps=float(line["Requests/s"]),
                    p50=_ms(line["50%"]),
                    p95=_ms(line["95%"]),
                    p99=_ms(line["99%"]),
                )
            )
    return rows


def _ms(value):
    return float(value) if value not in ("", "N/A") else float("nan")


def table(rows: list[Row]) -> str:
    lines = [
        "| page type | requests | req/s | p50 ms | p95 ms | p99 ms | failures | 503 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in sorted(rows, key=lambda row: (row.name == "all", -row.requests)):
        lines.append(
            f"| {row.name} | {row.requests} | {row.rps:.1f} | {row.p50:.0f} | {row.p95:.0f} | {row.p99:.0f} "
            f"| {row.failures} | {row.deliberate_503} |"
        )
    return "\n".join(lines)
