"""A metric's history as a chart: one mark per observation over time (SVG or PNG).

matplotlib draws without a display (its Agg and SVG canvases, through ``Figure`` rather than
pyplot, so no global state is touched); only ``claimtrack history --chart`` and the digest
import this module, which keeps the command line's start-up light.

Each (kind, unit family) of the metric gets a panel: the 2025 level in yuan and the 2025
growth rate are not drawn on one axis. A mark stands at the middle of its period (spread a
little when several releases give the same period), coloured by organisation, filled for
actuals and hollow for forecasts and targets, with a bar for the interval its qualifier and
precision allow; marks that take part in an open finding are ringed in red. In the SVG,
the marks of each group are in a ``<g id="observation-N">`` and the rings of each panel in
a ``<g id="findings-N">``, so the output can be checked and styled.
"""

from __future__ import annotations

import io
import textwrap
import warnings
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import matplotlib
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from store.findings import amount_in_words
from store.history import Observation, period_order, release_order
from store.units import unit_family

FORMATS = ("svg", "png")
FINDING_COLOUR = "#d62728"
# Characters a line of the legend holds in the right margin the figure keeps for it.
LEGEND_LABEL_CHARS = 28
_SPREAD = timedelta(days=20)   # furthest a mark moves from its period's middle


def history_chart(observations: Sequence[Observation], *, fmt: str = "svg", title: str | None = None) -> bytes:
    """The chart of ``observations`` (as ``ClaimStore.history`` returns them) as SVG or PNG
    bytes. Observations with neither a period nor a publication date are left out."""
    if fmt not in FORMATS:
        raise ValueError(f"chart format {fmt!r} is not one of {', '.join(FORMATS)}")
    placed = [(o, when) for o in observations if (when := _when(o)) is not None]
    panels: dict[tuple[str, str], list[tuple[Observation, date]]] = defaultdict(list)
    for observation, when in placed:
        panels[(observation.claim.kind, unit_family(observation.claim.unit)[0])].append((observation, when))
    chosen = sorted(panels.items(), key=lambda item: -len(item[1]))   # the fullest panel on top
    height = 1.2 + 2.4 * max(1, len(chosen))
    figure = Figure(figsize=(9, height))
    # Fixed margins instead of the constrained layout engine, which cost a third of the
    # drawing time (a digest draws a chart per metric that moved): room on the left for
    # "1.2 trillion" ticks, on the right for the legend of organisations.
    figure.subplots_adjust(left=0.12, right=0.7, top=1 - 0.5 / height, bottom=0.6 / height, hspace=0.12)
    axes = figure.subplots(max(1, len(chosen)), 1, sharex=True, squeeze=False)[:, 0]
    colours = _colours(observations)
    group_number = 0
    for ax, ((kind, _), marks) in zip(axes, chosen):
        group_number = _draw_panel(ax, kind, marks, colours, group_number)
    locator = AutoDateLocator(maxticks=8)
    axes[-1].xaxis.set_major_locator(locator)
    axes[-1].xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if not chosen:
        axes[0].text(0.5, 0.5, "no dated observations", ha="center", va="center", transform=axes[0].transAxes)
    axes[0].set_title(title or (observations[0].claim.metric if observations else "history"), loc="left")
    axes[0].legend(handles=_legend(colours), loc="upper left", fontsize="small", frameon=False,
                   bbox_to_anchor=(1.0, 1.0))
    buffer = io.BytesIO()
    # A panel whose marks share one date makes AutoDateLocator warn that it fell back to its
    # default interval; the fallback draws fine, so the warning is noise in a digest run.
    with matplotlib.rc_context({"svg.hashsalt": "claimtrack", "svg.fonttype": "none"}), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="AutoDateLocator was unable", category=UserWarning)
        figure.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None, dpi=120)
    return buffer.getvalue()


def save_history_chart(observations: Sequence[Observation], path: Path, *, title: str | None = None) -> int:
    """Write the chart to ``path`` (its suffix, .svg or .png, picks the format); returns the
    number of marks drawn."""
    fmt = path.suffix.lower().lstrip(".")
    path.write_bytes(history_chart(observations, fmt=fmt, title=title))
    return sum(1 for o in observations if _when(o) is not None)


