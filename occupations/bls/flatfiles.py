"""BLS's time-series flat files: tab-separated text with one header line.

BLS pads some fields with spaces and its full files carry columns the site does not
need, so columns are found by their header name, every field is stripped, and the rest
are ignored. Rows are read one at a time: BLS's full oe.data.0.Current is about 330 MB.
"""

from pathlib import Path


class BlsFileError(Exception):
    """A file that cannot be imported: the message names the file, the line and the fault."""

    def __init__(self, path, line, problem):
        self.path, self.line, self.problem = Path(path), line, problem
        where = f"{self.path.name}, line {line}" if line else self.path.name
        super().__init__(f"{where}: {problem}")


def rows(path, columns):
    """Yield (line number, {column: stripped value}) for each data line of `path`.

    `columns` are the header names the caller needs; a header without one of them is a
    changed layout, and a line with fewer fields than the header was cut short.
    """
    path = Path(path)
    try:
        handle = open(path, encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise BlsFileError(path, None, f"cannot be read: {error.strerror}") from None
    with handle:
        try:
            first = handle.readline()
            if not first:
                raise BlsFileError(path, None, "the file is empty; download it again, whole")
            header = [name.strip() for name in first.rstrip("\r\n").split("\t")]
            missing = [name for name in columns if name not in header]
            if missing:
                raise BlsFileError(
                    path,
                    1,
                    f"the header has no column {', '.join(missing)} (it has "
                    f"{', '.join(header)}); has BLS changed the layout?",
                )
            positions = [header.index(name) for name in columns]
            width = len(header)
            for number, line in enumerate(handle, start=2):
                text = line.rstrip("\r\n")
                if not text.strip():
                    continue
                fields = text.split("\t")
                if len(fields) < width:
                    raise BlsFileError(
                        path,
                        number,
                        f"the line has {len(fields)} of the header's {width} fields; "
                        "it was cut short",
                    )
                yield (
                    number,
                    {
                        name: fields[position].strip()
                        for name, position in zip(columns, positions, strict=True)
                    },
                )
        except UnicodeDecodeError as error:
            raise BlsFileError(path, None, f"is not UTF-8 text ({error.reason})") from None


def lookup(path, key, columns):
    """A small lookup file (oe.area, oe.industry, …) as {key value: {column: value}}."""
    found = {}
    for number, row in rows(path, [key, *columns]):
        if row[key] in found:
            raise BlsFileError(path, number, f"{key} {row[key]!r} is listed twice")
        found[row[key]] = row
    return found
