"""Small charts for the review screen, drawn with plotext and following the app's theme.

A value withheld for privacy (`Suppressed`) is simply not drawn: a gap, never a zero.
"""

import math
from collections.abc import Callable

from textual_plotext import Plot, PlotextPlot

from assistant.reports.model import Value

Series = list[Value]


def _shown(values: Series) -> tuple[list[int], list[float]]:
    points = [(i, float(v)) for i, v in enumerate(values) if isinstance(v, int | float)]
    return [i for i, _ in points], [v for _, v in points]


def month_label(month: str) -> str:
    # "2026-03" -> "Mar": plotext drops ticks that would overlap, and which it drops changes
    # from run to run, so labels stay short enough never to overlap.
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return names[int(month.split("-")[1]) - 1]


class LineChart(PlotextPlot):
    """A trend over months, one line per series."""

    def draw(
        self, title: str, months: list[str], series: dict[str, Series], ylim: tuple[float, float]
    ) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        for label, values in series.items():
            xs, ys = _shown(values)
            if xs:
                plt.plot(xs, ys, label=label, marker="braille")
        _month_ticks(plt, months)
        plt.ylim(*ylim)
        self.refresh()


class BarChart(PlotextPlot):
    """Counts per category, as bars; `horizontal` keeps every category's label on screen."""

    def draw(self, title: str, labels: list[str], values: Series, horizontal: bool = False) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        xs, ys = _shown(values)
        if xs:
            plt.bar(
                [labels[i] for i in xs],
                ys,
                width=0.6,
                orientation="horizontal" if horizontal else "vertical",
            )
            _whole_number_ticks(plt.xticks if horizontal else plt.yticks, max(ys))
        self.refresh()


class BeforeAfterChart(PlotextPlot):
    """Baseline beside closing for each scale shown; a withheld scale is left out, not zeroed."""

    def draw(
        self, title: str, labels: list[str], before: Series, after: Series, top: float
    ) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        shown = [
            (label, b, a)
            for label, b, a in zip(labels, before, after, strict=True)
            if isinstance(b, int | float) and isinstance(a, int | float)
        ]
        if shown:
            plt.multiple_bar(
                [label for label, _, _ in shown],
                [[float(b) for _, b, _ in shown], [float(a) for _, _, a in shown]],
                # plotext takes `labels` here; textual-plotext's stub misnames it `label`.
                labels=["baseline", "closing"],  # type: ignore[call-arg]
                width=0.35,
            )
            plt.ylim(0, top)
        self.refresh()


def _whole_number_ticks(set_ticks: Callable[[list[float]], object], top: float) -> None:
    # Counts read better as 0, 5, 10 than as plotext's 0.0, 16.3, 32.7.
    step = max(1, math.ceil(top / 4))
    ticks: list[float] = list(range(0, int(top) + step, step))
    set_ticks(ticks)


def _month_ticks(plt: Plot, months: list[str]) -> None:
    step = max(1, math.ceil(len(months) / 4))
    ticks = range(0, len(months), step)
    plt.xticks(list(ticks), [month_label(months[i]) for i in ticks])
