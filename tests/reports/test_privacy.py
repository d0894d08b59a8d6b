"""Private notes never reach a report: not in any format, not in any SQL the report runs."""

import pytest

from assistant.reports import FORMATS, build_report, render

from .programme import PRIVATE_MARKER, SHARED_MARKER, TODAY


@pytest.mark.parametrize("cohort", ["c1", None])
def test_the_private_marker_appears_in_no_format(programme, cohort):
    report = build_report(programme, today=TODAY, cohort=cohort, min_group_size=1)
    for format_ in FORMATS:
        assert PRIVATE_MARKER not in render(report, format_)


def test_no_format_quotes_shared_text_either(programme):
    # Shared summaries, learnings, commitments and progress notes carry SHARED_MARKER:
    # the report aggregates them, it never repeats what anyone wrote.
    report = build_report(programme, today=TODAY, min_group_size=1)
    for format_ in FORMATS:
        assert SHARED_MARKER not in render(report, format_)


def test_no_report_query_reads_the_private_notes_table(programme, recorded_sql):
    build_report(programme, today=TODAY, min_group_size=1)
    assert recorded_sql, "the report ran no SQL on this engine"
    for statement, parameters in recorded_sql:
        assert "private_notes" not in statement.lower()
        assert PRIVATE_MARKER not in repr(parameters)


def test_the_marker_really_is_in_the_database(programme):
    # Guards the tests above: they prove something only if the notes were stored.
    with programme.engine.connect() as conn:
        from sqlalchemy import func, select

        from assistant.store.schema import private_notes

        stored = conn.scalar(
            select(func.count()).where(private_notes.c.text.contains(PRIVATE_MARKER))
        )
    assert stored > 0
