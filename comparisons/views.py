"""Read-only views that compare agencies and years.

Each view reads rows through comparisons.queries, draws through comparisons.charts
(pure: rows in, Plotly figure out) and renders; none of them writes.
"""
