"""Fault drills: the production shape on this machine under a small load, one part broken and restored.

`make drills` runs them all at full length, `make drills-short` the short form CI runs
(`python -m operations.drills [--short] [--only NAME ...]`). Everything binds to 127.0.0.1; the load
is a few threads for a bounded time; every process, the tmpfs and the PostgreSQL cluster the run
started are stopped again, also when a drill fails or the run is interrupted.
"""
