"""Import BLS's data files: one OEWS release (and the CPI-U) in one transaction.

A release is a unit: every file is read and checked before anything is written, then
everything is written in one transaction with one content-version bump. Importing the
same release again changes nothing; a newer release adds itself beside the older ones,
whose figures stay for history. The caller holds the load lock (see import_bls and
load_content), so an import never interleaves with a fixture load.

For each occupation on the site, the national, all-industries estimate becomes the
figures pages lead with (median and the 10th and 90th percentiles, yearly and hourly),
each citing the release's source record and the series and line it comes from.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone, translation

from .. import languages
from ..citations import SERIES_PREFIX
from ..content_version import bump_content_version, one_bump_at_the_end
from ..dashboard import OEWS_EARLIEST
from ..formatting import month_label
from ..measures import Measure
from ..models import Figure, Occupation, PriceIndex, SimilarOccupation, Source
from ..selectors import newest_median_annual
from . import cpi, oews
from .flatfiles import BlsFileError
from .models import DATATYPE_FIELDS, Area, Industry, Release, WageEstimate

CPI_SOURCE_SLUG = "bls-cpi-u"
DEFAULT_ORIGIN = "BLS's time-series files, download.bls.gov/pub/time.series/oe/"
BLS = "U.S. Bureau of Labor Statistics"

# The estimate fields each occupation's headline figures are made from, in page order.
FIGURE_FIELDS = (
    (Measure.MEDIAN_ANNUAL_WAGE, "annual_median"),
    (Measure.MEDIAN_HOURLY_WAGE, "hourly_median"),
    (Measure.WAGE_P10_ANNUAL, "annual_p10"),
    (Measure.WAGE_P90_ANNUAL, "annual_p90"),
    (Measure.WAGE_P10_HOURLY, "hourly_p10"),
    (Measure.WAGE_P90_HOURLY, "hourly_p90"),
)
DATATYPE_OF = {name: code for code, name in DATATYPE_FIELDS.items()}
ESTIMATE_FIELDS = tuple(DATATYPE_FIELDS.values())


@dataclass
class ImportReport:
    release: str = ""
    release_year: int = 0
    rows_read: int = 0
    rows_kept: int = 0
    counts: dict = field(default_factory=dict)  # what: [added, changed, unchanged, removed]
    medians_before: dict = field(default_factory=dict)  # occupation title: Figure or None
    medians_after: dict = field(default_factory=dict)
    # (occupation title, state, annual median before, after) for each occupation's three
    # states with the most jobs (occupations/bls/admin_import.py shows them).
    state_medians: list = field(default_factory=list)
    # Occupation title: the places (the nation, each state) with an estimate in the release
    # that was newest before the import and none (or none with a median) in the newest after
    # it (_missing). BLS's files have no row count, so a data file cut short at a line's end
    # reads as a whole release with less in it: this is how it shows.
    missing: dict = field(default_factory=dict)
    # The release the files hold, when it was kept because it is on file from other files
    # (import_files' shipped).
    kept_release: str = ""

    def count(self, what, outcome, number=1):
        counts = self.counts.setdefault(what, [0, 0, 0, 0])
        counts[OUTCOMES.index(outcome)] += number

    def too_early(self):
        """The day before which files of this release are not likely BLS's, when today is
        before it: an editor's trial imported a made-up “May 2026” in December 2026 without
        a word."""
        if not self.release_year:
            return None
        earliest = date(self.release_year + 1, *OEWS_EARLIEST)
        return earliest if timezone.localdate() < earliest else None

    @property
    def changed(self):
        return any(
            added or changed or removed for added, changed, _, removed in self.counts.values()
        )


OUTCOMES = ("added", "changed", "unchanged", "removed")


def counts_line(what, counts, unchanged=True):
    """“estimates: 946 added, 1 changed, 0 unchanged”, and what was removed, if anything;
    with unchanged=False, what changed only."""
    added, changed, same, removed = counts
    line = f"{what}: {added:,} added, {changed:,} changed"
    line += f", {same:,} unchanged" if unchanged else ""
    return f"{line}, {removed:,} removed" if removed else line


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def find_files(paths):
    """The BLS files among `paths` (files, or folders of them), by BLS's names."""
    found = {"data": [], "cpi": []}
    for given in map(Path, paths):
        if not given.exists():
            raise BlsFileError(given, None, "no such file or folder")
        for path in sorted(given.iterdir()) if given.is_dir() else [given]:
            name = path.name
            if name.startswith("oe.data."):
                found["data"].append(path)
            elif name in oews.LOOKUP_FILES:
                found[name] = path
            elif name.startswith("cu.data."):
                found["cpi"].append(path)
    if not found["data"] and not found["cpi"]:
        raise BlsFileError(Path(paths[0]), None, "holds no BLS oe.data.* or cu.data.* file")
    return found


