"""A shared programme on PostgreSQL, and a helper that acts as one of its logins, through
rmcoach (the CLI) or through raw SQL (psycopg).

Roles are cluster-wide and CI runs every test on one server, so each programme's logins carry
a name unique to this run and are dropped afterwards, with the schema and its group roles.

  P1: L1 (leader, login lea1) with M1 (mentor, login men1); both consented
  P2: L2 (leader, login lea2) with M2; both consented
  P3: L3 with M3; L3 did not consent, so coordinators never see its sessions
"""

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import make_url

from assistant.cli import main
from assistant.models import Pair, Participant, Ratings, SessionSummary
from assistant.store import Store

_runs = itertools.count()
NOTES = {
    ("P1", "leader"): "P1 leader: I talked over her twice.",
    ("P1", "mentor"): "P1 mentor: I held back the real feedback.",
    ("P2", "leader"): "P2 leader: the demo went over my head.",
    ("P2", "mentor"): "P2 mentor: felt safe enough to push.",
}


def seed(store: Store) -> None:
    people = []
    for n in (1, 2, 3):
        people.append(
            Participant(
                id=f"L{n}",
                name=f"Lena Leader{n}",
                role="leader",
                department="Finance",
                level=10,
                consent_to_share=n != 3,
            )
        )
        people.append(
            Participant(id=f"M{n}", name=f"Milo Mentor{n}", role="mentor", department="IT", level=2)
        )
    store.upsert_participants(people)
    pairs = [
        Pair(id=f"P{n}", leader_id=f"L{n}", mentor_id=f"M{n}", start_date=date(2025, 5, 1))
        for n in (1, 2, 3)
    ]
    store.upsert_pairs(pairs)
    ratings = Ratings(safety=5, usefulness=4)
    store.record_sessions(
        [
            SessionSummary(
                pair_id=f"P{n}",
                held_on=date(2025, 6, 6),
                leader_learned=f"P{n} leader learned",
                mentor_learned=f"P{n} mentor learned",
                leader_ratings=ratings,
                mentor_ratings=ratings,
                leader_private_note=NOTES.get((f"P{n}", "leader"), ""),
                mentor_private_note=NOTES.get((f"P{n}", "mentor"), ""),
            )
            for n in (1, 2, 3)
        ]
    )


@dataclass
class Shared:
    owner_url: str
    schema: str
    logins: dict[str, str]
    """Short name (lea1, men1, lea2, coord, admin, nobody) -> the login's unique name."""
    monkeypatch: pytest.MonkeyPatch

    def url(self, who: str) -> str:
        url = make_url(self.owner_url).set(username=self.logins[who])
        return url.render_as_string(hide_password=False)

    def rmcoach(self, who: str, *args: str, input: str | None = None) -> Result:
        """Run rmcoach as `who` (a short name, or "owner" for the database superuser)."""
        url = self.owner_url if who == "owner" else self.url(who)
        self.monkeypatch.setenv("RMCOACH_DATABASE_URL", url)
        return CliRunner().invoke(main, list(args), input=input)

    def sql(self, who: str, statement: str, *params: Any) -> list[tuple[Any, ...]]:
        """Run one statement as `who` straight through psycopg; a refusal raises."""
        url = make_url(self.url(who) if who != "owner" else self.owner_url)
        with psycopg.connect(
            host=url.host,
            port=url.port,
            dbname=url.database,
            user=url.username,
            options=f"-csearch_path={self.schema}",
            autocommit=True,
        ) as conn:
            cursor = conn.execute(statement, params or None)
            return cursor.fetchall() if cursor.description else [(cursor.rowcount,)]
