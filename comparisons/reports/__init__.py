"""What each comparison page shows: the queries' rows combined with the pure figures.

Pure like queries.py (no Django): each report takes the cursor the view passes in,
reads through comparisons.queries with a fixed number of queries, and returns plain
dataclasses whose cells carry their sources, notes and gaps.

    common.py      cells from stored figures, headcounts, populations, price indices
    per_capita.py  spending per staff member and per resident; peers, rank and median
    mix.py         shares of functional and economic classes, basic/project, personnel/public
    trend.py       year over year: series, stated prior years, changes, real terms, execution
    browse.py      the home page's coverage, the agency list, the agency page
"""