def read(paths):
    """Every file read and checked, before anything is written: (files, release, CPI values)."""
    files = find_files(paths)
    release = None
    if files["data"]:
        site_codes = Occupation.objects.values_list("soc_code", flat=True)
        similar = SimilarOccupation.objects.exclude(soc_code="").values_list("soc_code", flat=True)
        release = oews.read_release(files, list(site_codes), list(similar))
    cpi_values = [value for path in files["cpi"] for value in cpi.read_cpi(path)]
    return files, release, cpi_values


class EstimatesMissing(Exception):
    """The import would leave the nation or states without the estimates they have now, and
    the caller asked for that to be refused (the admin and import_bls, until the editor or
    operator says it is expected). The message says what; each caller adds how to go on."""

    def __init__(self, report):
        self.report = report
        title, names = next(iter(report.missing.items()))
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        super().__init__(
            f"Nothing was imported: {report.release} has no estimate for "
            f"{what_is_missing(names)} that the newest release on file has "
            f"({title}: {', '.join(names[:3])}{more}). A file cut short looks like this."
        )


NATION = "the nation"


def what_is_missing(names):
    """“the nation and 54 states and territories”, from _missing's names."""
    states = len(names) - (NATION in names)
    parts = [NATION] if NATION in names else []
    if states:
        parts.append(states_and_territories(states))
    return " and ".join(parts)


def states_and_territories(count):
    return f"{count} state or territory" if count == 1 else f"{count} states and territories"


def import_files(paths, origin="", dry_run=False, refuse_missing=False, shipped=False):
    """Read, check and write; with dry_run, report what would change and write nothing.

    Raises BlsFileError, with nothing written, for a file that fails a check; and with
    refuse_missing, EstimatesMissing for a release that would leave states without
    the estimates they have now. With shipped (load_content, importing the extract shipped
    with the site), a release on file that an editor or operator imported from other files
    (a correction) is kept as it is, with the price index read with it, and the report says
    so (kept_release); the shipped files' own updates still apply.
    """
    files, release, cpi_values = read(paths)
    report = ImportReport()
    if shipped and release is not None and _imported_from_other_files(release, files):
        report.kept_release = release.label
        release, cpi_values = None, []
    try:
        with transaction.atomic(), one_bump_at_the_end():
            _write(files, release, cpi_values, origin, report, shipped)
            if refuse_missing and report.missing:
                raise EstimatesMissing(report)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _imported_from_other_files(parsed, files):
    """Whether the release these (shipped) files hold is on file from other files, imported
    by an editor or an operator: a correction the shipped extract must not undo on the next
    start. A release load_content imported is updated from the shipped files, as they are
    updated."""
    on_file = Release.objects.filter(program=Release.Program.OEWS, code=parsed.code).first()
    if on_file is None or on_file.from_shipped_files:
        return False
    recorded = {facts["name"]: facts["sha256"] for facts in on_file.files}
    now = {facts["name"]: facts["sha256"] for facts in _file_facts(_release_files(files))}
    # A record made before the CPI-U's checksum was kept lacks it: that alone is no difference.
    return {name: sha for name, sha in now.items() if name in recorded or name[:3] != "cu."} != (
        recorded
    )


