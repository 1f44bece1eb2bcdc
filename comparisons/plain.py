"""Plotly figures made safe to draw: what documents and users wrote is plain text.

Plotly reads a little HTML in every text it draws (titles, labels, legends, hover
text, annotations): `<br>`, `<b>`, `<a href>`, `<span style>`. A row name such as
`<span style="fill:url(http://…)">` would make the browser drawing the chart fetch that
address. So, where a figure goes to a renderer (the page's JSON for plotly.js, the
server's chart pictures), every string in it has `&`, `<` and `>` written as entities,
which Plotly shows as the characters; then the few tags the charts write themselves,
none of which takes an attribute, are put back.

Pure (no Django). The figure code stays free to write those tags, and never needs to
escape: call `plotly_plain` once, on the finished figure, where it is drawn.
"""

from __future__ import annotations

import html
import re
from typing import Any

# The markup the charts write themselves: line breaks, sub/superscripts, emphasis and
# hover's <extra>. No attributes, so nothing in them can name an address.
OWN_TAGS = re.compile(r"&lt;(/?(?:br|sub|sup|b|i|em|extra))&gt;")


def plain_text(text: str) -> str:
    """One string as Plotly text: entities for `&`, `<` and `>`, own tags kept."""
    return OWN_TAGS.sub(r"<\1>", html.escape(text, quote=False))


def plotly_plain(value: Any) -> Any:
    """A copy of a figure (or any part of one) with every string `plain_text`."""
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, dict):
        return {key: plotly_plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plotly_plain(item) for item in value]
    return value
