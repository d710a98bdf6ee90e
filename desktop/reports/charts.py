"""Charts (reportlab.graphics): contact attempts per week stacked by outcome, and progress over
time for one small goal. Labels are fixed English words and dates; user text (a goal's words)
goes in a Paragraph above the chart, never inside it."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from desktop.domain.contact import ContactOutcome
from desktop.reports import fonts
from desktop.reports.styles import INK, MUTED, RULE

OUTCOME_COLOURS = {
    ContactOutcome.SEEN_ENGAGED: colors.HexColor("#1b7f4b"),
    ContactOutcome.SEEN_DECLINED: colors.HexColor("#6cc08b"),
    ContactOutcome.NO_ANSWER: colors.HexColor("#9ca3af"),
    ContactOutcome.NOT_AT_HOME: colors.HexColor("#cbd5e1"),
    ContactOutcome.ACCESS_REFUSED_BY_ADULT: colors.HexColor("#e3a008"),
    ContactOutcome.ACCESS_REFUSED_BY_THIRD_PARTY: colors.HexColor("#c81e1e"),
    ContactOutcome.CANCELLED: colors.HexColor("#8b5cf6"),
    ContactOutcome.DID_NOT_ATTEND: colors.HexColor("#5b21b6"),
    ContactOutcome.SAFE_MESSAGE_LEFT: colors.HexColor("#3f83f8"),
    ContactOutcome.LETTER_SENT: colors.HexColor("#0e7490"),
    ContactOutcome.MESSAGE_SENT_NO_REPLY: colors.HexColor("#f472b6"),
    ContactOutcome.OTHER: colors.HexColor("#4b5563"),
}
#: an outcome added later than this table still draws (never a failed report)
OTHER_COLOUR = OUTCOME_COLOURS[ContactOutcome.OTHER]


def monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def weekly_counts(attempts, first: date, last: date) -> tuple[list[date], dict]:
    """Weeks (Mondays) from ``first`` to ``last`` and, per outcome present, counts per week."""
    weeks: list[date] = []
    w = monday(first)
    while w <= last:
        weeks.append(w)
        w += timedelta(days=7)
    index = {w: i for i, w in enumerate(weeks)}
    counts: dict[ContactOutcome, list[int]] = {}
    for a in attempts:
        i = index.get(monday(a.at.astimezone().date()))
        if i is None:
            continue
        counts.setdefault(a.outcome, [0] * len(weeks))[i] += 1
    ordered = {o: counts[o] for o in ContactOutcome if o in counts}
    return weeks, ordered


def attempts_per_week(attempts, first: date, last: date, width: float,
                      height: float = 150) -> Drawing:
    weeks, counts = weekly_counts(attempts, first, last)
    d = Drawing(width, height)
    chart = VerticalBarChart()
    legend_w = 180
    chart.x, chart.y = 30, 32
    chart.width, chart.height = width - chart.x - legend_w - 10, height - chart.y - 10
    series = list(counts)
    chart.data = [counts[o] for o in series] or [[0] * len(weeks)]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [f"{w.day} {w:%b}" for w in weeks]
    step = max(1, -(-len(weeks) // 14))      # at most ~14 labels
    if step > 1:
        chart.categoryAxis.categoryNames = [n if i % step == 0 else ""
                                            for i, n in enumerate(chart.categoryAxis.categoryNames)]
    ca = chart.categoryAxis.labels
    ca.fontName, ca.fontSize, ca.fillColor = fonts.SANS, 6.5, INK
    ca.angle, ca.boxAnchor, ca.dy = (30, "ne", -2) if len(weeks) > 8 else (0, "n", -2)
    chart.categoryAxis.strokeColor = RULE
    top = max([sum(c[i] for c in chart.data) for i in range(len(weeks))] or [0])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(4, top + (1 if top < 10 else 2))
    chart.valueAxis.valueStep = 1 if chart.valueAxis.valueMax <= 10 else \
        max(1, round(chart.valueAxis.valueMax / 8))
    va = chart.valueAxis.labels
    va.fontName, va.fontSize, va.fillColor = fonts.SANS, 7, INK
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e5e7eb")
    chart.barWidth = 10
    chart.groupSpacing = 4
    chart.bars.strokeWidth = 0.3
    chart.bars.strokeColor = colors.white
    for i, o in enumerate(series):
        chart.bars[i].fillColor = OUTCOME_COLOURS.get(o, OTHER_COLOUR)
    d.add(chart)
    d.add(_vertical_label("attempts", 9, chart.y + chart.height / 2))
    d.add(String(chart.x + chart.width / 2, 2, "week beginning (Monday)", fontName=fonts.SANS,
                 fontSize=7, fillColor=MUTED, textAnchor="middle"))
    if series:
        legend = Legend()
        legend.x, legend.y = width - legend_w + 4, height - 6
        legend.alignment = "right"
        legend.fontName, legend.fontSize = fonts.SANS, 7
        legend.dx = legend.dy = 7
        legend.deltay = 10
        legend.columnMaximum = 12
        legend.colorNamePairs = [(OUTCOME_COLOURS.get(o, OTHER_COLOUR), f"{o.label} ({sum(counts[o])})")
                                 for o in series]
        legend.strokeWidth = 0
        legend.subCols.minWidth = legend_w - 20
        d.add(legend)
    return d


def progress_over_time(points: Sequence[tuple[date, float]], width: float, *,
                       y_max: float = 10, y_label: str = "rating (0-10)",
                       first: date | None = None, last: date | None = None,
                       height: float = 95) -> Drawing:
    """A line of values over dates (unevenly spaced), y from 0 to ``y_max``."""
    d = Drawing(width, height)
    pts = sorted(points)
    first = first or (pts[0][0] if pts else date.today())
    last = last or (pts[-1][0] if pts else first)
    if last <= first:
        last = first + timedelta(days=7)
    span = (last - first).days
    plot = LinePlot()
    plot.x, plot.y = 34, 22
    plot.width, plot.height = width - plot.x - 12, height - plot.y - 8
    plot.data = [[((p - first).days, v) for p, v in pts]] if pts else [[(0, 0)]]
    plot.lines[0].strokeColor = colors.HexColor("#1a56db")
    plot.lines[0].strokeWidth = 1.4
    plot.lines[0].symbol = makeMarker("FilledCircle", size=3.5,
                                      fillColor=colors.HexColor("#1a56db"))
    if not pts:
        plot.lines[0].strokeColor = colors.transparent
        plot.lines[0].symbol = None
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, span
    ticks = _date_ticks(first, last)
    plot.xValueAxis.valueSteps = [(t - first).days for t in ticks]
    plot.xValueAxis.labelTextFormat = lambda v: _label(first + timedelta(days=int(round(v))))
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = 0, y_max
    plot.yValueAxis.valueStep = 2 if y_max >= 8 else 1
    plot.yValueAxis.visibleGrid = 1
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#e5e7eb")
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = fonts.SANS, 6.5, INK
        axis.strokeColor = RULE
    d.add(plot)
    d.add(_vertical_label(y_label, 8, plot.y + plot.height / 2))
    return d


def _vertical_label(text: str, x: float, y: float) -> Group:
    return Group(String(0, 0, text, fontName=fonts.SANS, fontSize=6.5, fillColor=MUTED,
                        textAnchor="middle"), transform=(0, 1, -1, 0, x, y))


def _label(d: date) -> str:
    return f"{d.day} {d:%b}"


def _date_ticks(first: date, last: date, most: int = 8) -> list[date]:
    span = (last - first).days
    step = max(7, -(-span // most))
    step = -(-step // 7) * 7
    ticks, t = [], first
    while t <= last:
        ticks.append(t)
        t += timedelta(days=step)
    return ticks
