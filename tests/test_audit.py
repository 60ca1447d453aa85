"""The profiles say what their passages say, no more strongly and no more weakly.

An audit of every record in fixtures/020 and fixtures/030 against the passage or passages
it cites (the helpers are tests/test_provenance.py's): a hedge in the passage stays in the
record, "require" is never softened, each fact is cited to the line that holds it, the FAQ
answers lead with the answer, and the prose keeps to short sentences.
"""

import json
import re
from decimal import Decimal

import pytest

from occupations import citations, quoting
from occupations.models import Figure

from . import test_provenance as provenance
from .test_provenance import NOT_FACTS, passage_text, passages, stems

documents = provenance.documents  # the same fixture: each source's lines, by the source's slug

PROFILE_FIXTURES = (
    "020_customer_service_representatives.json",
    "030_waiters_and_waitresses.json",
    "040_quick_facts.json",
)
# Records that are names or numbers: their wording is the source's, checked elsewhere.
NAMES_AND_NUMBERS = {
    "occupations.jobtitle",
    "occupations.sector",
    "occupations.similaroccupation",
    "occupations.figure",
}
PROSE_FIELDS = {"definition", "summary", "text", "description", "answer", "body", "resolution"}

# A hedge in the passage: the record must keep one (any of RECORD_HEDGES).
# "May" before a year is the month.
PASSAGE_HEDGES = re.compile(
    r"\b(usually|sometimes|typically|generally|may(?! \d{4})|often|some|most|many)\b",
    re.IGNORECASE,
)
RECORD_HEDGES = re.compile(
    r"\b(usual|usually|sometimes|typical|typically|generally|may(?! \d{4})|might|often|some|most|"
    r"many|can|could|probably|common)\b",
    re.IGNORECASE,
)
LABEL_WORDS = 4  # a work setting's detail this short is a label, not a claim
MATCHING_WORDS = 2  # content words a sentence shares with a clause to be matched with it
REQUIRE = re.compile(r"\brequir(e|es|ed|ing)\b", re.IGNORECASE)
SOFTER_THAN_REQUIRE = re.compile(
    r"\b(asks? for|look(s|ing)? for|calls? for|favou?rs?)\b", re.IGNORECASE
)
PREFER = re.compile(r"\bprefer", re.IGNORECASE)


def profile_records(fixtures_dir):
    """The profile's fixture records, with each text that quotes a figure by name as readers
    see it: the figure's value written in (occupations/quoting.py)."""
    records = [
        r for name in PROFILE_FIXTURES for r in json.loads((fixtures_dir / name).read_text())
    ]
    figures = {
        (r["fields"]["slug"], *r["fields"]["occupation"]): figure_of(r)
        for r in records
        if r["model"] == "occupations.figure"
    }
    for record in records:
        fields = record["fields"]
        linked = [figures[tuple(key)] for key in fields.get("figures", [])]
        for name in ("answer", "body", "resolution"):
            if name in fields:
                fields[name] = quoting.render(fields[name], linked)
    return records


def figure_of(record):
    """An unsaved Figure with a fixture record's value and period, to write itself."""
    fields = record["fields"]
    figure = Figure(
        slug=fields["slug"],
        measure=fields["measure"],
        value=None if fields.get("value") is None else Decimal(fields["value"]),
        is_approximate=fields.get("is_approximate", False),
        comparison=fields.get("comparison", ""),
        period_start_year=fields.get("period_start_year"),
        period_end_year=fields.get("period_end_year"),
        period_month=fields.get("period_month"),
    )
    figure.set_unit()
    return figure


def label(record):
    return f"{record['model']} {record['fields']['slug']}"


def record_words(record):
    """What the record says in its own words (not its citation, slug, kind or order)."""
    fields = record["fields"]
    return " ".join(
        value
        for name, value in fields.items()
        if isinstance(value, str) and name not in set(citations.FIELDS) | NOT_FACTS
    )


def prose(record):
    return {
        name: value
        for name, value in record["fields"].items()
        if name in PROSE_FIELDS and isinstance(value, str) and value
    }


