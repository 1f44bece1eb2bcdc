"""The read-only JSON API over both apps below it: published records (disclosures) and
the comparison series (comparisons). Nothing below imports it."""
