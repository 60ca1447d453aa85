"""Numbers on the Spanish pages as Spanish in the United States writes them: 21,331 and 16.94,
the separators of Django's es_MX, not the 21 331 and 16,94 of its es. The figures are U.S.
dollars and counts, and a reader here expects “$44,770” in either language. Dates and month
names stay Django's Spanish ones (this module only sets what it names)."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
