"""`python -m operations.drills.prepare_data`: the drills' database made ready in one process (each
`manage.py` start costs seconds on a busy machine): migrations, the demo data once, the admin, roles,
scores, and what loading queued (index writes, scores) run now rather than by the drills' worker."""

import time

import django
from django.core.management import call_command

COMMANDS = [
    ("compile_catalogues",),
    ("migrate", "--noinput"),
    ("load_demo_data", "--if-empty"),
    ("ensure_admin",),
    ("sync_roles",),
    ("refresh_transparency_scores",),
    ("task_worker", "--batch", "--no-startup-delay", "--interval", "0"),
]

if __name__ == "__main__":
    django.setup()
    for name, *args in COMMANDS:
        print(f"Preparing: {name} ({time.strftime('%H:%M:%S')})", flush=True)
        call_command(name, *args, verbosity=0)
