"""/api/v1/areas/ and /api/v1/occupations/<slug>/wages/: BLS's estimates by place and industry,
checked against BLS's own data file."""

import pytest
from django.urls import reverse

from occupations.bls.models import Area, WageEstimate

from .content import CSR_SLUG
from .test_pay_pages import CSR, extract, series  # noqa: F401  (extract is a fixture)

WAGES = reverse("api:wages", args=[CSR_SLUG])
AREAS = reverse("api:areas")


def items(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_areas_lists_the_nation_states_and_areas_with_codes_and_slugs(client, db):
    everything = items(client, AREAS, page_size=100)
    assert everything["count"] == Area.objects.count() == 1 + 54 + 528
    assert everything["items"][0] == {
        "code": "0000000",
        "slug": "national",
        "name": "National",
        "area_type": "nation",
        "state_code": "00",
    }
    states = items(client, AREAS, area_type="state", page_size=100)
    assert states["count"] == 54
    assert {"code": "4800000", "slug": "texas", "name": "Texas", "area_type": "state",
            "state_code": "48"} in states["items"]  # fmt: skip
    assert items(client, AREAS, area_type="area", page=6, page_size=100)["count"] == 528


def test_wages_for_a_state_match_the_extract(client, db, extract):  # noqa: F811
    values, areas = extract
    (row,) = items(client, WAGES, area="texas")["items"]
    assert (row["release"], row["release_code"], row["soc_code"]) == (
        "May 2025",
        "2025A01",
        "43-4051",
    )
    assert row["area"]["code"] == "4800000"
    assert row["employment"] == float(values[series(areas, "Texas", CSR, "01")])
    assert row["median"]["annual"] == float(values[series(areas, "Texas", CSR, "13")])
    assert row["median"]["hourly"] == float(values[series(areas, "Texas", CSR, "08")])
    assert row["p90"]["annual"] == float(values[series(areas, "Texas", CSR, "15")])
    assert row["series"] == series(areas, "Texas", CSR, "13")
    assert row["less_precise"] is False
    # The same area by its code.
    assert items(client, WAGES, area="4800000")["items"] == [row]


def test_a_value_bls_held_back_is_null_with_its_marker(client, db):
    estimate = WageEstimate.objects.filter(
        soc_code="43-4051", area__area_type="M", markers__has_key="annual_median"
    ).first()
    (row,) = items(client, WAGES, area=estimate.area.code)["items"]
    assert row["median"] == {"annual": None, "hourly": None, "text": "not released by BLS"}
    assert row["markers"]["annual_median"] == "not_released"


def test_wages_by_industry_and_by_type(client, db):
    (telecoms,) = items(client, WAGES, area_type="nation", industry="517000")["items"]
    assert telecoms["industry"] == {"code": "517000", "name": "Telecommunications"}
    states = items(client, WAGES, area_type="state", page_size=100)
    assert states["count"] == 54
    assert {row["area"]["area_type"] for row in states["items"]} == {"state"}


@pytest.mark.parametrize(
    "params",
    [{"area_type": "county"}, {"industry": "retail"}, {"area": "Texas!"}, {"page_size": "1000"}],
)
def test_parameters_outside_their_bounds_get_a_422(client, db, params):
    assert client.get(WAGES, params).status_code == 422


def test_an_unknown_area_is_an_empty_page_that_is_not_kept(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get(WAGES, {"area": "atlantis"})
    assert first.json() == {"items": [], "count": 0}
    assert not first.has_header("X-Page-Cache")  # answered, and not kept
    assert not client.get(WAGES, {"area": "atlantis"}).has_header("X-Page-Cache")
    client.get(WAGES, {"area": "texas"})
    assert client.get(WAGES, {"area": "texas"})["X-Page-Cache"] == "hit"


def test_wages_of_an_unknown_occupation_are_a_404(client, db):
    assert client.get(reverse("api:wages", args=["astronaut"])).status_code == 404
