"""import_bls: BLS's OEWS and CPI files read, checked and imported as one release.

The shipped extract (fixtures/bls) is imported by load_content when the test database is
built; these tests check what it holds against the files, then import releases of their
own (tests/bls_files.py), good and broken.
"""

import datetime
import re
import shutil
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from importlib import import_module
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from occupations import languages
from occupations.bls.importer import EstimatesMissing, find_files, import_files
from occupations.bls.models import DATATYPE_FIELDS, Area, Industry, Marker, Release, WageEstimate
from occupations.bls.oews import read_release
from occupations.content_version import content_version
from occupations.models import (
    ContentVersion,
    Figure,
    Occupation,
    PriceIndex,
    SimilarOccupation,
    Source,
)

from .bls_files import CSR_2026, SHIPPED, series
from .bls_files import release_folder as make_release
from .content import CSR_SLUG, WAITERS_SLUG
from .pages import folded, get_html, jsonld, soup, text_of

SITE_CODES = {"434051", "353031", "000000"}


def data_rows():
    lines = (SHIPPED / "oe.data.0.Current").read_text().splitlines()[1:]
    return [
        dict(zip(("series", "year", "period", "value", "footnotes"), line.split("\t"), strict=True))
        for line in lines
    ]


def import_bls(*paths, dry_run=False, missing_expected=False):
    """The command's output; `missing_expected` for a release made here with the
    nation only, which has none of the states the shipped May 2025 has."""
    options = [*(["--dry-run"] if dry_run else [])]
    options += ["--missing-expected"] if missing_expected else []
    out = StringIO()
    call_command("import_bls", *map(str, paths), *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def state():
    """What an import could change, to check that a refused one changed nothing."""
    return (
        list(Release.objects.values_list("code", "imported_at")),
        WageEstimate.objects.count(),
        Area.objects.count(),
        Industry.objects.count(),
        sorted(Figure.objects.values_list("slug", "value")),
        PriceIndex.objects.count(),
        ContentVersion.objects.values_list("token", flat=True).first(),
    )


# The shipped extract


def test_the_shipped_extract_is_imported_whole(db):
    rows = data_rows()
    kept = [row for row in rows if row["series"][17:23] in SITE_CODES]
    # And the nation's all-industry cells of the similar occupations with a code of their own.
    similar = {
        code.replace("-", "")
        for code in SimilarOccupation.objects.exclude(soc_code="").values_list(
            "soc_code", flat=True
        )
    }
    kept += [
        row
        for row in rows
        if row["series"][17:23] in similar and row["series"][3:17] == "N0000000000000"
    ]
    cells = Counter(row["series"][4:23] for row in kept)
    release = Release.objects.get(code="2025A01")
    assert release.label == "May 2025"
    assert (release.period_year, release.period_month) == (2025, 5)
    assert release.estimates.count() == len(cells)
    assert sum(cells.values()) == len(kept) == 37_870 + 5 * 15
    assert Area.objects.count() == len((SHIPPED / "oe.area").read_text().splitlines()) - 1
    assert Industry.objects.count() == len((SHIPPED / "oe.industry").read_text().splitlines()) - 1
    # Every file of the extract is on record: the data file, the six lookups and the CPI-U
    # (whose checksum was missing).
    shipped = {path.name for path in SHIPPED.glob("oe.*")} | {"cu.data.1.AllItems"}
    assert len(shipped) == 8
    assert {f["name"] for f in release.files} == shipped
    assert all(re.fullmatch(r"[0-9a-f]{64}", f["sha256"]) for f in release.files)


def test_the_national_median_matches_the_files_value(db):
    by_series = {row["series"]: row["value"] for row in data_rows()}
    csr = Occupation.objects.get(slug=CSR_SLUG)
    national = WageEstimate.objects.get(
        release__code="2025A01", soc_code="43-4051", area__code="0000000", industry__code="000000"
    )
    assert national.annual_median == Decimal(by_series[series("13")]) == Decimal("44770")
    assert national.hourly_median == Decimal(by_series[series("08")])
    assert national.annual_p10 == Decimal(by_series[series("11")])
    assert national.wage_rse == Decimal(by_series[series("05")])
    assert national.employment_rse == Decimal(by_series[series("02")])
    headline = csr.figure_set.get(slug="oews-2025a01-median-annual-wage")
    assert headline.value == national.annual_median
    assert headline.source.short_title == "BLS wage survey, May 2025"


def test_every_oews_figure_stands_on_its_line_of_the_extract(db):
    """As the seed facts are checked against their documents: each figure made from the
    release cites a line of the shipped data file, whose series and value it carries."""
    lines = (SHIPPED / "oe.data.0.Current").read_text().splitlines()
    figures = Figure.objects.filter(release__code="2025A01").select_related("occupation")
    assert figures.count() == 12
    for figure in figures:
        series_id, year, period, value, _ = lines[figure.source_line - 1].split("\t")
        assert figure.source_section == f"series {series_id}", figure.slug
        assert Decimal(value) == figure.value, figure.slug
        assert (year, period) == ("2025", "A01")
        assert series_id[17:23] == figure.occupation.soc_code.replace("-", ""), figure.slug
        assert series_id[3:17] == "N0000000000000", "national, all industries"


def test_a_value_bls_did_not_release_is_empty_and_marked_never_zero(db):
    kept_back = [row for row in data_rows() if row["value"] == "-"]
    assert kept_back, "the extract has estimates BLS kept back"
    for row in kept_back:
        assert row["footnotes"] == "8"
        code = row["series"]
        estimate = WageEstimate.objects.get(
            release__code="2025A01",
            area__code=code[4:11],
            industry__code=code[11:17],
            soc_code=f"{code[17:19]}-{code[19:23]}",
        )
        field = DATATYPE_FIELDS[code[23:25]]
        assert getattr(estimate, field) is None, code
        assert estimate.markers[field] == Marker.NOT_RELEASED, code


def test_re_importing_the_same_release_changes_nothing(db):
    before = state()
    version = content_version()
    output = import_bls(SHIPPED)
    assert "Nothing changed: this release is already imported." in output
    assert "estimates: 0 added, 0 changed, 2,297 unchanged" in output
    assert state() == before
    assert content_version() == version


def shipped_copy(folder, keep=None, edit=None):
    """The shipped release in `folder`, its data file's lines after the header kept by
    `keep` (a slice) and changed by `edit` (line -> line)."""
    shutil.copytree(SHIPPED, folder)
    data = folder / "oe.data.0.Current"
    header, *lines = data.read_text().splitlines()
    lines = lines[keep] if keep else lines
    data.write_text("\n".join([header, *map(edit or str, lines)]) + "\n")
    return folder


def test_the_same_release_cut_short_is_refused_whole(db, tmp_path):
    """An editor uploaded May 2025 again with its data file cut at a line's end, 60 percent
    in: the nation's estimates were deleted, counted as "changed", and every pay page
    answered 404."""
    lines = len((SHIPPED / "oe.data.0.Current").read_text().splitlines()) - 1
    folder = shipped_copy(tmp_path / "cut", keep=slice(0, lines * 6 // 10))
    before = state()
    with pytest.raises(CommandError) as refused:
        import_bls(folder, missing_expected=True)
    assert str(refused.value) == (
        "Nothing was imported. oe.data.0.Current: May 2025 is already imported, and these "
        "files have no national estimate for all occupations (00-0000), waiters and waitresses "
        "(35-3031), customer service representatives (43-4051), which it has. The file was cut "
        "short, or is not the whole release."
    )
    assert state() == before


def test_an_occupation_an_editor_deleted_is_read_no_more_and_its_estimates_go(db):
    """The files still hold its national estimates, but they are no longer read: that is no
    file cut short."""
    Occupation.objects.get(slug=WAITERS_SLUG).delete()
    output = import_bls(SHIPPED)
    assert re.search(r"estimates: 0 added, 0 changed, [\d,]+ unchanged, [\d,]+ removed", output)
    assert not WageEstimate.objects.filter(soc_code="35-3031").exists()


def test_estimates_a_revised_release_drops_are_counted_removed(db, tmp_path):
    ohio = series("", occupation="434051", area="S3900000")
    folder = shipped_copy(tmp_path / "revised", keep=slice(None))
    data = folder / "oe.data.0.Current"
    data.write_text("".join(line for line in data.read_text().splitlines(True) if ohio not in line))
    output = import_bls(folder, missing_expected=True)
    # Others change too: each estimate keeps its lines in the file, which moved up.
    assert re.search(r"estimates: 0 added, [\d,]+ changed, [\d,]+ unchanged, 1 removed", output)
    assert not WageEstimate.objects.filter(soc_code="43-4051", area__code="3900000").exists()


def test_a_corrected_file_replaces_the_first_ones_checksum_and_origin(client, db, tmp_path):
    """About the data lists the files the figures came from: after a corrected file of the
    same release, those of the correction, not the first import's."""
    median = series("13")
    folder = shipped_copy(
        tmp_path / "corrected",
        edit=lambda line: (
            line.replace("\t44770\t", "\t45100\t") if line.startswith(median) else line
        ),
    )
    release = Release.objects.get(code="2025A01")
    first_checksum = next(f["sha256"] for f in release.files if f["name"] == "oe.data.0.Current")
    call_command("import_bls", str(folder), "--origin", "BLS's corrected file", stdout=StringIO())
    release.refresh_from_db()
    checksum = next(f["sha256"] for f in release.files if f["name"] == "oe.data.0.Current")
    assert checksum != first_checksum
    assert release.origin == "BLS's corrected file"
    about = get_html(client, reverse("careers:about-data"))
    assert checksum in about
    assert first_checksum not in about
    assert "$45,100 a year" in get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))


def test_load_content_keeps_a_correction_an_editor_imported(client, db, tmp_path):
    """A corrected May 2025 imported in the admin was undone by the next start: serve's
    load_content imported the shipped files over it."""
    texas = series("13", area="S4800000")
    folder = shipped_copy(
        tmp_path / "corrected",
        edit=lambda line: (
            line.replace("\t40420\t", "\t40560\t") if line.startswith(texas) else line
        ),
    )
    call_command("import_bls", str(folder), "--origin", "BLS's corrected file", stdout=StringIO())
    out = StringIO()
    call_command("load_content", stdout=out)
    assert (
        "kept (imported from other files in the admin or with import_bls): BLS's May 2025"
        in out.getvalue()
    )
    page = get_html(client, reverse("careers:pay-state", args=[CSR_SLUG, "texas"]))
    assert "$40,560 a year" in page
    assert Release.objects.get(code="2025A01").origin == "BLS's corrected file"


def test_load_content_applies_an_update_to_the_shipped_extract(client, db, tmp_path):
    """The release on file came from the shipped files: developers' update of them applies on
    the next start (the first version of the rule above kept it as an editor's)."""
    fixtures = tmp_path / "fixtures"
    shutil.copytree(settings.BASE_DIR / "fixtures", fixtures)
    data = fixtures / "bls" / "oe.data.0.Current"
    texas = series("13", area="S4800000")
    data.write_text(
        "".join(
            line.replace("\t40420\t", "\t40560\t") if line.startswith(texas) else line
            for line in data.read_text().splitlines(True)
        )
    )
    out = StringIO()
    call_command("load_content", "--fixtures-dir", str(fixtures), stdout=out)
    assert "kept (imported from other files" not in out.getvalue()
    assert "$40,560 a year" in get_html(
        client, reverse("careers:pay-state", args=[CSR_SLUG, "texas"])
    )


def test_load_content_keeps_an_editors_price_index_correction(db, tmp_path):
    """An editor's corrected CPI-U, imported with the release's files, was put back on
    every start: its checksum was never recorded."""
    folder = shipped_copy(tmp_path / "cpi")
    cpi = folder / "cu.data.1.AllItems"
    header, first, *rest = cpi.read_text().splitlines(True)
    fields = first.split("\t")
    fields[3] = f"{float(fields[3]) + 0.5:.3f}"
    cpi.write_text("".join([header, "\t".join(fields), *rest]))
    call_command("import_bls", str(folder), "--origin", "a corrected CPI-U", stdout=StringIO())
    corrected = set(PriceIndex.objects.values_list("year", "month", "value"))
    assert (2000, 1, Decimal("169.300")) in corrected
    call_command("load_content", stdout=StringIO())
    assert set(PriceIndex.objects.values_list("year", "month", "value")) == corrected


def test_the_preview_names_a_large_state_the_files_lose(db, tmp_path):
    """Its three largest states came from the new files, so Texas, lost, vanished from the
    list and New York took its place."""
    texas = series("", area="S4800000")
    folder = shipped_copy(tmp_path / "without-texas")
    data = folder / "oe.data.0.Current"
    data.write_text(
        "".join(line for line in data.read_text().splitlines(True) if texas not in line)
    )
    report = import_files([folder], dry_run=True)
    assert ("Customer service representatives", "Texas", 40420, None) in report.state_medians


def test_load_content_imports_the_extract_and_a_rerun_is_a_no_op(db):
    before = state()
    call_command("load_content", stdout=StringIO())
    assert state() == before


# A second, newer release


def test_a_newer_release_becomes_the_newest_and_the_old_one_stays(client, db, tmp_path):
    make_release(tmp_path)
    output = import_bls(tmp_path, missing_expected=True)
    assert "OEWS May 2026: read 17 rows, kept 17" in output
    assert (
        "$44,770 a year (May 2025, BLS wage survey, May 2025) -> $45,970 a year (May 2026" in output
    )
    assert list(Release.objects.values_list("label", flat=True)) == ["May 2026", "May 2025"]
    assert Release.objects.get(code="2025A01").estimates.count() == 2297
    html = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    lead = folded(soup(html).select_one("#quick-facts"))
    assert "$45,970 a year" in lead
    assert "From the BLS wage survey, May 2026" in lead
    assert "$44,770 a year" in text_of(html, "pay")  # history, in the pay table
    newest = "Newest figures, from BLS's wage survey of May 2026: Pay by industry."
    assert newest in folded(soup(html).select_one("#where-they-work")).replace(" .", ".")
    # The waiters have no May 2026 figures in it: they keep leading with May 2025, and are
    # not sent to May 2026's industries, which hold none of theirs.
    waiters = get_html(client, reverse("careers:occupation", args=[WAITERS_SLUG]))
    assert "$35,230 a year" in folded(soup(waiters).select_one("#quick-facts"))
    assert "Newest figures, from BLS's wage survey" not in waiters
    # What the site says of its sources stays true: no text still has May 2025 lead.
    about = folded(soup(get_html(client, reverse("careers:about-data"))).main)
    assert "The wage survey's May 2026 release is newer still, so its pay leads." in about
    stale = (
        "May 2025 release is newer still",
        "May 2025, which the site leads with",
        "both occupations' May 2025 pay",
        "Newer pay, for May 2025",
        "The pay every page leads with",
    )
    for page in (html, waiters, get_html(client, reverse("careers:about-data"))):
        text = folded(soup(page).main)
        assert not [claim for claim in stale if claim in text]


def withdraw(code, *options):
    out = StringIO()
    call_command("withdraw_release", code, *options, stdout=out)
    return out.getvalue()


def test_a_release_imported_by_mistake_can_be_withdrawn(client, db, tmp_path):
    """An editor's trial imported a test “May 2026”, which then led every page, and nothing
    could take it back."""
    before = state()[1:]  # the releases' import times aside
    make_release(tmp_path)
    import_bls(tmp_path, missing_expected=True)
    assert "Would withdraw May 2026: 1 estimates and 6 figures." in withdraw("2026A01", "--dry-run")
    assert Release.objects.filter(code="2026A01").exists()

    output = withdraw("2026A01")
    assert "Withdrew May 2026: 1 estimates and 6 figures." in output
    assert "Leading now: May 2025." in output
    assert state()[1:4] == before[:3]
    assert not Source.objects.filter(slug="bls-oews-2026a01").exists()
    html = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    assert "$44,770 a year" in folded(soup(html).select_one("#quick-facts"))
    assert "May 2026" not in get_html(client, reverse("careers:about-data"))


def test_a_release_whose_figures_a_text_quotes_is_not_withdrawn(db, tmp_path):
    make_release(tmp_path)
    import_bls(tmp_path, missing_expected=True)
    figure = Figure.objects.get(slug="oews-2026a01-median-annual-wage", occupation__slug=CSR_SLUG)
    entry = figure.occupation.faqentry_set.get(slug="median-pay")
    entry.figures.add(figure)
    entry.answer += " In May 2026 it was [[oews-2026a01-median-annual-wage]]."
    entry.save()
    with pytest.raises(CommandError, match="these texts quote May 2026's figures") as refused:
        withdraw("2026A01")
    assert "“How much do customer service representatives earn?”" in str(refused.value)
    assert Figure.objects.filter(pk=figure.pk).exists()
    with pytest.raises(CommandError, match=r"No release 2099A01 is on file \(on file: 2026A01"):
        withdraw("2099A01")


def test_withdrawing_names_the_texts_that_link_its_figures_and_refuses_a_cited_source(db, tmp_path):
    """A record citing the release's source crashed the command with a ProtectedError; texts
    linking its figures lost the links without a word."""
    make_release(tmp_path)
    import_bls(tmp_path, missing_expected=True)
    figure = Figure.objects.get(slug="oews-2026a01-median-annual-wage", occupation__slug=CSR_SLUG)
    entry = figure.occupation.faqentry_set.get(slug="median-pay")
    entry.figures.add(figure)  # linked, not quoted
    duty = figure.occupation.duty_set.first()
    duty.source = figure.source
    duty.save()
    with pytest.raises(
        CommandError, match="these records cite BLS wage survey, May 2026"
    ) as refused:
        withdraw("2026A01")
    assert f"“{duty.text}”" in str(refused.value)
    assert Release.objects.filter(code="2026A01").exists()

    duty.source = Source.objects.get(slug="bls-ooh-csr-2025")
    duty.save()
    output = withdraw("2026A01")
    assert (
        "Unlinked its figures from: FAQ entry “How much do customer service representatives "
        "earn?”." in output
    )


def test_a_release_not_yet_published_is_questioned_from_a_shell_too(db, tmp_path):
    make_release(tmp_path)
    with time_machine.travel(datetime.date(2026, 12, 7), tick=False):
        early = import_bls(tmp_path, dry_run=True)
    assert (
        "Check the files: BLS publishes the estimates for May 2026 in the spring after, not "
        "before 1 March 2027: are these BLS's own?"
    ) in early
    with time_machine.travel(datetime.date(2027, 4, 2), tick=False):
        assert "are these BLS's own?" not in import_bls(tmp_path, dry_run=True)


def test_a_dry_run_says_what_would_change_and_writes_nothing(db, tmp_path):
    make_release(tmp_path)
    before = state()
    output = import_bls(tmp_path, dry_run=True)
    assert "releases: 1 added" in output
    assert "estimates: 1 added" in output
    assert "figures: 6 added" in output
    assert "-> $45,970 a year (May 2026" in output
    # Its data file holds no states, as one cut short might: the report says so.
    assert (
        "Check the files: Customer service representatives has no estimate in this release "
        "for 54 states and territories the newest release on file has (Alabama, Alaska,"
    ) in output
    assert "Dry run: nothing was written." in output
    assert state() == before


def test_a_release_without_the_states_on_file_is_refused_unless_the_operator_expects_it(
    db, tmp_path
):
    """What a data file cut short looks like: the release holds only the nation."""
    make_release(tmp_path)
    before = state()
    with pytest.raises(CommandError) as refused:
        import_bls(tmp_path)
    assert str(refused.value) == (
        "Nothing was imported: May 2026 has no estimate for 54 states and territories that "
        "the newest release on file has (Customer service representatives: Alabama, Alaska, "
        "Arizona and 51 more). A file cut short looks like this. Check the files, or import "
        "again with --missing-expected."
    )
    assert state() == before
    assert "releases: 1 added" in import_bls(tmp_path, missing_expected=True)


def test_a_state_cut_off_within_its_lines_counts_as_missing_too(db, tmp_path):
    """The file ends partway through Ohio's lines: its estimate is there, its median not."""
    shipped = (SHIPPED / "oe.data.0.Current").read_text().splitlines()[1:]
    ohio_median = series("13", occupation="434051", area="S3900000")
    rows = [
        line.replace("\t2025\t", "\t2026\t")
        for line in shipped
        if line.startswith(("OEUS", "OEUN"))
        and line[17:23] in ("434051", "353031")
        and not line.startswith(ohio_median)
    ]
    make_release(tmp_path, rows=rows)
    with pytest.raises(EstimatesMissing) as refused:
        import_files([tmp_path], refuse_missing=True)
    assert refused.value.report.missing == {"Customer service representatives": ["Ohio"]}
    assert "has no estimate for 1 state or territory that" in str(refused.value)


def test_a_value_not_released_never_shows_as_zero(client, db, tmp_path):
    kept_back = ("13", "04")  # the annual median and mean: "-" with footnote 8
    rows = [
        f"{series(d)}\t2026\tA01\t-\t8" if d in kept_back else f"{series(d)}\t2026\tA01\t{v}\t{f}"
        for d, v, f in CSR_2026
    ]
    make_release(tmp_path, rows)
    import_bls(tmp_path, missing_expected=True)
    estimate = WageEstimate.objects.get(release__code="2026A01")
    assert estimate.annual_median is None
    assert estimate.annual_mean is None
    assert estimate.markers == {"annual_median": "not_released", "annual_mean": "not_released"}
    csr = Occupation.objects.get(slug=CSR_SLUG)
    assert not csr.figure_set.filter(slug="oews-2026a01-median-annual-wage").exists()
    for url in (
        reverse("careers:occupation", args=[CSR_SLUG]),
        reverse("careers:home"),
        reverse("api:figures", args=[CSR_SLUG]),
        reverse("careers:occupation-csv", args=[CSR_SLUG]),
    ):
        body = get_html(client, url)
        assert not re.search(r"\$0(\.00)?\b", body), url
        assert ",0.00," not in body, url
    figures = client.get(reverse("api:figures", args=[CSR_SLUG]) + "?page_size=100").json()
    assert all(item["value"] != 0 for item in figures["items"])
    # The yearly median the page leads with is worked out from the hourly one, and says so.
    html = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    lead = " ".join(soup(html).select_one(".headline-pay").get_text().split())
    # $22.10 × 2,080 = $45,968, shown to the nearest $10 as BLS rounds its yearly wages.
    assert lead.startswith("$45,970 a year (worked out by this site), or $22.10 an hour.")
    # The structured data gives the amount the page shows, not the site's exact arithmetic.
    assert jsonld(html)["estimatedSalary"]["median"] == 45970
    assert (
        "derived from the hourly wage"
        in soup(html).select_one('meta[name="description"]')["content"]
    )


# Bad files: one clear message naming the file and line, and nothing written


def csr_rows(year="2026"):
    return [f"{series(d)}\t{year}\tA01\t{v}\t{f}" for d, v, f in CSR_2026]


BAD_FILES = {
    "changed header": (
        lambda rows: rows,
        "series_id\tyear\tperiod\tval\tfootnote_codes",
        r"oe\.data\.0\.Current, line 1: the header has no column value",
    ),
    "malformed series id": (
        lambda rows: [*rows[:3], rows[3].replace("OEUN", "OEUX", 1), *rows[4:]],
        None,
        r"oe\.data\.0\.Current, line 5: series id 'OEUX.*' is not an OEWS series id",
    ),
    "area missing from oe.area": (
        lambda rows: [*rows, rows[0].replace("N0000000", "M9999999")],
        None,
        r"oe\.data\.0\.Current, line 19: area 9999999 is not in oe\.area",
    ),
    "two releases in one file": (
        lambda rows: [*rows[:5], rows[5].replace("\t2026\t", "\t2025\t"), *rows[6:]],
        None,
        r"oe\.data\.0\.Current, line 7: this row is from release 2025A01, but line 2 .* is "
        r"from 2026A01",
    ),
    "duplicate series": (
        lambda rows: [*rows, rows[7]],
        None,
        r"oe\.data\.0\.Current, line 19: series OEUN0000000000000434051 ?08 repeats line 9",
    ),
    "truncated line": (
        lambda rows: [*rows[:-1], rows[-1].rsplit("\t", 2)[0]],
        None,
        r"oe\.data\.0\.Current, line 18: the line has 3 of the header's 5 fields; it was cut short",
    ),
    "unknown datatype": (
        lambda rows: [*rows, f"{series('18')}\t2026\tA01\t1.0\t"],
        None,
        r"oe\.data\.0\.Current, line 19: datatype 18 is unknown",
    ),
    "non-numeric value": (
        lambda rows: [*rows[:2], rows[2].replace("\t23.10\t", "\tn/a\t"), *rows[3:]],
        None,
        r"oe\.data\.0\.Current, line 4: value 'n/a' is neither a number nor BLS's “-”",
    ),
    "a value too long to keep": (
        lambda rows: [*rows[:12], rows[12].replace("\t45970\t", "\t9999999999999\t"), *rows[13:]],
        None,
        r"oe\.data\.0\.Current, line 14: value '9999999999999': Ensure that there are no more "
        r"than 12 digits in total",
    ),
    "a yearly wage no one earns": (
        lambda rows: [*rows[:12], rows[12].replace("\t45970\t", "\t5000000\t"), *rows[13:]],
        None,
        r"oe\.data\.0\.Current, line 14: value '5000000' is above \$2,080,000 a year, more than "
        r"any wage BLS publishes",
    ),
    "an hourly wage no one earns": (
        lambda rows: [*rows[:2], rows[2].replace("\t23.10\t", "\t2310.00\t"), *rows[3:]],
        None,
        r"oe\.data\.0\.Current, line 4: value '2310.00' is above \$1,000\.00 an hour, more "
        r"than any wage BLS publishes",
    ),
    "a yearly wage too low to be one": (
        lambda rows: [*rows[:12], rows[12].replace("\t45970\t", "\t4597\t"), *rows[13:]],
        None,
        r"oe\.data\.0\.Current, line 14: value '4597' is below \$5,200 a year, less than any "
        r"wage BLS publishes",
    ),
    "a dash with no footnote": (
        lambda rows: [*rows[:2], rows[2].replace("\t23.10\t", "\t-\t"), *rows[3:]],
        None,
        r"oe\.data\.0\.Current, line 4: the value is “-” with neither footnote 8 nor 5",
    ),
    "footnote missing from oe.footnote": (
        lambda rows: [*rows[:2], rows[2] + "7", *rows[3:]],
        None,
        r"oe\.data\.0\.Current, line 4: footnote 7 is not in oe\.footnote",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_names_file_and_line_and_writes_nothing(db, tmp_path, case):
    change, header, message = BAD_FILES[case]
    data = make_release(tmp_path, change(csr_rows()), cpi=True)
    if header:
        lines = data.read_text().splitlines()
        data.write_text("\n".join([header, *lines[1:]]) + "\n")
    before = state()
    with pytest.raises(CommandError) as raised:
        import_bls(tmp_path)
    assert str(raised.value).startswith("Nothing was imported. ")
    assert re.search(message, str(raised.value)), str(raised.value)
    assert state() == before


def test_an_empty_data_file_is_named_as_empty(db, tmp_path):
    """As inside an uploaded zip, where the admin's own check of each file cannot see it."""
    make_release(tmp_path).write_text("")
    with pytest.raises(CommandError) as raised:
        import_bls(tmp_path)
    assert str(raised.value) == (
        "Nothing was imported. oe.data.0.Current: the file is empty; download it again, whole"
    )


def test_a_bad_file_exits_with_status_1_and_says_why_on_stderr(db, tmp_path, capsys):
    from django.core.management import ManagementUtility

    make_release(tmp_path, [*csr_rows(), csr_rows()[0]])
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "import_bls", str(tmp_path)]).execute()
    assert exited.value.code == 1
    assert "oe.data.0.Current, line 19: series" in capsys.readouterr().err


def test_a_bad_cpi_file_is_refused_too(db, tmp_path):
    make_release(tmp_path, cpi=True)
    cpi = tmp_path / "cu.data.1.AllItems"
    lines = cpi.read_text().splitlines()
    lines[5] = lines[5].replace("171.500", "about 171")
    cpi.write_text("\n".join(lines) + "\n")
    before = state()
    with pytest.raises(CommandError, match=r"cu\.data\.1\.AllItems, line 6: value 'about 171'"):
        import_bls(tmp_path)
    assert state() == before


def test_columns_are_read_by_name_padding_stripped_and_extra_columns_ignored(db, tmp_path):
    """BLS's full files pad their fields and carry more columns than the extract."""
    rows = [
        f"{sid}   \t{year} \t{period}\t  {value}\t{notes}\textra"
        for sid, year, period, value, notes in (line.split("\t") for line in csr_rows())
    ]
    data = make_release(tmp_path, rows)
    lines = data.read_text().splitlines()
    data.write_text(
        "\n".join(["series_id\tyear\tperiod\tvalue\tfootnote_codes\tseries_title", *lines[1:]])
        + "\n"
    )
    occupation = tmp_path / "oe.occupation"
    occupation.write_text(
        "\n".join(
            f"{line}\tselectable\tsort" if n else f"{line}\tselectable\tsort_sequence"
            for n, line in enumerate(occupation.read_text().splitlines())
        )
        + "\n"
    )
    import_bls(tmp_path, missing_expected=True)
    assert WageEstimate.objects.get(release__code="2026A01").annual_median == Decimal("45970")


def test_cpi_values_are_kept_monthly_and_as_annual_averages(db):
    assert PriceIndex.objects.get(year=2008, month=None).value == Decimal("215.303")
    assert PriceIndex.objects.get(year=2020, month=None).value == Decimal("258.811")
    assert PriceIndex.objects.get(year=2026, month=8).value == Decimal("334.980")
    assert PriceIndex.objects.get(year=2025, month=5).value == Decimal("321.465")
    lines = (SHIPPED / "cu.data.1.AllItems").read_text().splitlines()[1:]
    assert PriceIndex.objects.count() == len(lines)


# Streaming

STREAM_SCRIPT = """
import os, resource, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "careers.settings"
import django
django.setup()
from occupations.bls.importer import find_files
from occupations.bls.oews import read_release
files = find_files([sys.argv[1]])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
release = read_release(files, ["43-4051", "35-3031"])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(release.rows_read, release.rows_kept, len(release.cells), (after - before) // 1024)
"""
# A file read whole would hold its 41 MB of text and a million line objects (about 100 MB
# more); a streamed read holds only the cells it keeps, a few MB.
STREAM_BOUND_MB = 30


@pytest.mark.served
def test_a_million_row_file_is_read_in_bounded_memory(tmp_path):
    from .bls_generate import write_data_file

    folder = tmp_path / "big"
    make_release(folder, year="2025", label="May 2025")
    kept = write_data_file(
        folder / "oe.data.0.Current", 1_000_000, SHIPPED / "oe.data.0.Current", SITE_CODES
    )
    assert (folder / "oe.data.0.Current").stat().st_size > 40 * 10**6
    result = subprocess.run(
        [sys.executable, "-c", STREAM_SCRIPT, str(folder)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    rows, kept_rows, cells, grown_mb = map(int, result.stdout.split())
    assert (rows, kept_rows, cells) == (1_000_000, kept, 2292)
    assert grown_mb < STREAM_BOUND_MB, f"peak memory grew by {grown_mb} MB"


def test_a_release_source_imported_with_the_old_wording_is_reworded(db):
    """Sources the importer made before its wording changed said "The pay every page leads
    with", false once the next release arrives; migration 0006 rewords them, and their
    Spanish stays current."""
    reword = import_module("occupations.migrations.0006_release_sources_say_the_newest_leads")
    source = Source.objects.get(slug="bls-oews-2025a01")
    Source.objects.filter(pk=source.pk).update(
        used_for=reword.OLD, used_for_en=reword.OLD, used_for_es=reword.OLD_ES
    )
    source.refresh_from_db()
    languages.note_spanish(source, ["used_for"])
    source.save(update_fields=["spanish_from"])
    edited = Source.objects.exclude(pk=source.pk).first()
    edited_text = edited.used_for

    reword.reword(apps, None)

    source.refresh_from_db()
    assert source.used_for == reword.NEW
    assert source.used_for_es == reword.NEW_ES
    assert "used_for" not in languages.stale_spanish(source)
    edited.refresh_from_db()
    assert edited.used_for == edited_text  # only the old wording is touched


def test_a_similar_occupation_with_a_code_gets_only_the_nations_estimate(db, tmp_path):
    """The similar occupations' medians come from the release too, but only the nation's,
    all industries: the rest of a full BLS file for them (a state's, an industry's) is not
    the site's to keep."""
    tellers = WageEstimate.objects.filter(release__code="2025A01", soc_code="43-3071")
    (estimate,) = tellers.select_related("area", "industry")
    assert (estimate.area.code, estimate.industry.code) == ("0000000", "000000")
    assert estimate.annual_median == Decimal("43030")
    # Retail sales workers are two codes (cashiers, retail salespersons): none is read.
    assert not WageEstimate.objects.filter(soc_code__in=["41-2011", "41-2031"]).exists()
    folder = shipped_copy(tmp_path / "fuller")
    with (folder / "oe.data.0.Current").open("a") as data:
        data.write("OEUS390000000000043307113\t2025\tA01\t41000\t\n")  # Ohio's tellers
        data.write("OEUN000000000000143307113\t2025\tA01\t42000\t\n")  # private industry
    release = read_release(find_files([folder]), ["43-4051"], ["43-3071"])
    assert [key for key in release.cells if key[2] == "43-3071"] == [
        ("0000000", "000000", "43-3071")
    ]
