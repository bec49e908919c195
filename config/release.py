"""Which release of the code is running: `RELEASE_ID` from the environment (set it when deploying
from an archive), else the git commit of the checkout, else "dev".

The shared cache is versioned by it, so pages and fragments rendered by the previous release (with
its templates and static file names) are never served by the next one after a deploy or a restart
with a persisted Redis."""

import os
import subprocess


def release_id(base_dir):
    if os.environ.get("RELEASE_ID"):
        return os.environ["RELEASE_ID"]
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=base_dir, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return "dev"
    return found.stdout.strip() if found.returncode == 0 and found.stdout.strip() else "dev"
