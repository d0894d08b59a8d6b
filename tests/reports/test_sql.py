"""The portable SQL pieces: a median without a MEDIAN aggregate, whole days, months."""

from datetime import date

import pytest
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, create_engine, select

from assistant.reports.sql import days_between, median, month_of, on


@pytest.fixture
def numbers():
    engine = create_engine("sqlite://")
    table = Table("numbers", MetaData(), Column("pair", String), Column("v", Integer))
    table.metadata.create_all(engine)
    yield engine, table
    engine.dispose()


def _median(engine, table, rows):
    with engine.begin() as conn:
        conn.execute(table.insert(), [{"pair": p, "v": v} for p, v in rows])
        return conn.scalar(select(median(select(table).subquery())))


def test_median_of_an_odd_count_is_the_middle_value(numbers):
    assert _median(*numbers, [("a", 9), ("a", 1), ("b", 4)]) == 4


def test_median_of_an_even_count_averages_the_two_middle_values(numbers):
    assert _median(*numbers, [("a", 1), ("b", 2), ("c", 10), ("d", 40)]) == 6


def test_median_counts_repeated_values_once_each(numbers):
    # 1, 2, 2, 2, 9, 9: the middle two are 2 and 2.
    rows = [("a", 1), ("a", 2), ("b", 2), ("c", 2), ("c", 9), ("d", 9)]
    assert _median(*numbers, rows) == 2


def test_median_leaves_out_missing_values(numbers):
    assert _median(*numbers, [("a", None), ("b", 2), ("c", 4), ("d", None)]) == 3


def test_median_of_nothing_is_null(numbers):
    assert _median(*numbers, [("a", None)]) is None


def test_days_between_and_month_of_on_sqlite():
    engine = create_engine("sqlite://")
    table = Table("days", MetaData(), Column("day", Date))
    table.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(table.insert(), [{"day": date(2024, 2, 28)}])
        query = select(days_between(on(date(2024, 3, 1)), table.c.day), month_of(table.c.day))
        # 2024 is a leap year: 28 Feb to 1 Mar is two days.
        assert tuple(conn.execute(query).one()) == (2, "2024-02")
