"""The fitted table's wrapped rows keep each reason beside its own explanation."""

from textual.app import App, ComposeResult

from assistant.tui.widgets.fitted_table import FittedTable

ROW = (
    "P-010",
    "missed cadence\noverdue commitments",
    "no session for 39 days (planned every 14 days)\n2 past due",
)


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield FittedTable(wrap=True, id="table")


async def test_a_wrapped_explanation_pushes_the_next_reason_down_beside_its_own() -> None:
    app = TableApp()
    async with app.run_test(size=(56, 12)) as pilot:
        table = app.query_one(FittedTable)
        table.fill(["Pair", "Reason", "Why"], [ROW])
        await pilot.pause()
        width = table.columns[table.ordered_columns[-1].key].width
        reasons, why = (str(cell).split("\n") for cell in table.get_row_at(0)[1:])
        assert all(len(line) <= width for line in why), (width, why)
        assert why.index("2 past due") == reasons.index("overdue commitments")
        assert len(why) > 2, "the first explanation wraps at this width"