def _write(files, parsed, cpi_values, origin, report, shipped=False):
    occupations = list(Occupation.objects.all())
    report.medians_before = {o.title: newest_median_annual(o) for o in occupations}
    on_file_before = _estimates_on_file(occupations)
    if parsed is not None:
        report.release, report.release_year = parsed.label, parsed.year
        report.rows_read, report.rows_kept = parsed.rows_read, parsed.rows_kept
        release, added = _release(parsed, origin, report)
        areas = _areas(parsed, report)
        industries = _industries(parsed, report)
        read_codes = {o.soc_code: o.title.lower() for o in occupations}
        read_codes[WageEstimate.ALL_OCCUPATIONS] = "all occupations"
        _estimates(release, parsed, areas, industries, report, files["data"][0], read_codes)
        _figures(release, parsed, occupations, report)
    _price_indexes(cpi_values, report)
    if parsed is not None and (added or report.changed):  # the price index's changes too
        _record_files(release, files, origin, shipped)
    if report.changed:
        bump_content_version()  # bulk writes send no signals
    report.medians_after = {o.title: newest_median_annual(o) for o in occupations}
    on_file_after = _estimates_on_file(occupations)
    report.state_medians = _largest_states(occupations, on_file_before, on_file_after)
    report.missing = _missing(occupations, on_file_before, on_file_after)


STATES_SHOWN = 3


def _estimates_on_file(occupations):
    """{(SOC code, area code): estimate} in the newest OEWS release on file, for the site's
    occupations: the nation's and each state's, all industries. One query."""
    release = Release.objects.filter(program=Release.Program.OEWS).first()
    if release is None:
        return {}
    estimates = release.estimates.filter(
        area__area_type__in=(Area.Type.NATION, Area.Type.STATE),
        industry__code=Industry.ALL_INDUSTRIES_CODE,
        soc_code__in=[o.soc_code for o in occupations],
    ).select_related("area")
    return {(e.soc_code, e.area.code): e for e in estimates}


def _missing(occupations, before, after):
    """What is missing: the nation and the states the newest release after the import has no
    estimate for, or one without the median it had (a file cut short within its lines), the
    nation first. Industries are not checked: BLS's estimates for an industry come and go
    from one release to the next."""

    def lost(key, estimate):
        now = after.get(key)
        return now is None or (estimate.annual_median is not None and now.annual_median is None)

    def name(estimate):
        return NATION if estimate.area.area_type == Area.Type.NATION else estimate.area.name

    missing = {}
    for occupation in occupations:
        names = sorted(
            (
                name(estimate)
                for key, estimate in before.items()
                if key[0] == occupation.soc_code and lost(key, estimate)
            ),
            key=lambda shown: (shown != NATION, shown),
        )
        if names:
            missing[occupation.title] = names
    return missing


def _largest_states(occupations, before, after):
    """Each occupation's three states with the most jobs in the newest release on file before
    the import (or, before any, in the new files), with their medians before and after."""
    rows = []
    for occupation in occupations:

        def states(estimates, soc=occupation.soc_code):
            return [
                e
                for (code, _), e in estimates.items()
                if code == soc and e.area.area_type == Area.Type.STATE
            ]

        # The states the site shows now, so one the files lose reads "none" after.
        mine = [e for e in states(before) or states(after) if e.employment]
        for estimate in sorted(mine, key=lambda e: -e.employment)[:STATES_SHOWN]:
            key = (occupation.soc_code, estimate.area.code)
            old, new = before.get(key), after.get(key)
            rows.append(
                (
                    occupation.title,
                    estimate.area.name,
                    old.annual_median if old else None,
                    new.annual_median if new else None,
                )
            )
    return rows


def _file_facts(paths):
    facts = []
    for path in paths:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        facts.append(
            {"name": path.name, "bytes": path.stat().st_size, "sha256": digest.hexdigest()}
        )
    return facts


def _release(parsed, origin, report):
    """The release's record, and whether it is new. Its files are recorded once the import
    has written what they hold (_record_files)."""
    existing = Release.objects.filter(program=Release.Program.OEWS, code=parsed.code).first()
    if existing is not None:
        report.count("releases", "unchanged")
        return existing, False
    source = Source.objects.create(
        slug=f"bls-oews-{parsed.code.lower()}",
        document=f"OEWS release {parsed.code} data files",
        title=(
            f"BLS wage survey: Occupational Employment and Wage Statistics (OEWS), {parsed.label}"
        ),
        short_title=f"BLS wage survey, {parsed.label}",
        short_title_es=_spanish_short_title(parsed),
        publisher=BLS,
        program=Release.Program.OEWS.label,
        release=parsed.label,
        url="https://www.bls.gov/oes/",
        cites_by_section=True,
        period=parsed.label,
        description=(
            "BLS's twice-yearly survey of employers' payrolls, published once a year: jobs "
            "and wages for each occupation in the nation, every state and every "
            "metropolitan and nonmetropolitan area. It counts wage and salary jobs only, "
            "not the self-employed."
        ),
        used_for=(
            "The national median wage and the range from the 10th to the 90th percentile, "
            "yearly and hourly; every page leads with the newest release's. Each figure cites "
            "its BLS series id."
        ),
        notes=(
            "Imported from BLS's own data files, not typed in. Its job counts differ from "
            "the handbook's, which come from BLS's Employment Projections and include the "
            "self-employed."
        ),
        **_spanish_source_texts(parsed),
    )
    languages.note_spanish(source, ["short_title", "period", "description", "used_for", "notes"])
    source.save(update_fields=["spanish_from"])
    report.count("releases", "added")
    release = Release.objects.create(
        program=Release.Program.OEWS,
        code=parsed.code,
        label=parsed.label,
        period_year=parsed.year,
        period_month=parsed.month,
        files=[],
        origin=origin or DEFAULT_ORIGIN,
        imported_at=timezone.now(),
        source=source,
    )
    return release, True


