"""What disclosures tells the layers above it, which it never imports.

`published_changed` is sent, inside the writer's transaction, after a publish, a
correction of a current disclosure or a merge of two agencies changed what is published;
`agency_ids` names the agencies whose published data changed. comparisons rebuilds its
summaries of them on it, in the same transaction, so a reader never sees the two disagree.
"""

from __future__ import annotations

from django.dispatch import Signal

# sender: the model written (Disclosure, Agency); agency_ids: list[int]
published_changed = Signal()
