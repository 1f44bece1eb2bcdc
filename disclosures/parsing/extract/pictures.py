"""Whether a picture set in a document may be a table: a table pasted as a screenshot is
black on white; a chart's shares, a photo or an emblem are in strong colour."""

from __future__ import annotations

from typing import Any

# More than this share of a picture's pixels in strong colour: a chart or a photo.
COLOURED = 0.02


def coloured(image: Any) -> bool:
    """Whether more than COLOURED of a picture (a PIL image) is in strong colour."""
    from PIL import ImageChops

    shown = image.convert("RGB")
    shown.thumbnail((160, 160))
    _, saturation, value = shown.convert("HSV").split()
    strong = ImageChops.multiply(
        saturation.point(lambda x: 255 if x > 90 else 0),
        value.point(lambda x: 255 if x > 60 else 0),
    )
    return bool(strong.histogram()[255] > COLOURED * shown.width * shown.height)