def _release_files(files):
    """The files an import of a release reads: its data and lookups, and the CPI-U's."""
    return [*files["data"], *(files[name] for name in oews.LOOKUP_FILES), *files["cpi"]]


def _record_files(release, files, origin, shipped):
    """The files, their origin and the time of the import that wrote the release's figures:
    About the data shows them, so a corrected file imported again replaces the first one's."""
    release.files = _file_facts(_release_files(files))
    release.origin = origin or DEFAULT_ORIGIN
    release.imported_at = timezone.now()
    release.from_shipped_files = shipped
    release.save(update_fields=["files", "origin", "imported_at", "from_shipped_files"])


def _upsert_lookup(model, rows, values_of, report, what):
    existing = {row.code: row for row in model.objects.all()}
    new, changed = [], []
    for code, row in rows.items():
        values = values_of(code, row)
        current = existing.get(code)
        if current is None:
            new.append(model(code=code, **values))
            report.count(what, "added")
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            changed.append(current)
            report.count(what, "changed")
        else:
            report.count(what, "unchanged")
    model.objects.bulk_create(new, batch_size=500)
    if changed:
        model.objects.bulk_update(changed, list(values_of(*next(iter(rows.items())))), 500)
    return {row.code: row for row in model.objects.all()}


def _areas(parsed, report):
    def values_of(code, row):
        kind = row["areatype_code"]
        return {
            "area_type": kind,
            "state_code": row["state_code"],
            "name": row["area_name"],
            "slug": Area.slug_for(row["area_name"], kind, code),
        }

    return _upsert_lookup(Area, parsed.areas, values_of, report, "areas")


def _industries(parsed, report):
    def values_of(code, row):
        level = row["display_level"]
        return {"name": row["industry_name"], "display_level": int(level) if level else 0}

    return _upsert_lookup(Industry, parsed.industries, values_of, report, "industries")


def _estimates(release, parsed, areas, industries, report, data_file, read_codes):
    """Write the release's estimates. `read_codes` ({SOC code: name}) are the occupations the
    files were read for: one an editor deleted is no longer read, and its estimates go."""
    existing = {
        (e.area.code, e.industry.code, e.soc_code): e
        for e in release.estimates.select_related("area", "industry")
    }
    new, changed = [], []
    for key, cell in parsed.cells.items():
        values = {name: cell.values.get(name) for name in ESTIMATE_FIELDS}
        values.update(markers=cell.markers, lines=cell.lines)
        current = existing.pop(key, None)
        if current is None:
            new.append(
                WageEstimate(
                    release=release,
                    soc_code=cell.soc_code,
                    area=areas[cell.area_code],
                    industry=industries[cell.industry_code],
                    **values,
                )
            )
            report.count("estimates", "added")
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            changed.append(current)
            report.count("estimates", "changed")
        else:
            report.count("estimates", "unchanged")
    nations = sorted(
        soc
        for area, industry, soc in existing
        if area == Area.NATIONAL_CODE
        and industry == Industry.ALL_INDUSTRIES_CODE
        and soc in read_codes
    )
    if nations:
        # BLS may revise a release's cells, never withdraw its national estimates: files
        # without them were cut short, and importing them would empty every pay page.
        raise BlsFileError(
            data_file,
            None,
            f"{release.label} is already imported, and these files have no national estimate "
            f"for {', '.join(f'{read_codes[soc]} ({soc})' for soc in nations)}, which it has. "
            "The file was cut short, or is not the whole release.",
        )
    WageEstimate.objects.bulk_create(new, batch_size=500)
    WageEstimate.objects.bulk_update(changed, [*ESTIMATE_FIELDS, "markers", "lines"], 500)
    if existing:  # cells this release no longer has (BLS revised it)
        WageEstimate.objects.filter(pk__in=[e.pk for e in existing.values()]).delete()
        report.count("estimates", "removed", len(existing))


