"""BLS-layout data files of any size, for the import benchmark and the streaming test.

BLS's full oe.data.0.Current (about 330 MB, six million rows) cannot be shipped or
downloaded here, so one of the same layout and size is made: the rows of a real file for
the occupations the site keeps, then filler rows for other occupations, which an import
reads and skips, as it would BLS's.
"""

from itertools import cycle, islice

from occupations.bls.oews import ALL_OCCUPATIONS

HEADER = "series_id\tyear\tperiod\tvalue\tfootnote_codes\n"
# Occupation codes the site never has (BLS's 11-0000 to 29-0000 groups, roughly).
FILLER_OCCUPATIONS = range(110000, 300000, 7)


def write_data_file(path, rows, real_file, keep, year="2025", period="A01"):
    """Write `rows` rows to `path`: every row of `real_file` for the occupations in `keep`
    (six-digit codes), given `year` and `period`, then filler. Returns the rows kept."""
    kept = []
    with open(real_file, encoding="utf-8") as real:
        next(real)
        for line in real:
            fields = line.rstrip("\n").split("\t")
            if fields[0][17:23] in keep:
                kept.append("\t".join([fields[0], year, period, *fields[3:]]))
    areas = sorted({line[3:11] for line in kept if line[17:23] == ALL_OCCUPATIONS})
    filler = (
        f"OEU{area}000000{occupation:06d}{datatype:02d}\t{year}\t{period}\t{value}\t\n"
        for occupation in cycle(FILLER_OCCUPATIONS)
        for area in areas
        for datatype, value in zip(range(1, 18), cycle(("1230", "0.5", "21.40")), strict=False)
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER)
        out.writelines(line + "\n" for line in kept)
        out.writelines(islice(filler, max(rows - len(kept), 0)))
    return len(kept)
