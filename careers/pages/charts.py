"""Horizontal bar charts drawn as inline SVG on the server: no JavaScript, no outside service.

Each chart has a title and a description for screen readers; the page puts the
same numbers in a table beside it.
"""

from dataclasses import dataclass

WIDTH = 480
ROW_HEIGHT = 60
BAR_HEIGHT = 22
# Room right of the longest bar for its label, "about $46,652 a year (derived)", at the
# 17px the labels need to stay 12px or more when a 375px phone shrinks the chart to 343px.
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
    height: int = BAR_HEIGHT


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    description: str
    bars: list
    width: int
    height: int


def bar_chart(chart_id, title, rows):
    """rows: (label, value, value_text, derived) tuples, drawn top to bottom."""
    largest = max((abs(float(value)) for _, value, _, _ in rows), default=0) or 1
    plot_width = WIDTH - VALUE_ROOM
    bars = []
    for index, (label, value, value_text, derived) in enumerate(rows):
        top = index * ROW_HEIGHT
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
            )
        )
    description = "Bar chart. " + " ".join(
        f"{label}: {text}{' (derived)' if derived else ''}." for label, _, text, derived in rows
    )
    return BarChart(
        chart_id=chart_id,
        title=title,
        description=description,
        bars=bars,
        width=WIDTH,
        height=max(len(rows), 1) * ROW_HEIGHT + 4,
    )
