"""The API's documentation as a reader meets it: a way back to the site, a public page
instead of "see the README", and types printed plainly (“integer | null”, not
“integer | (integer | null)”). Swagger UI, on django-ninja's page, shows the description
of the OpenAPI document at the top; so these read the document.

The types are checked on the OpenAPI description with swagger_type() below, which prints a
schema as Swagger UI 5's JSON Schema 2020-12 viewer does (its getType); tests/
test_api_docs_page.py looks at the page itself in Chromium.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from careers.api.endpoints import api
from careers.api.schemas import readable_types

from .pages import get_html

pytestmark = pytest.mark.django_db

DOCS_URL = "/api/v1/docs/"


def description():
    return api.get_openapi_schema()


def swagger_type(schema, components):
    """The type Swagger UI prints for a schema: its `type` (joined by " | "), or what its
    keywords imply, then each anyOf / oneOf in brackets, all joined by " | "."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    kind = schema.get("type")
    parts = []
    if isinstance(kind, list):
        parts.append(" | ".join(kind))
    elif kind == "array":
        parts.append(f"array<{swagger_type(schema.get('items', {}), components)}>")
    elif kind:
        parts.append(kind)
    elif "properties" in schema:
        parts.append("object")
    elif {"minimum", "maximum"} & set(schema):
        parts.append("number | integer")
    elif {"pattern", "format", "minLength", "maxLength"} & set(schema):
        parts.append("string")
    for keyword in ("oneOf", "anyOf"):
        if keyword in schema:
            inner = " | ".join(swagger_type(option, components) for option in schema[keyword])
            parts.append(f"({inner})")
    return " | ".join(parts) or "any"


def printed_types(schema):
    """{where: the type printed} for every parameter and every property of every schema."""
    components = schema["components"]["schemas"]
    printed = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                where = f"{method.upper()} {path} ?{parameter['name']}"
                printed[where] = swagger_type(parameter["schema"], components)
    for name, component in components.items():
        for field, value in component.get("properties", {}).items():
            printed[f"{name}.{field}"] = swagger_type(value, components)
    return printed


def test_the_description_links_back_to_the_site_and_to_about_the_data():
    """Swagger UI shows the description, links included, at the top of the docs page."""
    text = description()["info"]["description"]
    home = f"{settings.SITE_URL}{reverse('careers:home')}"
    assert f"[{settings.SITE_NAME}]({home})" in text
    assert f"[About the data]({settings.SITE_URL}{reverse('careers:about-data')})" in text


def test_the_description_says_what_stays_stable_instead_of_sending_readers_to_the_readme(
    client,
):
    text = description()["info"]["description"]
    assert "README" not in text
    assert "**Stability.**" in text
    assert "nothing is removed or renamed" in text
    assert "README" not in get_html(client, DOCS_URL)


def test_the_served_description_is_the_same(client):
    served = client.get("/api/v1/openapi.json").json()
    assert served["info"]["description"] == description()["info"]["description"]
    assert printed_types(served) == printed_types(description())


def test_no_type_is_printed_with_a_bracketed_alternative():
    printed = printed_types(description())
    assert printed
    bracketed = {where: text for where, text in printed.items() if "(" in text}
    assert not bracketed, bracketed


def test_optional_values_read_plainly():
    printed = printed_types(description())
    assert printed["FigureOut.value"] == "number | null"
    assert printed["PeriodOut.start"] == "integer | null"
    assert printed["OccupationOut.last_reviewed"] == "string | null"
    assert printed["CitationOut.source"] == "string"
    # Query parameters are left out, never null: just their type.
    figures = "GET /api/v1/occupations/{slug}/figures/"
    assert printed[f"{figures} ?period"] == "string"
    assert printed[f"{figures} ?measure"] == "string"  # the Measure enum
    assert printed[f"{figures} ?page_size"] == "integer"


def test_the_plain_types_say_what_the_old_ones_said():
    """The same JSON Schema: a null is still allowed where it was, with the same bounds."""
    schema = description()
    components = schema["components"]["schemas"]
    assert components["FigureOut"]["properties"]["value"]["type"] == ["number", "null"]
    assert components["OccupationOut"]["properties"]["last_reviewed"]["format"] == "date"
    (figures,) = schema["paths"]["/api/v1/occupations/{slug}/figures/"].values()
    parameters = {parameter["name"]: parameter for parameter in figures["parameters"]}
    assert parameters["period"]["schema"]["pattern"].startswith("^(")
    assert parameters["measure"]["schema"]["$ref"] == "#/components/schemas/Measure"
    assert parameters["page_size"]["schema"]["maximum"] == 100
    assert not parameters["period"]["required"]


def test_readable_types_on_pydantics_own_shapes():
    nullable = {"anyOf": [{"type": "integer"}, {"type": "null"}], "title": "Start"}
    query = {
        "anyOf": [{"type": "string", "pattern": "^x$"}, {"type": "null"}],
        "description": "A filter.",
    }
    schema = {
        "paths": {
            "/things/": {
                "get": {
                    "parameters": [{"name": "q", "in": "query", "schema": query}],
                    "responses": {"200": {"$ref": "#/components/schemas/Thing"}},
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {"properties": {"start": nullable}, "type": "object"},
                "Unused": {"properties": {"start": nullable}, "type": "object"},
            }
        },
    }
    readable = readable_types(schema)
    assert readable["components"]["schemas"] == {
        "Thing": {
            "properties": {"start": {"type": ["integer", "null"], "title": "Start"}},
            "type": "object",
        }
    }
    [parameter] = readable["paths"]["/things/"]["get"]["parameters"]
    assert parameter["schema"] == {"type": "string", "pattern": "^x$", "description": "A filter."}
    assert "anyOf" in schema["components"]["schemas"]["Thing"]["properties"]["start"]  # a copy


def test_operation_ids_stay_as_published():
    """Clients generated from the description name their methods after these."""
    ids = {
        operation["operationId"]
        for path in api.get_openapi_schema()["paths"].values()
        for operation in path.values()
    }
    assert ids == {
        "careers_api_occupations",
        "careers_api_occupation",
        "careers_api_figures",
        "careers_api_sources",
        "careers_api_source",
        "careers_api_areas",
        "careers_api_wages",
    }
