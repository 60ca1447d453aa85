"""Every fact in the fixtures cites a document and line, and the line bears it out."""

import json
import re
from decimal import Decimal

import pytest

from occupations import citations
from occupations.formatting import MONTH_NAMES
from occupations.measures import MEASURES

# A source describes itself; a price index is cited by series and year, not by line.
UNCITED_MODELS = {"occupations.source", "occupations.priceindex"}


def fixture_records(fixtures_dir):
    for path in sorted(fixtures_dir.glob("*.json")):
        yield from json.loads(path.read_text())


@pytest.fixture
def documents(fixtures_dir, seeds_dir):
    """Lines of each source document, keyed by the source's slug."""
    lines = {}
    folders = (seeds_dir, seeds_dir.parent / "reference")
    for record in fixture_records(fixtures_dir):
        if record["model"] == "occupations.source":
            for folder in folders:
                # One reference file may hold several entries: "file.md#entry" names one.
                path = folder / record["fields"]["document"].partition("#")[0]
                if path.exists():
                    lines[record["fields"]["slug"]] = path.read_text(encoding="utf-8").splitlines()
    return lines


def cited_line(documents, record):
    (source_slug,) = record["fields"]["source"]
    if source_slug not in documents:
        pytest.fail(f"{record['fields']['slug']} cites {source_slug}, whose document is missing")
    line = record["fields"]["source_line"]
    assert 1 <= line <= len(documents[source_slug]), f"{record['fields']['slug']}: no line {line}"
    return documents[source_slug][line - 1]


def as_written(value, unit):
    """A figure the way the documents print it (a decline with a true minus sign)."""
    amount = Decimal(value)
    sign = "−" if amount < 0 else ""
    amount = abs(amount)
    if unit == "percent":
        return f"{sign}{amount.normalize():f} percent"
    if unit in ("jobs", "openings"):
        return f"{sign}{int(amount):,}"
    if amount == amount.to_integral_value():
        return f"{sign}${int(amount):,}"
    return f"{sign}${amount:,.2f}"


def unit_of(record):
    return MEASURES[record["fields"]["measure"]].unit


def passage_text(documents, record):
    """Every line the record cites (both passages, first to last line), white space folded."""
    lines = []
    for source, first, last in passages(record):
        document = documents[source]
        assert 1 <= first <= (last or first) <= len(document), record["fields"]["slug"]
        lines += document[first - 1 : last or first]
    return " ".join(" ".join(lines).split())


def in_words(value):
    """A decline the documents may also write in words: "decline 5 percent"."""
    amount = Decimal(value)
    return f"{abs(amount).normalize():f} percent"


def test_every_record_cites_a_source_and_line(fixtures_dir):
    for record in fixture_records(fixtures_dir):
        if record["model"] in UNCITED_MODELS:
            continue
        fields = record["fields"]
        assert fields.get("source"), f"{record['model']} {fields.get('slug')} has no source"
        assert isinstance(fields.get("source_line"), int), f"{fields.get('slug')} has no line"


def test_every_figure_stands_on_its_cited_line(fixtures_dir, documents):
    figures = [r for r in fixture_records(fixtures_dir) if r["model"] == "occupations.figure"]
    assert figures
    for record in figures:
        fields = record["fields"]
        cited_line(documents, record)  # the source and its first line exist
        line = passage_text(documents, record)
        if fields["value"] is not None:
            assert as_written(fields["value"], unit_of(record)) in line, fields["slug"]
        if fields["comparison"]:
            assert fields["comparison"] in line, fields["slug"]
        if fields["period_month"]:
            month = MONTH_NAMES[fields["period_month"] - 1]
            assert f"{month} {fields['period_end_year']}" in line, fields["slug"]
        if fields["period_start_year"]:
            assert str(fields["period_start_year"]) in line, fields["slug"]
            end = str(fields["period_end_year"])
            # The handbook abbreviates ranges: "2016-26", "2024–34".
            assert any(f in line for f in (end, f"-{end[2:]}", f"–{end[2:]}")), fields["slug"]


@pytest.mark.parametrize(
    ("model", "name_field"),
    [
        ("occupations.jobtitle", "name"),
        ("occupations.sector", "name"),
    ],
)
def test_every_name_stands_on_its_cited_line(fixtures_dir, documents, model, name_field):
    records = [r for r in fixture_records(fixtures_dir) if r["model"] == model]
    assert records
    for record in records:
        assert record["fields"][name_field] in passage_text(documents, record)


