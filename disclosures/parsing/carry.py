"""The carry-over lines of a summary table (结转结余), told by their words.

Provinces word them differently (上年结转, 上年结转结余, 上年结转资金, 年初结转和结余,
年初财政拨款结转和结余; 结转下年, 结转结余下年, 年终结转结余, 年末结转和结余), but each says
on which side of the summary it stands: money brought in from earlier years, money
carried on to the next, a balance drawn on (使用非财政拨款结余, 用事业基金弥补收支差额)
or a balance distributed (结余分配). A summary's totals hold by them:

    本年收入合计 + brought in + drawn = 收入总计
    本年支出合计 + carried on + distributed = 支出总计
"""

from __future__ import annotations

import re

# (role, the words of a line in that role); a role's side is in SIDES
CARRY_WORDS: tuple[tuple[str, str], ...] = (
    ("brought_in", r"(?:上年|年初)(?:财政拨款)?结转(?:和?结余)?(?:资金)?"),
    (
        "carried_on",
        r"(?:年末|年终)(?:财政拨款)?结转(?:和?结余)?(?:资金)?|结转(?:和?结余)?下年(?:资金)?",
    ),
    ("drawn", r"(?:使用|用)(?:非财政拨款结余|事业基金弥补收支差额)"),
    ("distributed", r"结余分配"),
)
SIDES = {
    "brought_in": "revenue",
    "drawn": "revenue",
    "carried_on": "expenditure",
    "distributed": "expenditure",
}
# the carry-overs the text is held to in full (audit_carry.stated_carry); a balance drawn
# on is one of the lines the text restates, held only to a near miss (stated_lines)
CARRIED = ("brought_in", "carried_on")
# the notes a label may carry: 使用非财政拨款结余(含专用结余)
NOTE = re.compile(r"[(（][^)）]*[)）]")


def label(text: str) -> str:
    """A summary label without spaces and bracketed notes."""
    return NOTE.sub("", text.replace(" ", ""))


def role(text: str) -> str | None:
    """The carry-over role of a summary label, or None for any other line."""
    words = label(text)
    return next((r for r, pattern in CARRY_WORDS if re.fullmatch(pattern, words)), None)
