"""Small charts for the review screen, drawn with plotext and following the app's theme.

A value withheld for privacy (`Suppressed`) is simply not drawn: a gap, never a zero.
"""

from textual_plotext import PlotextPlot

from assistant.reports.model import Value

Series = list[Value]


def _shown(values: Series) -> tuple[list[int], list[float]]:
    points = [(i, float(v)) for i, v in enumerate(values) if isinstance(v, int | float)]
    return [i for i, _ in points], [v for _, v in points]


def _month_label(month: str) -> str:
    # "2026-03" -> "Mar 26": short enough for a tick at 80 columns.
    year, number = month.split("-")
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{names[int(number) - 1]} {year[2:]}"


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
    """Counts per category, as vertical bars."""

    def draw(self, title: str, labels: list[str], values: Series) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        xs, ys = _shown(values)
        if xs:
            plt.bar([labels[i] for i in xs], ys, width=0.6)
        self.refresh()


def _month_ticks(plt: object, months: list[str]) -> None:
    step = max(1, len(months) // 4)
    ticks = list(range(0, len(months), step))
    plt.xticks(ticks, [_month_label(months[i]) for i in ticks])  # type: ignore[attr-defined]