def by_slug(fixtures_dir, model, slug, occupation="customer-service-representatives"):
    (record,) = [
        r
        for r in profile_records(fixtures_dir)
        if r["model"] == f"occupations.{model}"
        and r["fields"]["slug"] == slug
        and occupation
        in json.dumps([r["fields"].get(key) for key in ("occupation", "work_setting")])
    ]
    return record


def clauses(text):
    """A passage cut where its sentences and its semicolon-separated items end."""
    return [c for c in re.split(r"(?<!U\.S\.)(?<=[.;!?])\s+", text) if c]


def one_passage(documents, source, first, last):
    lines = documents[source][first - 1 : last or first]
    return " ".join(" ".join(lines).split())


def sentences_of(record, settings):
    """The record's own sentences, each with the words its hedge may stand in. A channel or a
    tool of a few words ("Headsets") is a label shown under its work setting, whose
    description carries the hedge; a schedule, a longer detail and every other record carry
    their own."""
    fields = record["fields"]
    extra = ""
    if (
        record["model"] == "occupations.worksettingdetail"
        and fields["kind"] != "schedule"
        and len(fields["text"].split()) <= LABEL_WORDS
    ):
        extra = settings[tuple(fields["work_setting"])]
    for text in prose(record).values():
        for sentence in clauses(text):
            yield sentence, f"{sentence} {extra}"


def test_a_hedge_in_the_passage_stays_in_the_record(fixtures_dir, documents):
    """ "Employers at call centers usually keep statistics": the site says "usually" too.
    Each sentence of a record is matched with the clause of its passages that shares the most
    content words with it; if that clause hedges, so must the sentence."""
    records = list(profile_records(fixtures_dir))
    settings = {
        (r["fields"]["slug"], r["fields"]["occupation"][0]): r["fields"]["description"]
        for r in records
        if r["model"] == "occupations.worksetting"
    }
    checked, dropped = 0, []
    for record in records:
        if record["model"] in NAMES_AND_NUMBERS:
            continue
        cited = [
            c for passage in passages(record) for c in clauses(one_passage(documents, *passage))
        ]
        for sentence, hedge_room in sentences_of(record, settings):
            mine = stems(sentence)
            scored = [(len(mine & stems(clause)), clause) for clause in cited]
            best = max(score for score, _ in scored)
            if best < MATCHING_WORDS:
                continue
            for score, clause in scored:
                if score == best and PASSAGE_HEDGES.search(clause):
                    checked += 1
                    if not RECORD_HEDGES.search(hedge_room):
                        dropped.append(f"{label(record)}: {sentence!r} | {clause!r}")
    assert not dropped, "\n".join(dropped)
    assert checked > 30


@pytest.mark.parametrize(
    ("model", "slug", "hedge"),
    [
        ("worksettingdetail", "call-statistics", "usually"),
        ("worksetting", "call-center", "usually keep"),
        ("duty", "route-calls", "sometimes"),
        ("faqentry", "are-calls-monitored", "usually keep"),
        ("worksettingdetail", "weekends-holidays", "may"),
        ("advancementpath", "supervisor-or-manager", "may"),
        ("educationitem", "new-hire-program", "typically"),
        ("tip", "listen-actively", "can"),
        ("profilenote", "feedback-to-other-departments", "often"),
    ],
)
def test_the_hedges_found_missing_are_back(fixtures_dir, model, slug, hedge):
    assert hedge in record_words(by_slug(fixtures_dir, model, slug)).lower()


def test_require_is_never_softened(fixtures_dir, documents):
    """Where the passage says "require", no record says "ask for", "look for" or "favour", and
    says "prefer" only where the passage does too."""
    checked, softened = 0, []
    for record in profile_records(fixtures_dir):
        text = passage_text(documents, record)
        if record["model"] in NAMES_AND_NUMBERS or not REQUIRE.search(text):
            continue
        checked += 1
        words = record_words(record)
        if SOFTER_THAN_REQUIRE.search(words) or (PREFER.search(words) and not PREFER.search(text)):
            softened.append(label(record))
    assert not softened
    assert checked > 10


