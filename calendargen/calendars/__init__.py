"""Calendar systems other than the Gregorian: each maps a (month, day) to Gregorian dates.

Every module exposes ``MONTHS`` (the month names the rule language accepts, lowercase, with
aliases) and ``dates_in_year(year, month, day)``, which returns the Gregorian dates in ``year``
on which that calendar's ``day`` of ``month`` falls: zero, one or two of them.
"""
