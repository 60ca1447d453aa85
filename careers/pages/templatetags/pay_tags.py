"""The pay pages' repeated pieces, each owning its markup: the tile map of the states, the
"Pay in your state" form, a table's sort links, and the link other pages give to the pay page's
newest figures."""

from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.translation import gettext

from occupations import area_pay
from occupations.search import fold

from ..sections import HEADINGS
from ..tilemap import COLUMNS, GAP, ROWS, TILE, tiles

register = template.Library()


@register.inclusion_tag("careers/includes/state_map.html")
def state_map(occupation, rows, release):
    placed, steps = tiles(rows)
    return {
        "occupation": occupation,
        "release": release,
        "tiles": placed,
        "steps": steps,
        "width": COLUMNS * (TILE + GAP) - GAP,
        "height": ROWS * (TILE + GAP) - GAP,
        "tile_size": TILE,
        "has_missing": any(tile.step == 0 for tile in placed),
    }


@register.inclusion_tag("careers/includes/newest_pay_link.html")
def newest_pay_link(occupation, section_id, release):
    """Beside older pay figures (the handbook's industries, an FAQ answer): a link to the part
    of the pay page that shows BLS's newest wage survey, dated with it. Nothing before any
    release is imported."""
    heading = HEADINGS.get(section_id)
    if heading is None:  # a value the field's choices no longer hold: no link, not a 500
        return {"release": None}
    return {
        "release": release,
        "url": f"{reverse('careers:pay', args=[occupation.slug])}#{section_id}",
        "heading": heading,
    }


@register.inclusion_tag("careers/includes/state_picker.html")
def state_picker(action, states, chosen=None, field_id="state-picker", label=None):
    """A GET form that needs no script: `action` (a view that takes ?state=) sends the choice
    on to the state's page."""
    return {
        "action": action,
        # In the order of the names as the page writes them ("Carolina del Norte" under C).
        "states": sorted(states, key=lambda state: fold(state.shown_name)),
        "chosen": chosen,
        "field_id": field_id,
        "label": label or gettext("Show pay"),
    }


@register.inclusion_tag("careers/includes/place_statistics.html", takes_context=True)
def place_statistics(context, caption, *places, columns=None):
    """Places side by side: pass heading, Estimates (or None), heading, Estimates, ...; or
    columns=, a list of (heading, Estimates or None) pairs."""
    pairs = columns if columns is not None else list(zip(places[::2], places[1::2], strict=True))
    rows = [(gettext("Jobs"), [(heading, e and e.jobs) for heading, e in pairs])]
    for name, label in area_pay.STATISTICS:
        rows.append((label, [(heading, e and getattr(e, name)) for heading, e in pairs]))
    return {
        "caption": caption,
        "places": pairs,
        "rows": rows,
        "footnotes": context.get("footnotes"),
    }


@register.inclusion_tag("careers/includes/sort_links.html", takes_context=True)
def sort_links(context, first_column):
    """The links that sort a table of places (?sort=), named as its columns are."""
    current = context.get("sort", "name")
    labels = {**area_pay.SORTS, "name": first_column}
    return {
        "path": context["request"].path,
        "anchor": context.get("table_id", ""),
        "orders": [(sort, label, sort == current) for sort, label in labels.items()],
    }


@register.filter
def signed_share(value):
    """A share of jobs, one decimal: "14.1%"; "under 0.1%" rather than a 0.0% that reads as
    none."""
    if value is None:
        return str(area_pay.NOT_RELEASED_TEXT)
    if 0 < value < Decimal("0.05"):
        return gettext("under 0.1%")
    return f"{value:.1f}%"
