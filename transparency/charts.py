"""Server-rendered horizontal bar charts (SVG, no JavaScript), drawn from the same rows as their tables.

A chart is a list of groups (a region, a year, a programme), each with one bar per series. The
template templates/transparency/bar_chart.html turns the layout computed here into SVG.
"""

from django.utils.formats import number_format

WIDTH = 640
VALUE_SPACE = 70  # room at the end of the longest bar for its number
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_GAP = 10


def format_value(value, decimal_pos=None):
    return number_format(value, decimal_pos=decimal_pos)


def bar_chart(chart_id, title, description, groups, series=("",), max_value=None, decimal_pos=None):
    """Lay out a chart.

    groups: [(label, [value per series])]; a value of None draws no bar (no data that year).
    max_value: the value of a full-width bar (e.g. 100 for scores); the largest value if omitted.
    """
    values = [value for _label, group_values in groups for value in group_values if value is not None]
    scale_max = max_value or max(values, default=0) or 1
    bar_room = WIDTH - VALUE_SPACE
    laid_out = []
    y = 0
    for label, group_values in groups:
        label_y = y + LABEL_HEIGHT - 5
        y += LABEL_HEIGHT
        bars = []
        for index, value in enumerate(group_values):
            if value is not None:
                width = round(bar_room * value / scale_max, 1)
                bars.append(
                    {
                        "series": series[index],
                        "series_index": index,
                        "value": value,
                        "display": format_value(value, decimal_pos),
                        "y": y,
                        "width": width,
                        "text_x": width + 6,
                        "text_y": y + BAR_HEIGHT - 4,
                    }
                )
                y += BAR_HEIGHT + BAR_GAP
        laid_out.append({"label": label, "label_y": label_y, "bars": bars})
        y += GROUP_GAP
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        "series": [name for name in series if name],
        "groups": laid_out,
        "width": WIDTH,
        "height": max(y, 1),
        "bar_height": BAR_HEIGHT,
    }
