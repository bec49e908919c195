"""Small generated emblems for demo institutions, so the demo ships no binary images."""

import hashlib
from io import BytesIO

from PIL import Image, ImageDraw

PALETTE = ["#0b4f8a", "#1d6f42", "#8a3b0b", "#5b2a86", "#0e6b6b", "#7a1f2b", "#3b5b0b", "#2a3f86"]


def emblem_png(seed: str, size: int = 160) -> bytes:
    """A coloured disc with an open-book mark; the colour and tilt follow from the seed."""
    digest = hashlib.sha256(seed.encode()).digest()
    colour = PALETTE[digest[0] % len(PALETTE)]
    image = Image.new("RGB", (size, size), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=colour)
    mid, top, bottom = size // 2, size * 0.32, size * 0.7
    lift = digest[1] % 10
    draw.polygon([(size * 0.22, top + lift), (mid, top + 8), (mid, bottom), (size * 0.22, bottom - 8)], fill="#ffffff")
    draw.polygon([(size * 0.78, top + lift), (mid, top + 8), (mid, bottom), (size * 0.78, bottom - 8)], fill="#f2f2f2")
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