def _draw_panel(ax, kind: str, marks: list[tuple[Observation, date]], colours: dict[str, str], group_number: int) -> int:
    unit = marks[0][0].claim.unit
    factor = unit_family(unit)[1]
    positions = _spread(marks)
    groups: dict[tuple[str, bool], list[tuple[date, float]]] = defaultdict(list)
    ringed = []
    for observation, x in positions:
        interval = observation.interval
        y = _value(observation, interval, factor)
        if interval is not None:
            ax.vlines(x, float(interval.low / factor), float(interval.high / factor),
                      colors=colours[_name(observation)], linewidth=1, alpha=0.5)
        groups[(_name(observation), observation.claim.modality != "actual")].append((x, y))
        if observation.findings or observation.flag:
            ringed.append((x, y))
    for (name, hollow), points in sorted(groups.items()):
        xs, ys = zip(*points)
        colour = colours[name]
        ax.scatter(xs, ys, s=36, marker="o", facecolors="none" if hollow else colour, edgecolors=colour,
                   linewidths=1.5, zorder=3, gid=f"observation-{group_number}")
        group_number += 1
    if ringed:
        xs, ys = zip(*ringed)
        ax.scatter(xs, ys, s=150, marker="o", facecolors="none", edgecolors=FINDING_COLOUR, linewidths=1.5,
                   zorder=4, gid=f"findings-{group_number}")
    ax.set_ylabel(f"{kind} ({unit})")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda number, _: _tick(number, unit)))
    ax.grid(axis="y", alpha=0.3)
    return group_number


def _tick(number: float, unit: str) -> str:
    """"1.2 trillion", "24%": the unit's name is on the axis label."""
    text = amount_in_words(Decimal(str(float(number))), unit, bare=True)
    return text + "%" if unit == "%" else text


def _value(observation: Observation, interval, factor: Decimal) -> float:
    claim = observation.claim
    if claim.value is not None:
        return float(claim.value)
    return float(interval.middle / factor) if interval is not None else float((claim.low + claim.high) / 2)


def _when(observation: Observation) -> date | None:
    """The middle of the observation's period, else its publication date."""
    period = observation.claim.period
    if period:
        _, first, last, _ = period_order(period)
        try:
            start, end = date.fromisoformat(first), date.fromisoformat(last)
        except ValueError:
            start = end = None
        if start is not None:
            return start + (end - start) / 2
    if observation.published:
        try:
            return date.fromisoformat(observation.published[:10])
        except ValueError:
            return None
    return None


def _spread(marks: list[tuple[Observation, date]]) -> list[tuple[Observation, date]]:
    """Releases that give the same period stand side by side, in publication order."""
    by_day: dict[date, list[Observation]] = defaultdict(list)
    for observation, when in marks:
        by_day[when].append(observation)
    placed = []
    for when, observations in by_day.items():
        releases = sorted({release_order(o) for o in observations})
        step = _SPREAD / max(1, len(releases))
        for observation in observations:
            offset = releases.index(release_order(observation)) - (len(releases) - 1) / 2
            placed.append((observation, when + step * offset))
    return placed


def _name(observation: Observation) -> str:
    return observation.organisation or "uncredited"


def _colours(observations: Sequence[Observation]) -> dict[str, str]:
    palette = matplotlib.colormaps["tab10"].colors
    names = sorted({_name(o) for o in observations})
    return {name: matplotlib.colors.to_hex(palette[i % len(palette)]) for i, name in enumerate(names)}


def _legend(colours: dict[str, str]) -> list[Line2D]:
    # A long name ("New Generation AI Development Strategy Institute") wraps instead of running
    # past the figure's right edge, which the fixed margins leave ~30 characters of room.
    handles = [Line2D([], [], marker="o", linestyle="", color=colour, label=textwrap.fill(name, LEGEND_LABEL_CHARS))
               for name, colour in colours.items()]
    handles += [
        Line2D([], [], marker="o", linestyle="", markerfacecolor="none", color="grey", label="forecast or target"),
        Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markersize=11, color=FINDING_COLOUR,
               label="in a finding"),
    ]
    return handles
