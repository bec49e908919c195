"""Short excerpts with the matched words marked, built the same way for every engine."""

import re

from django.utils.html import escape, strip_tags

from .transliteration import spelling_key

SNIPPET_LENGTH = 180


def highlight(text: str, words: list[str]) -> str:
    """Escape plain text and wrap each word that starts with a query word in <mark>."""
    plain = " ".join((text or "").split())
    if not words:
        return escape(plain[:SNIPPET_LENGTH])
    keys = {spelling_key(w) for w in words} - {""}
    tokens = re.split(r"(\w+)", plain)
    first_hit = None
    position = 0
    out = []
    for token in tokens:
        lowered = token.lower()
        is_word = bool(re.fullmatch(r"\w+", token))
        hit = is_word and (
            any(lowered.startswith(w) for w in words) or any(spelling_key(token).startswith(k) for k in keys)
        )
        if hit and first_hit is None:
            first_hit = position
        out.append((token, hit))
        position += len(token)
    start = max(0, (first_hit or 0) - 60)
    html, length, seen = [], 0, 0
    for token, hit in out:
        if seen + len(token) <= start:
            seen += len(token)
            continue
        if length > SNIPPET_LENGTH:
            html.append("…")
            break
        html.append(f"<mark>{escape(token)}</mark>" if hit else escape(token))
        length += len(token)
        seen += len(token)
    prefix = "…" if start > 0 else ""
    return prefix + "".join(html)


def institution_snippet(page, words) -> str:
    """The most telling line beside the title: the first field with a query word, else the address."""
    fields = [page.address, page.short_name, strip_tags(page.mission or ""), page.title]
    for value in fields:
        lowered = (value or "").lower()
        if words and any(w in lowered for w in words):
            return highlight(value, words)
    keys = [spelling_key(w) for w in words]
    for value in fields:
        if keys and any(k and k in spelling_key(value or "") for k in keys):
            return highlight(value, words)
    return highlight(page.address or strip_tags(page.mission or ""), words)