@pytest.mark.parametrize(
    ("model", "slug"),
    [
        ("educationitem", "degree-for-some-posts"),
        ("faqentry", "education-and-training"),
        ("faqentry", "do-i-need-a-degree"),
        ("worksettingdetail", "evenings-weekends-holidays"),
        ("faqentry", "skills-needed"),
    ],
)
def test_what_the_passage_requires_the_record_requires(fixtures_dir, documents, model, slug):
    record = by_slug(fixtures_dir, model, slug)
    assert REQUIRE.search(passage_text(documents, record))
    assert re.search(r"\b(requir\w*|need)\b", record_words(record), re.IGNORECASE)


def test_schooling_is_filed_under_the_kind_its_passage_states(fixtures_dir, documents):
    """A degree some positions require is not "Preferred by some employers"."""
    items = [r for r in profile_records(fixtures_dir) if r["model"] == "occupations.educationitem"]
    for record in items:
        kind, text = record["fields"]["kind"], passage_text(documents, record)
        if kind == "preferred":
            assert PREFER.search(text), label(record)
        if kind == "required_by_some":
            assert REQUIRE.search(text), label(record)
            assert re.search(r"\bsome\b", text, re.IGNORECASE), label(record)
    degree = by_slug(fixtures_dir, "educationitem", "degree-for-some-posts")
    assert degree["fields"]["kind"] == "required_by_some"


@pytest.mark.parametrize(
    ("model", "slug", "fact"),
    [
        # "Busy hours bring pressure to serve quickly" stands two lines below the setting.
        ("worksetting", "restaurants-bars-hotels", "under pressure to serve quickly"),
        # "Most learn on the job" is in How to Become One, not the quick facts' training line.
        ("educationitem", "short-term-training", "most learn on the job"),
    ],
)
def test_the_waiters_records_cite_the_lines_that_hold_their_facts(
    fixtures_dir, documents, model, slug, fact
):
    record = by_slug(fixtures_dir, model, slug, occupation="waiters-and-waitresses")
    assert fact in passage_text(documents, record).lower()
    for source, *_ in passages(record):
        assert source == "bls-ooh-waiters-2016"


@pytest.mark.parametrize(
    ("slug", "facts"),
    [
        # The quick facts give the typical education; the 2016 entry's How to Become One
        # said "not required", which the site gives as that entry's, in the past.
        (
            "no-formal-credential",
            ("no formal educational credential", "no formal education is required"),
        ),
        # A quick fact in both entries, under Summary in each (not How to Become One).
        ("no-experience", ("work experience in a related occupation: none",)),
    ],
)
def test_a_waiters_fact_in_both_entries_cites_the_newest_first(
    fixtures_dir, documents, slug, facts
):
    record = by_slug(fixtures_dir, "educationitem", slug, occupation="waiters-and-waitresses")
    text = passage_text(documents, record).lower()
    for fact in facts:
        assert fact in text
    assert [source for source, *_ in passages(record)] == [
        "bls-ooh-waiters-2025",
        "bls-ooh-waiters-2016",
    ]


def test_every_waiters_record_from_the_2016_entry_cites_a_section(fixtures_dir):
    for record in profile_records(fixtures_dir):
        fields = record["fields"]
        if fields.get("second_source") == ["bls-ooh-waiters-2016"]:
            assert fields["second_section"], label(record)


def test_the_duties_note_points_to_the_guides_faq_list(fixtures_dir, documents):
    """The guide's FAQ lists typical duties at its line 50: no note may say none exists."""
    assert documents["csr-guide-2020"][49].startswith("Typical job duties")
    note = by_slug(fixtures_dir, "datanote", "undated-lists")
    assert "line 50" in note["fields"]["body"]
    assert ("csr-guide-2020", 50, None) in passages(note)


def test_the_wage_arithmetic_runs_the_right_way_round(fixtures_dir, documents):
    """$34,710 ÷ 2,080 = $16.6875, shown as $16.69; never $16.69 × 2,080 = $34,715."""
    note = by_slug(fixtures_dir, "datanote", "bls-wage-date")
    body = note["fields"]["body"]
    assert re.search(r"\$34,710 (divided by|÷) 2,080 hours? (is|gives|=) \$16\.6875", body)
    assert "$16.69" in body[body.index("$16.6875") :]
    assert "34,715" not in json.dumps([record_words(r) for r in profile_records(fixtures_dir)])
    assert "$16.6875" in passage_text(documents, note)