def _spanish_short_title(parsed):
    """“Encuesta salarial de BLS, mayo de 2025”: the release's name as Spanish pages cite it."""
    with translation.override("es"):
        return f"Encuesta salarial de BLS, {month_label(parsed.year, parsed.month)}"


def _spanish_source_texts(parsed):
    """The release's source as the Spanish pages describe it."""
    with translation.override("es"):
        period = month_label(parsed.year, parsed.month)
    return {
        "period_es": period,
        "description_es": (
            "La encuesta de BLS a las nóminas de los empleadores, que se hace dos veces al año "
            "y se publica una vez al año: empleos y salarios de cada ocupación en el país, en "
            "cada estado y en cada área metropolitana y no metropolitana. Solo cuenta empleos "
            "asalariados, no a quienes trabajan por cuenta propia."
        ),
        "used_for_es": (
            "El salario mediano nacional y el rango del percentil 10 al 90, al año y por hora; "
            "cada página empieza con los de la publicación más reciente. Cada cifra cita su "
            "serie de BLS."
        ),
        "notes_es": (
            "Importada de los archivos de datos de BLS, no escrita a mano. Sus números de "
            "empleos no coinciden con los del manual, que vienen de las Proyecciones de Empleo "
            "de BLS e incluyen a quienes trabajan por cuenta propia."
        ),
    }


def series_id(soc_code, field_name, area=Area.NATIONAL_CODE, industry=Industry.ALL_INDUSTRIES_CODE):
    area_type = "N" if area == Area.NATIONAL_CODE else "?"
    digits = oews.soc_digits(soc_code)
    return f"OEU{area_type}{area}{industry}{digits}{DATATYPE_OF[field_name]}"


def _figures(release, parsed, occupations, report):
    for occupation in occupations:
        cell = parsed.cells.get(
            (Area.NATIONAL_CODE, Industry.ALL_INDUSTRIES_CODE, occupation.soc_code)
        )
        if cell is None:
            continue
        for order, (measure, name) in enumerate(FIGURE_FIELDS, start=1):
            slug = f"oews-{release.code.lower()}-{measure.replace('_', '-')}"
            figure = Figure.objects.filter(occupation=occupation, slug=slug).first()
            value = cell.values.get(name)
            if value is None:  # not released: no figure, never a zero
                if figure is not None:
                    figure.delete()
                    report.count("figures", "removed")
                continue
            wanted = {
                "measure": measure,
                "value": value,
                "period_start_year": release.period_year,
                "period_end_year": release.period_year,
                "period_month": release.period_month,
                "source_id": release.source_id,
                "source_line": cell.lines[name],
                "source_section": SERIES_PREFIX + series_id(occupation.soc_code, name),
                "note": "At or above BLS's top code." if name in cell.markers else "",
                "release_id": release.pk,
                "order": order,
            }
            if figure is None:
                Figure.objects.create(occupation=occupation, slug=slug, **wanted)
                report.count("figures", "added")
            elif any(getattr(figure, key) != value for key, value in wanted.items()):
                for key, value in wanted.items():
                    setattr(figure, key, value)
                figure.save()
                report.count("figures", "changed")
            else:
                report.count("figures", "unchanged")


def _price_indexes(values, report):
    if not values:
        return
    source = Source.objects.get(slug=CPI_SOURCE_SLUG)
    existing = {(index.year, index.month): index for index in PriceIndex.objects.all()}
    for value in values:
        current = existing.get((value.year, value.month))
        if current is None:
            PriceIndex.objects.create(
                year=value.year, month=value.month, value=value.value, source=source
            )
            report.count("price indexes", "added")
        elif current.value != value.value:
            current.value = value.value
            current.save()
            report.count("price indexes", "changed")
        else:
            report.count("price indexes", "unchanged")
