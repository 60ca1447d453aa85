"""occupations/parts.py reads every profile part in one query: the rows must be the ones,
in the order and with the values, that a query of each model would give."""

from django.db import connection
from django.forms.models import model_to_dict

from occupations.content import profile_parts
from occupations.models import Figure, Occupation, WorkSettingDetail
from occupations.parts import fetch_parts

from .factories import OccupationFactory, WorkSettingDetailFactory, full_profile


def as_rows(records):
    return [(type(record), record.pk, model_to_dict(record)) for record in records]


def test_each_part_matches_its_own_query_in_rows_order_and_values(
    csr, django_assert_max_num_queries
):
    other = full_profile(OccupationFactory())
    occupations = list(Occupation.objects.filter(pk__in=[csr.pk, other.pk]))
    assert connection.features.supports_json_field  # asked once per connection, not here
    with django_assert_max_num_queries(2):
        fetched = fetch_parts(occupations)
    for occupation in fetched:
        for model in profile_parts():
            if model is Figure:
                continue
            accessor = f"{model._meta.model_name}_set"
            expected = model.objects.filter(occupation=occupation)
            assert as_rows(getattr(occupation, accessor).all()) == as_rows(expected), accessor
        for setting in occupation.worksetting_set.all():
            expected = WorkSettingDetail.objects.filter(work_setting=setting)
            assert as_rows(setting.details.all()) == as_rows(expected)


def test_fetched_parts_know_their_occupation_and_sources_without_more_queries(
    csr, django_assert_num_queries
):
    WorkSettingDetailFactory(work_setting=csr.worksetting_set.first())
    [occupation] = fetch_parts([Occupation.objects.get(pk=csr.pk)])
    with django_assert_num_queries(0):
        for duty in occupation.duty_set.all():
            assert duty.get_absolute_url().startswith(csr.get_absolute_url())
            assert duty.source.short_title
        for setting in occupation.worksetting_set.all():
            for detail in setting.details.all():
                assert str(detail).startswith(setting.name)
                assert [c.source for c in detail.citations()]
