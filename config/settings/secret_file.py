"""A random development secret stored outside version control (never a hard-coded one)."""

from pathlib import Path

from django.core.management.utils import get_random_secret_key


def read_or_create_secret(path: Path) -> str:
    if path.exists():
        return path.read_text().strip()
    secret = get_random_secret_key()
    path.write_text(secret)
    path.chmod(0o600)
    return secret
