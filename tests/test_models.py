"""Invariants hold in the database and in clean(), with messages an editor can act on."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from occupations.content import content_models
from occupations.formatting import Period
from occupations.models import Duty, Figure, Occupation, Source
from occupations.pay import counterpart, table_rows

from .factories import (
    DutyFactory,
    FigureFactory,
    SectorFactory,
    SimilarOccupationFactory,
    SourceFactory,
)


def new_figure(occupation, **fields):
    """FigureFactory's figure, not saved: $15.00 an hour in 2024 unless `fields` say otherwise."""
    fields = {"measure": Figure.Measure.MEDIAN_HOURLY_WAGE, "value": Decimal("15.00"), **fields}
    return FigureFactory.build(occupation=occupation, **{"period_start_year": 2024, **fields})


BAD_FIGURES = {
    "zero wage": ({"value": Decimal("0")}, "value", "above zero"),
    "negative wage": ({"value": Decimal("-3.50")}, "value", "above zero"),
    "growth below -100": (
        {"measure": "employment_growth", "unit": "percent", "value": Decimal("-101")},
        "value",
        "between -100 and 1000",
    ),
    "growth above 1000": (
        {"measure": "employment_growth", "unit": "percent", "value": Decimal("1000.01")},
        "value",
        "between -100 and 1000",
    ),
    "period ends before it starts": (
        {"period_start_year": 2029, "period_end_year": 2019},
        "period_end_year",
        "end before it starts",
    ),
    "period with a last year only": (
        {"period_start_year": None, "period_end_year": 2024},
        "period_end_year",
        "both the first and the last year",
    ),
    "month on a multi-year period": (
        {"period_start_year": 2019, "period_end_year": 2029, "period_month": 5},
        "period_month",
        "one year",
    ),
}


@pytest.mark.parametrize("overrides", [case[0] for case in BAD_FIGURES.values()], ids=BAD_FIGURES)
def test_database_rejects_invalid_figure(occupation, overrides):
    figure = new_figure(occupation, **overrides)
    with pytest.raises(IntegrityError), transaction.atomic():
        figure.save()


@pytest.mark.parametrize(
    ("overrides", "field", "message"), list(BAD_FIGURES.values()), ids=list(BAD_FIGURES)
)
def test_clean_explains_invalid_figure(occupation, overrides, field, message):
    figure = new_figure(occupation, **overrides)
    with pytest.raises(ValidationError) as caught:
        figure.full_clean()
    assert field in caught.value.message_dict
    assert message in " ".join(caught.value.message_dict[field])


def test_clean_gives_every_broken_rule_its_own_message(occupation):
    # A wage with neither a value nor a comparison breaks two rules of the value field.
    figure = new_figure(occupation, value=None)
    with pytest.raises(ValidationError) as caught:
        figure.full_clean()
    assert caught.value.message_dict["value"] == [
        "A wage must be above zero.",
        "Give a value, or the source's comparison wording.",
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "message"), list(BAD_FIGURES.values()), ids=list(BAD_FIGURES)
)
def test_clean_says_each_broken_rule_once(occupation, overrides, field, message):
    # clean() puts a rule's message beside its field; full_clean()'s own check of the same
    # constraint, which would put it among the non-field errors, leaves that field out.
    figure = new_figure(occupation, **overrides)
    with pytest.raises(ValidationError) as caught:
        figure.full_clean()
    messages = [m for ms in caught.value.message_dict.values() for m in ms]
    assert len(messages) == len(set(messages)), caught.value.message_dict
    assert "__all__" not in caught.value.message_dict


def test_unit_follows_from_measure(occupation):
    # Editors no longer pick the unit: a wrong one is replaced on clean and on save.
    figure = new_figure(occupation, unit="percent")
    figure.full_clean()
    assert figure.unit == Figure.Unit.USD_PER_HOUR
    figure.measure = Figure.Measure.MEDIAN_ANNUAL_WAGE
    figure.value = Decimal("34710")
    figure.unit = "percent"
    figure.save()
    figure.refresh_from_db()
    assert figure.unit == Figure.Unit.USD_PER_YEAR


def test_database_rejects_a_unit_that_does_not_fit_the_measure(occupation):
    # Writes that skip save() cannot set a wrong unit either.
    figure = new_figure(occupation)
    figure.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.filter(pk=figure.pk).update(unit="percent")


