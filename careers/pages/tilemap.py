"""The states as a tile grid: one square each, placed roughly where the state lies.

A map of shapes would need a geometry library and several hundred kilobytes of outlines to
say what 54 squares say: which states pay more. Each tile is a link with a text label, so the
map reads without colour too, and the table beside it carries every figure.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

# (column, row) of each state and territory by postal abbreviation, on an 11 x 8 grid:
# Alaska top left, Hawaii and the territories along the bottom.
TILES = {
    "AK": (0, 0), "ME": (10, 0),
    "WI": (5, 1), "VT": (9, 1), "NH": (10, 1),
    "WA": (0, 2), "ID": (1, 2), "MT": (2, 2), "ND": (3, 2), "MN": (4, 2), "IL": (5, 2),
    "MI": (6, 2), "NY": (8, 2), "MA": (9, 2),
    "OR": (0, 3), "NV": (1, 3), "WY": (2, 3), "SD": (3, 3), "IA": (4, 3), "IN": (5, 3),
    "OH": (6, 3), "PA": (7, 3), "NJ": (8, 3), "CT": (9, 3), "RI": (10, 3),
    "CA": (0, 4), "UT": (1, 4), "CO": (2, 4), "NE": (3, 4), "MO": (4, 4), "KY": (5, 4),
    "WV": (6, 4), "VA": (7, 4), "MD": (8, 4), "DE": (9, 4),
    "AZ": (1, 5), "NM": (2, 5), "KS": (3, 5), "AR": (4, 5), "TN": (5, 5), "NC": (6, 5),
    "SC": (7, 5), "DC": (8, 5),
    "OK": (3, 6), "LA": (4, 6), "MS": (5, 6), "AL": (6, 6), "GA": (7, 6),
    "HI": (0, 7), "GU": (1, 7), "TX": (3, 7), "FL": (8, 7), "PR": (9, 7), "VI": (10, 7),
}  # fmt: skip
COLUMNS, ROWS = 11, 8
TILE, GAP = 40, 4
STEPS = 5
ROUND_TO = Decimal(1000)


@dataclass(frozen=True)
class Tile:
    row: object  # occupations.area_pay.PlacePay
    x: int
    y: int
    step: int  # 1 (lowest) to STEPS; 0 when BLS released no median

    @property
    def step_class(self):
        return f"step-{self.step}"

    @property
    def label_x(self):
        return self.x + TILE // 2

    @property
    def label_y(self):
        return self.y + TILE // 2 + 5


@dataclass(frozen=True)
class Step:
    number: int
    low: Decimal
    high: Decimal

    @property
    def step_class(self):
        return f"step-{self.number}"


def steps_for(medians):
    """STEPS equal ranges from the lowest median to the highest, in whole thousands, so the
    legend reads "$26,000 to $31,000"; [] without medians."""
    if not medians:
        return []
    low = (min(medians) / ROUND_TO).to_integral_value(ROUND_FLOOR) * ROUND_TO
    high = (max(medians) / ROUND_TO).to_integral_value(ROUND_CEILING) * ROUND_TO
    width = ((high - low) / STEPS / ROUND_TO).to_integral_value(ROUND_CEILING) * ROUND_TO
    width = max(width, ROUND_TO)
    return [Step(n, low + width * (n - 1), low + width * n) for n in range(1, STEPS + 1)]


def step_of(value, steps):
    if value is None:
        return 0
    return next((s.number for s in steps if value < s.high), steps[-1].number)


def tiles(rows):
    """(tiles, steps): a Tile for each state row whose abbreviation has a place on the grid."""
    medians = [row.own.median.annual.sort_value for row in rows if row.own]
    steps = steps_for([m for m in medians if m is not None])
    placed = []
    for row in rows:
        if row.abbreviation not in TILES:
            continue
        column, line = TILES[row.abbreviation]
        value = row.own.median.annual.sort_value if row.own else None
        placed.append(Tile(row, column * (TILE + GAP), line * (TILE + GAP), step_of(value, steps)))
    return placed, steps
