"""Feedback themes read each passage's writers, sessions and newest day exactly as one pass over
every passage would, also when a session holds one text in two or three of its fields."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from databases import KINDS, database_url, migrated_store
from sqlalchemy import Connection, select, update

from assistant.demo import generate, write_programme
from assistant.reports.feedback import _written
from assistant.reports.scope import Scope, report_scope
from assistant.store import Store
from assistant.store.schema import sessions

TODAY = date(2026, 11, 20)


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with database_url(request.param, tmp_path, "passages") as url, migrated_store(url) as found:
        write_programme(found, generate(seed=3, pairs=30, months=6, today=TODAY))
        yield found


def repeat_texts_within_sessions(store: Store) -> None:
    s = sessions.c
    with store.engine.begin() as conn:
        ids = list(conn.scalars(select(s.id).where(s.status == "held").order_by(s.id)))
        conn.execute(
            update(sessions).where(s.id.in_(ids[::7])).values(leader_learned=s.shared_summary)
        )
        conn.execute(
            update(sessions).where(s.id.in_(ids[3::11])).values(mentor_learned=s.leader_learned)
        )
        both = ids[5::13]
        conn.execute(
            update(sessions)
            .where(s.id.in_(both))
            .values(leader_learned=s.shared_summary, mentor_learned=s.shared_summary)
        )


def one_pass(conn: Connection, scope: Scope) -> tuple[dict, dict, dict]:
    """The reference: every held session in the window, each distinct text of it once."""
    held, s = scope.window, sessions.c
    query = select(held.c.pair_id, held.c.day, s.shared_summary, s.leader_learned, s.mentor_learned)
    writers, sessions_of, newest = defaultdict(set), defaultdict(int), {}
    for pair_id, day, *fields in conn.execute(query.join_from(held, sessions, s.id == held.c.id)):
        for text in {field for field in fields if field}:
            writers[text].add(pair_id)
            sessions_of[text] += 1
            newest[text] = max(day, newest.get(text, day))
    return writers, sessions_of, newest


def test_passages_match_one_pass_over_every_session(store: Store) -> None:
    repeat_texts_within_sessions(store)
    with store.engine.connect() as conn, report_scope(conn, TODAY, None, None) as scope:
        writers, sessions_of, texts = _written(conn, scope)
        expected_writers, expected_sessions, newest = one_pass(conn, scope)
    session_texts = set(expected_sessions)
    assert session_texts <= set(writers)
    assert {t: writers[t] for t in session_texts} == dict(expected_writers)
    assert {t: sessions_of[t] for t in session_texts} == dict(expected_sessions)
    assert any(n > 1 for n in expected_sessions.values())
    in_sessions = [t for t in texts if t in session_texts]
    assert in_sessions == sorted(in_sessions, key=lambda t: (-newest[t], t))