def test_every_industry_share_and_pay_stands_beside_its_industry(fixtures_dir, documents):
    """ "retail trade 17%", "wholesale trade $22.85": the number follows its own name."""
    checked = 0
    for record in fixture_records(fixtures_dir):
        fields = record["fields"]
        if record["model"] != "occupations.sector":
            continue
        text = passage_text(documents, record)
        if fields.get("share_percent") is not None:
            assert f"{fields['name']} {fields['share_percent']}%" in text, fields["slug"]
            checked += 1
        if fields.get("median_hourly_wage") is not None:
            wage = as_written(fields["median_hourly_wage"], "usd_hour")
            assert f"{fields['name']} {wage}" in text, fields["slug"]
            checked += 1
    assert checked == 16


def test_every_number_in_a_quick_fact_stands_in_its_cited_lines(fixtures_dir, documents):
    """ "retail trade employed the most (17 percent of jobs in 2024)": the share and its year
    are both in the lines the fact cites, in English and in Spanish."""
    checked = 0
    for record in fixture_records(fixtures_dir):
        fields = record["fields"]
        if record["model"] != "occupations.quickfact":
            continue
        text = passage_text(documents, record)
        for number in re.findall(r"\d+", f"{fields['text']} {fields.get('text_es', '')}"):
            assert re.search(rf"(?<![\d.]){number}(?!\d|\.\d)", text), (fields["slug"], number)
            checked += 1
    assert checked >= 6


def test_every_similar_occupation_stands_on_its_line_with_its_pay(fixtures_dir, documents):
    similar = [
        r for r in fixture_records(fixtures_dir) if r["model"] == "occupations.similaroccupation"
    ]
    assert len(similar) == 9
    for record in similar:
        fields = record["fields"]
        line = passage_text(documents, record)
        assert line.startswith(f"- {fields['name']} ("), fields["slug"]
        assert as_written(fields["median_annual_wage"], "usd_year") in line, fields["slug"]
        stated = line.partition("(")[2].partition(")")[0].lower()
        if stated == "see how to become one":
            # BLS points to that occupation's own section, and says nothing more.
            assert fields["education"] == "See “How to Become One” in its BLS entry"
        else:
            assert fields["education"].lower() == stated
        period = passage_text(documents, {**record, "fields": {**fields, "source_line": 83}})
        assert f"{MONTH_NAMES[fields['period_month'] - 1]} {fields['period_year']}" in period


def test_skills_table_names_stand_on_their_cited_rows(fixtures_dir, documents):
    skills = [
        r
        for r in fixture_records(fixtures_dir)
        if r["model"] == "occupations.quality" and r["fields"]["kind"] == "skill"
    ]
    assert len(skills) == 5
    for record in skills:
        assert cited_line(documents, record).startswith(record["fields"]["name"] + " |")


def test_no_figure_is_taken_from_the_broken_wage_line(fixtures_dir, documents):
    broken = [i for i, line in enumerate(documents["csr-guide-2020"], 1) if "around ,000" in line]
    assert broken, "the newer guide's broken figure should be where we expect it"
    for record in fixture_records(fixtures_dir):
        if record["model"] == "occupations.figure" and record["fields"]["source"] == [
            "csr-guide-2020"
        ]:
            assert record["fields"]["source_line"] not in broken, record["fields"]["slug"]


WORD_RUN = 8  # words in a row that count as a copied sentence
NAMED = {"occupations.jobtitle", "occupations.sector"}
# A source's address and title are cited as published.
VERBATIM_FIELDS = {
    ("occupations.source", "url"),
    ("occupations.source", "title"),
    ("occupations.occupation", "current_figures_url"),
}