DESCRIBES_THE_DATA = re.compile(
    r"\b(below|listed|shown|comes? first|follows?|figures)\b", re.IGNORECASE
)


def test_every_faq_answer_starts_with_the_answer(fixtures_dir):
    answers = [r for r in profile_records(fixtures_dir) if r["model"] == "occupations.faqentry"]
    assert answers
    for record in answers:
        (first, *_rest) = clauses(record["fields"]["answer"])
        assert not DESCRIBES_THE_DATA.search(first), label(record)


def test_the_outlook_answer_gives_the_handbooks_projection_first(fixtures_dir, documents):
    record = by_slug(fixtures_dir, "faqentry", "job-outlook")
    answer = record["fields"]["answer"]
    assert answer.startswith("Probably fewer:")
    lead = clauses(answer)[0]
    assert "5 percent" in lead
    assert "2024–2034" in lead
    assert "341,700" in answer
    cited = passage_text(documents, record)
    for figure in ("decline 5 percent", "2024 to 2034", "341,700"):
        assert figure in cited


FIGURE = re.compile(r"\$\d[\d,.]*\d|\d[\d,]*\d(?= percent)|\d{1,3}(?:,\d{3})+")


def test_every_figure_in_an_answer_stands_in_its_passages(fixtures_dir, documents):
    answers = [r for r in profile_records(fixtures_dir) if r["model"] == "occupations.faqentry"]
    for record in answers:
        cited = passage_text(documents, record)
        for figure in FIGURE.findall(record["fields"]["answer"]):
            assert figure in cited, f"{label(record)}: {figure}"


def test_the_pay_answer_keeps_hourly_and_yearly_pay_apart(fixtures_dir):
    """No hourly figure of one period is set beside a yearly one of another as if comparable."""
    answer = by_slug(fixtures_dir, "faqentry", "median-pay")["fields"]["answer"]
    assert not DESCRIBES_THE_DATA.search(clauses(answer)[0])
    for clause in clauses(answer):
        amounts = re.findall(r"\$[\d,.]+ (an hour|a year)", clause)
        assert len(set(amounts)) <= 1, clause
        if amounts:
            assert re.search(r"\b(May )?\d{4}\b", clause), clause


LONGEST_SENTENCE = 24  # words; the aim is under about 20


def test_profile_prose_keeps_to_short_sentences(fixtures_dir):
    too_long = []
    for record in profile_records(fixtures_dir):
        for name, value in prose(record).items():
            for sentence in re.split(r"(?<=[.!?])\s+", value):
                if len(sentence.split()) > LONGEST_SENTENCE:
                    too_long.append(f"{label(record)}.{name}: {sentence}")
    assert not too_long


def test_no_source_description_softens_require(fixtures_dir):
    """What a source is said to contain keeps its strength too: the 2008 profile says most
    employers "require" a diploma, so it lists the education employers require."""
    for source in json.loads((fixtures_dir / "010_sources.json").read_text()):
        for name in ("description", "used_for", "notes"):
            text = source["fields"].get(name, "")
            assert not SOFTER_THAN_REQUIRE.search(text), (source["fields"]["slug"], name, text)


def test_a_2016_quick_fact_on_the_way_in_is_cited_to_the_summary(fixtures_dir):
    """Lines 18 to 20 of the 2016 entry's facts (typical education, work experience, training
    on the job) are its Summary's quick facts; How to Become One is line 28."""
    cited = []
    for record in profile_records(fixtures_dir):
        fields = record["fields"]
        for prefix in ("source", "second"):
            source = fields.get("source" if prefix == "source" else "second_source")
            line = fields.get(f"{prefix}_line")
            if source == ["bls-ooh-waiters-2016"] and line in (18, 19, 20):
                cited.append((fields["slug"], line, fields[f"{prefix}_section"]))
    assert cited
    assert {section for _, _, section in cited} == {"Summary"}, cited
