"""What a profile page reads (selectors.with_profile and with_parts): every part's rows, in
its model's Meta.ordering, each knowing its occupation and its sources, in a fixed number
of queries however many rows and occupations there are."""

from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from occupations import selectors
from occupations.content import profile_parts
from occupations.models import Occupation, WorkSetting, WorkSettingDetail

from .factories import (
    DutyFactory,
    OccupationFactory,
    SourceFactory,
    WorkSettingDetailFactory,
    full_profile,
)


def as_rows(records):
    return [(type(record), record.pk, model_to_dict(record)) for record in records]


def read(occupations):
    return list(selectors.with_parts(selectors.with_profile(occupations)))


def test_each_part_matches_its_own_query_in_rows_order_and_values(csr):
    other = full_profile(OccupationFactory())
    # The page follows Meta.ordering (order, then slug), not the order of writing.
    DutyFactory(occupation=other, order=2, slug="a-later")
    DutyFactory(occupation=other, order=1, slug="z-sooner")
    fetched = read(Occupation.objects.filter(pk__in=[csr.pk, other.pk]))
    for occupation in fetched:
        for model in profile_parts():
            accessor = f"{model._meta.model_name}_set"
            expected = model.objects.filter(occupation=occupation)
            assert as_rows(getattr(occupation, accessor).all()) == as_rows(expected), accessor
        for setting in occupation.worksetting_set.all():
            expected = WorkSettingDetail.objects.filter(work_setting=setting)
            assert as_rows(setting.details.all()) == as_rows(expected)
    [fetched_other] = [occupation for occupation in fetched if occupation.pk == other.pk]
    assert [duty.slug for duty in fetched_other.duty_set.all()][-2:] == ["z-sooner", "a-later"]


def test_parts_know_their_occupation_and_sources_without_more_queries(
    csr, django_assert_num_queries
):
    setting = csr.worksetting_set.first()
    WorkSettingDetailFactory(work_setting=setting, second_source=SourceFactory(), second_line=2)
    [occupation] = read(Occupation.objects.filter(pk=csr.pk))
    with django_assert_num_queries(0):
        assert [c.source.short_title for c in occupation.citations()]
        for model in profile_parts():
            for part in getattr(occupation, f"{model._meta.model_name}_set").all():
                assert part.get_absolute_url().startswith(csr.get_absolute_url())
                assert all(c.source.short_title for c in part.citations())
                if isinstance(part, WorkSetting):
                    for detail in part.details.all():
                        assert str(detail).startswith(part.name)
                        assert all(c.source.short_title for c in detail.citations())
        assert selectors.profile_sources(occupation)


def test_the_count_of_queries_does_not_grow_with_rows_or_occupations(db):
    def count(occupations):
        with CaptureQueriesContext(connection) as queries:
            read(occupations)
        return len(queries)

    first = full_profile(OccupationFactory())
    one = count(Occupation.objects.filter(pk=first.pk))
    for _ in range(5):
        full_profile(first)
    others = [full_profile(OccupationFactory()) for _ in range(3)]
    assert count(Occupation.objects.filter(pk=first.pk)) == one
    assert count(Occupation.objects.filter(pk__in=[first.pk, *(o.pk for o in others)])) == one
