"""Every read of the comparisons, as plain SQL on a DB-API cursor the caller passes in
(the views pass `django.db.connection.cursor()`); plain rows come back, money as Decimal.

No Django here (an import-linter contract checks it); the SQL is PostgreSQL's, the one
engine the project runs on (`make run` and `make test` embed it). Only the current
version of a published disclosure is ever read. Each function is one query, whatever
the number of agencies or years it covers: a page's query count does not grow with
the data.

    common.py     the selection as SQL clauses, rows and money, the memo of answers
                  that read every agency
    rows.py       disclosures and their figures, line items, changes, findings, files;
                  population and CPI
    summaries.py  one row a current disclosure, for the agency list and peer rankings
    offered.py    what the forms offer; how much of a selection a page shows
"""

from comparisons.queries.common import MEMO, Cursor, Memo, Selection
from comparisons.queries.offered import AGENCY_CHOICES, Cap, Facets, Offered, capped, facets
from comparisons.queries.rows import (
    AMOUNTS,
    ChangeRow,
    DisclosureRow,
    DocumentRow,
    FindingRow,
    ItemRow,
    Lender,
    Marks,
    RegionValue,
    Value,
    changes,
    count,
    disclosures,
    documents,
    figures,
    findings,
    items,
    last_published,
    latest,
    lenders,
    marked,
    populations,
    price_indices,
)
from comparisons.queries.summaries import (
    ORDER,
    SUMMARY_AMOUNTS,
    Ranked,
    SummaryRow,
    ranking,
    summaries,
    summary_count,
)

__all__ = [
    "AGENCY_CHOICES",
    "AMOUNTS",
    "MEMO",
    "ORDER",
    "SUMMARY_AMOUNTS",
    "Cap",
    "ChangeRow",
    "Cursor",
    "DisclosureRow",
    "DocumentRow",
    "Facets",
    "FindingRow",
    "ItemRow",
    "Lender",
    "Marks",
    "Memo",
    "Offered",
    "Ranked",
    "RegionValue",
    "Selection",
    "SummaryRow",
    "Value",
    "capped",
    "changes",
    "count",
    "disclosures",
    "documents",
    "facets",
    "figures",
    "findings",
    "items",
    "last_published",
    "latest",
    "lenders",
    "marked",
    "populations",
    "price_indices",
    "ranking",
    "summaries",
    "summary_count",
]
