"""A record cites one or two passages, each a line or a run of lines, or a section."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from occupations.models import Duty
from tests.content import WAITERS_SLUG
from tests.factories import DutyFactory, OccupationFactory, SourceFactory
from tests.pages import cite_labels, folded, get_html, references, soup


def test_a_record_shows_each_of_its_passages(client, db):
    occupation = OccupationFactory()
    other = SourceFactory(short_title="Other document")
    DutyFactory(
        occupation=occupation,
        text="Answer the phone",
        source_line=4,
        source_line_end=5,
        second_source=other,
        second_line=19,
    )
    html = client.get(occupation.get_absolute_url()).content.decode()
    duty = next(li for li in soup(html).select("li") if "Answer the phone" in li.get_text())
    listed = references(html)
    cited = [listed[a["href"].removeprefix("#")] for a in duty.select("sup.fn a")]
    assert cited == [
        (f"source-{occupation.source.slug}", f"{occupation.source.short_title}, lines 4–5"),
        (f"source-{other.slug}", "Other document, line 19"),
    ]


def test_a_web_source_is_cited_by_section_not_by_line(client, db):
    handbook = SourceFactory(short_title="Handbook entry", cites_by_section=True)
    occupation = OccupationFactory(source=handbook, source_section="Summary")
    DutyFactory(
        occupation=occupation, text="Take orders", source_line=24, source_section="What They Do"
    )
    labels = cite_labels(client.get(occupation.get_absolute_url()).content.decode())
    assert "Handbook entry, section “What They Do”" in labels
    assert not any("line" in label for label in labels)


def test_a_web_source_needs_a_section(db):
    handbook = SourceFactory(cites_by_section=True)
    duty = DutyFactory.build(occupation=OccupationFactory(), source=handbook, source_line=3)
    with pytest.raises(ValidationError) as raised:
        duty.full_clean()
    assert "source_section" in raised.value.message_dict


def test_broken_citation_rules_each_say_so_next_to_their_field(db):
    duty = DutyFactory.build(
        occupation=OccupationFactory(),
        source_line=9,
        source_line_end=3,
        second_line=4,
        second_line_end=2,
    )
    with pytest.raises(ValidationError) as raised:
        duty.full_clean()
    errors = raised.value.message_dict
    assert errors["source_line_end"] == ["The last line cannot come before the first."]
    assert errors["second_line"] == ["A second passage needs both its source and its first line."]
    assert errors["second_line_end"] == ["The last line cannot come before the first."]


@pytest.mark.parametrize(
    "fields",
    [
        {"source_line": 9, "source_line_end": 3},
        {"second_line": 4},
    ],
)
def test_the_database_refuses_a_broken_citation(db, fields):
    duty = DutyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Duty.objects.filter(pk=duty.pk).update(**fields)


def test_a_reference_to_a_web_page_says_its_link_opens_todays_version(client, db):
    """BLS rewrites its pages: the 2016 waiters' entry links to a page that now shows newer
    figures, so the link says it opens the page as it is today, not the passage cited."""
    html = get_html(client, reverse("careers:occupation", args=[WAITERS_SLUG]))
    links = [
        a
        for item in soup(html).select("ol.references > li")
        for a in item.select("a[href^='https://']")
    ]
    assert links
    assert {folded(a) for a in links} == {"Open today's version at bls.gov"}
    older = [a for a in links if "waiters (2016 figures)" in folded(a.find_parent("li"))]
    assert older
