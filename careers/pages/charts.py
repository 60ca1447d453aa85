"""Horizontal bar charts drawn as inline SVG on the server: no JavaScript, no outside service.

Each chart has a title and a description for screen readers; the page puts the
same numbers in a table beside it.
"""

from dataclasses import dataclass

WIDTH = 480
ROW_HEIGHT = 60
BAR_HEIGHT = 22
# A bar the site worked out says so on a line of its own under its value: "(worked out by
# this site)" does not fit beside it at the 17px the labels need.
CAVEAT_HEIGHT = 20
# Room right of the longest bar for its value or its caveat, "(worked out by this site)", at
# the 17px the labels need to stay 12px or more when a 375px phone shrinks the chart to 343px.
VALUE_ROOM = 290


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    derived: bool
    label_y: int
    x: float
    y: int
    width: float
    text_x: float
    text_y: int
    caveat_y: int
    decline: bool = False
    height: int = BAR_HEIGHT

    @property
    def zero_top(self):
        """The zero line runs beside each bar only, clear of the labels above them."""
        return self.y - 4

    @property
    def zero_bottom(self):
        return self.y + self.height + 4


@dataclass(frozen=True)
class BarChart:
    """The template (templates/careers/includes/bar_chart.html) writes its description for
    screen readers from the bars. `zero_x` is where a bar of 0 sits: 0 unless a value is
    below zero, when the template draws a line there."""

    chart_id: str
    title: str
    bars: list
    width: int
    height: int
    zero_x: float = 0


def bar_chart(chart_id, title, rows):
    """rows: (label, value, value_text, derived) tuples, drawn top to bottom. A value below
    zero (a projected decline) is drawn leftwards from a zero line, so it is not mistaken
    for no change; its value is written right of the line, where every value starts."""
    values = [float(value) for _, value, _, _ in rows]
    below = max((-value for value in values if value < 0), default=0)
    above = max((value for value in values if value > 0), default=0)
    scale = (WIDTH - VALUE_ROOM) / ((above + below) or 1)
    zero_x = round(below * scale, 1) if below else 0
    bars = []
    top = 0
    for (label, _, value_text, derived), value in zip(rows, values, strict=True):
        width = round(abs(value) * scale, 1)
        bars.append(
            Bar(
                label=label,
                value_text=value_text,
                derived=derived,
                label_y=top + 18,
                x=zero_x - width if value < 0 else zero_x,
                y=top + 26,
                width=width,
                text_x=zero_x + (width if value > 0 else 0) + 8,
                text_y=top + 26 + 16,
                caveat_y=top + 26 + 16 + CAVEAT_HEIGHT,
                decline=value < 0,
            )
        )
        top += ROW_HEIGHT + (CAVEAT_HEIGHT if derived else 0)
    return BarChart(
        chart_id=chart_id,
        title=title,
        bars=bars,
        width=WIDTH,
        height=(top or ROW_HEIGHT) + 4,
        zero_x=zero_x,
    )
