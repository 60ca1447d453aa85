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
    y: int
    width: float
    text_x: float
    text_y: int
    caveat_y: int
    height: int = BAR_HEIGHT


@dataclass(frozen=True)
class BarChart:
    """The template (templates/careers/includes/bar_chart.html) writes its description for
    screen readers from the bars."""

    chart_id: str
    title: str
    bars: list
    width: int
    height: int


def bar_chart(chart_id, title, rows):
    """rows: (label, value, value_text, derived) tuples, drawn top to bottom."""
    largest = max((abs(float(value)) for _, value, _, _ in rows), default=0) or 1
    plot_width = WIDTH - VALUE_ROOM
    bars = []
    top = 0
    for label, value, value_text, derived in rows:
        # Negative values draw no bar; their label still says the number.
        width = round(max(float(value), 0) / largest * plot_width, 1)
        bars.append(
            Bar(
                label=label,
                value_text=value_text,
                derived=derived,
                label_y=top + 18,
                y=top + 26,
                width=width,
                text_x=width + 8,
                text_y=top + 26 + 16,
                caveat_y=top + 26 + 16 + CAVEAT_HEIGHT,
            )
        )
        top += ROW_HEIGHT + (CAVEAT_HEIGHT if derived else 0)
    return BarChart(
        chart_id=chart_id,
        title=title,
        bars=bars,
        width=WIDTH,
        height=(top or ROW_HEIGHT) + 4,
    )
