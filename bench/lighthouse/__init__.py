"""`make lighthouse` (see __main__.py)."""