def test_valid_figure_passes_clean_and_saves(occupation):
    figure = new_figure(occupation)
    figure.full_clean()
    figure.save()
    assert figure.period_label == "2024"


def test_growth_at_the_limits_is_accepted(occupation):
    for value in ("-100", "1000"):
        figure = new_figure(
            occupation,
            slug=f"g{value}",
            measure="employment_growth",
            unit="percent",
            value=Decimal(value),
        )
        figure.full_clean()
        figure.save()


def test_duplicate_slug_within_an_occupation_is_rejected(occupation):
    existing = DutyFactory(occupation=occupation)
    duplicate = Duty(
        occupation=occupation,
        slug=existing.slug,
        text="Another duty",
        source=occupation.source,
        source_line=1,
    )
    with pytest.raises(ValidationError, match="already exists"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_duplicate_occupation_slug_is_rejected(occupation):
    twin = Occupation(
        slug=occupation.slug,
        title="Twin",
        soc_code="99-9999",
        definition="x",
        source=occupation.source,
        source_line=1,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_soc_code_must_have_the_standard_form(occupation):
    occupation.soc_code = "434051"
    with pytest.raises(ValidationError, match="43-4051"):
        occupation.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        occupation.save()


def test_period_labels_follow_the_sources_style(occupation):
    assert (
        new_figure(
            occupation, period_month=5, period_start_year=2020, period_end_year=2020
        ).period_label
        == "May 2020"
    )
    assert (
        new_figure(occupation, period_start_year=2008, period_end_year=2008).period_label == "2008"
    )
    assert (
        new_figure(occupation, period_start_year=2019, period_end_year=2029).period_label
        == "2019–2029"
    )
    undated = new_figure(occupation, period_start_year=None, period_end_year=None)
    assert not undated.is_dated
    assert undated.period_label == "no period given"


def test_wage_equivalents_use_2080_hours_and_are_marked_derived(occupation):
    hourly = new_figure(occupation, value=Decimal("14.36"))
    # $29,868.80, rounded to the nearest $10 as BLS rounds its yearly wages.
    assert str(counterpart(hourly, [hourly])) == "$29,870 a year"
    # BLS's own: $20.59 an hour is $42,830 a year in the handbook, not $42,827.
    bls_hourly = new_figure(occupation, value=Decimal("20.59"))
    assert str(counterpart(bls_hourly, [bls_hourly])) == "$42,830 a year"
    assert counterpart(hourly, [hourly]).derived
    annual = new_figure(
        occupation, measure="median_annual_wage", unit="usd_year", value=Decimal("34710")
    )
    assert str(counterpart(annual, [annual])) == "$16.69 an hour"
    growth = new_figure(occupation, measure="employment_growth", unit="percent", value=Decimal("2"))
    assert counterpart(growth, [growth]) is None


@pytest.mark.parametrize(
    ("value", "comparison", "shown"),
    [
        ("2", "slower than the average", "2 percent, slower than the average"),
        # Wording that names what it is measured against is set off, not run on after a comma.
        ("-5", "all occupations: +3 percent", "−5 percent, a decline; all occupations: +3 percent"),
    ],
)
def test_a_value_reads_with_the_sources_comparison(occupation, value, comparison, shown):
    growth = new_figure(
        occupation, measure="employment_growth", unit="percent", value=Decimal(value)
    )
    growth.comparison = comparison
    assert growth.value_with_comparison == shown


def test_a_wage_the_source_states_in_both_units_is_never_derived(occupation):
    annual = new_figure(
        occupation, measure="median_annual_wage", unit="usd_year", value=Decimal("19990")
    )
    hourly = new_figure(occupation, value=Decimal("9.61"))
    stated = counterpart(annual, [annual, hourly])
    assert (str(stated), stated.derived, stated.figure) == ("$9.61 an hour", False, hourly)
    assert str(counterpart(hourly, [annual, hourly])) == "$19,990 a year"
    assert [row.derived for row in table_rows([annual, hourly], [annual, hourly])] == [None, None]


def test_no_precise_equivalent_of_an_undated_or_approximate_wage(occupation):
    around = new_figure(
        occupation,
        measure="median_annual_wage",
        unit="usd_year",
        value=Decimal("35000"),
        is_approximate=True,
        period_start_year=None,
        period_end_year=None,
    )
    assert counterpart(around, [around]) is None
    rounded = new_figure(occupation, value=Decimal("16.00"), is_approximate=True)
    assert counterpart(rounded, [rounded]) is None


def test_every_model_links_to_its_public_page(occupation):
    assert occupation.get_absolute_url() == f"/occupations/{occupation.slug}/"
    figure = new_figure(occupation, slug="median-hourly-wage-2008")
    figure.save()
    assert figure.get_absolute_url() == (
        f"/occupations/{occupation.slug}/#figure-median-hourly-wage-2008"
    )
    assert occupation.source.get_absolute_url().startswith("/about-the-data/#source-")


NOT_WEB_ADDRESSES = ["ftp://ftp.example.org/data.txt", "javascript:alert(1)", "file:///etc/passwd"]


@pytest.mark.parametrize("url", NOT_WEB_ADDRESSES)
def test_source_url_must_be_a_web_address_in_clean(db, url):
    source = SourceFactory()
    source.url = url
    with pytest.raises(ValidationError) as caught:
        source.full_clean()
    assert "http:// or https://" in " ".join(caught.value.message_dict["url"])


@pytest.mark.parametrize("url", NOT_WEB_ADDRESSES)
def test_database_rejects_a_source_url_that_is_not_a_web_address(db, url):
    # Whatever route writes it: a bulk update skips clean() entirely.
    source = SourceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.filter(pk=source.pk).update(url=url)


@pytest.mark.parametrize("url", ["", "http://example.org/", "https://www.bls.gov/cpi/"])
def test_source_url_may_be_empty_or_http_or_https(db, url):
    source = SourceFactory()
    source.url = url
    source.full_clean()
    source.save()


def editor_text_fields():
    """Every text field an editor types into: not a slug, and not a choice from a list."""
    return [
        field
        for model in content_models()
        for field in model._meta.get_fields()
        if isinstance(field, (models.CharField, models.TextField))
        and field.editable
        and not field.choices
        and not isinstance(field, models.SlugField)
    ]


def test_every_text_field_an_editor_fills_refuses_an_override():
    fields = editor_text_fields()
    assert len(fields) > 30
    messages = {}
    for field in fields:
        try:
            field.run_validators("Pilots\u202e")
            messages[str(field)] = None
        except ValidationError as error:
            messages[str(field)] = " ".join(error.messages)
    accepting = [name for name, message in messages.items() if message is None]
    assert not accepting, f"{accepting}: add validators=[visible_line] (or visible_paragraphs)"
    assert all("right-to-left override (U+202E)" in message for message in messages.values())


def test_full_clean_refuses_an_invisible_character_beside_its_field(occupation):
    duty = DutyFactory.build(occupation=occupation, source=occupation.source)
    duty.text = "Answer\u2066 calls"
    with pytest.raises(ValidationError) as caught:
        duty.full_clean()
    assert caught.value.message_dict["text"] == [
        "Remove the left-to-right isolate (U+2066) at character 7: it cannot be seen, but it "
        "changes how the text is shown, searched or copied."
    ]


def test_a_period_out_of_range_still_names_itself():
    """The admin's error page names the record it refuses; a month 13 once made it a 500."""
    assert Period(2020, 2020, 13).label == "13/2020"
    assert Period(99999, 99999, 5).label == "5/99999"
    assert Period(2020, 2020, 5).label == "May 2020"


@pytest.mark.parametrize(
    ("factory", "field", "value", "message"),
    [
        (SimilarOccupationFactory, "median_annual_wage", "21.50", "A yearly wage below $5,200"),
        (SimilarOccupationFactory, "median_annual_wage", "9999999", "above $2,080,000"),
        (SectorFactory, "median_hourly_wage", "1.44", "An hourly wage below $2.50"),
        (SectorFactory, "median_hourly_wage", "2285", "above $1,000"),
    ],
)
def test_a_similar_occupations_or_industrys_wage_keeps_the_figures_limits(
    occupation, factory, field, value, message
):
    """The profile prints these wages too: a slip in one would lead its list."""
    record = factory.build(occupation=occupation, **{field: Decimal(value)})
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert message in " ".join(refused.value.message_dict[field])