def word_runs(text, size=WORD_RUN):
    runs = set()
    for chunk in text.lower().split(" | "):
        words = re.findall(r"[a-z0-9$]+", chunk)
        runs |= {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    return runs


def test_fixture_prose_copies_no_sentence_from_the_documents(fixtures_dir, seeds_dir):
    source_runs = set()
    for path in [*seeds_dir.glob("*.txt"), *(seeds_dir.parent / "reference").glob("*.md")]:
        source_runs |= word_runs(path.read_text(encoding="utf-8"))
    # Names must be carried over exactly, so prose may quote them.
    names = sorted(
        (r["fields"]["name"] for r in fixture_records(fixtures_dir) if r["model"] in NAMED),
        key=len,
        reverse=True,
    )
    for record in fixture_records(fixtures_dir):
        for name, value in record["fields"].items():
            if isinstance(value, str) and (record["model"], name) not in VERBATIM_FIELDS:
                for exact in names:
                    value = value.replace(exact, " | ")
                copied = word_runs(value) & source_runs
                assert not copied, f"{record['model']}.{name} copies: {sorted(copied)[0]!r}"


# Each passage a record cites must bear it out: at least one of the record's own content
# words (not the occupation's name, nor filler) stands in the cited line or lines. A
# citation to the wrong line, such as an FAQ answer cited to its question's line, shares
# no such word with it.
CITATION_FIELDS = set(citations.FIELDS)
NOT_FACTS = {
    "slug",
    "kind",
    "measure",
    "section",
    "occupation",
    "work_setting",
    "figures",
    "order",
    "unit",
}
FILLER = {
    "about",
    "after",
    "also",
    "because",
    "been",
    "before",
    "being",
    "both",
    "can",
    "companies",
    "company",
    "could",
    "customer",
    "customers",
    "does",
    "each",
    "employers",
    "even",
    "from",
    "have",
    "into",
    "many",
    "more",
    "most",
    "much",
    "must",
    "need",
    "occupation",
    "occupations",
    "other",
    "over",
    "representative",
    "representatives",
    "same",
    "service",
    "services",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "under",
    "until",
    "very",
    "waiters",
    "waitresses",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "without",
    "work",
    "working",
    "works",
    "would",
    "your",
}


def stems(text):
    """Content words, cut to five letters so that “complaints” meets “complaint”, and
    numbers without their commas."""
    text = text.lower().replace("e-mail", "email")
    words = re.findall(r"[a-z]+", text)
    numbers = {number.replace(",", "") for number in re.findall(r"\d[\d,]*\d", text)}
    return {word[:5] for word in words if len(word) >= 4 and word not in FILLER} | numbers


def passages(record):
    fields = record["fields"]
    found = [(fields["source"][0], fields["source_line"], fields.get("source_line_end"))]
    if fields.get("second_source"):
        found.append(
            (fields["second_source"][0], fields["second_line"], fields.get("second_line_end"))
        )
    return found


def test_every_passage_a_record_cites_bears_it_out(fixtures_dir, documents):
    checked, unsupported = 0, []
    for record in fixture_records(fixtures_dir):
        if record["model"] in UNCITED_MODELS:
            continue
        fields = record["fields"]
        facts = " ".join(
            str(value)
            for name, value in fields.items()
            if name not in CITATION_FIELDS | NOT_FACTS | {"value"}
            and isinstance(value, str | int | float)
        )
        if fields.get("value") is not None:
            facts += " " + as_written(fields["value"], unit_of(record))
        for source, first, last in passages(record):
            lines = documents[source]
            assert 1 <= first <= (last or first) <= len(lines), f"{fields['slug']}: no such line"
            cited = " ".join(lines[first - 1 : last or first])
            if not stems(facts) & stems(cited):
                unsupported.append(f"{record['model']} {fields['slug']}: {source} line {first}")
            checked += 1
    assert not unsupported
    assert checked > 100


def test_a_source_read_as_a_web_page_is_cited_by_its_sections(fixtures_dir):
    by_section = {
        r["fields"]["slug"]
        for r in fixture_records(fixtures_dir)
        if r["model"] == "occupations.source" and r["fields"].get("cites_by_section")
    }
    assert by_section
    for record in fixture_records(fixtures_dir):
        fields = record["fields"]
        if record["model"] in UNCITED_MODELS:
            continue
        if fields["source"][0] in by_section:
            assert fields["source_section"], fields["slug"]
        if fields.get("second_source") and fields["second_source"][0] in by_section:
            assert fields["second_section"], fields["slug"]


GUIDE_FAQ_QUESTION_LINES = range(47, 58, 2)


def test_answers_from_the_guides_faq_cite_the_answer_not_the_question(fixtures_dir, documents):
    guide = documents["csr-guide-2020"]
    assert all(guide[n - 1].endswith("?") for n in GUIDE_FAQ_QUESTION_LINES)
    for record in fixture_records(fixtures_dir):
        if record["model"] == "occupations.faqentry":
            for source, first, _last in passages(record):
                if source == "csr-guide-2020":
                    assert first not in GUIDE_FAQ_QUESTION_LINES, record["fields"]["slug"]
