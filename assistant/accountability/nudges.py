"""Who needs a nudge today, and why: four rules over the programme as it stood on a given date.

- overdue-session: an active pair with no held session for longer than its planned cadence
  (counting from the start date before the first session); to both people.
- overdue-commitment: an open commitment past its due date; to its owner.
- debrief-missing: a side that has not rated the pair's latest held session, 3 days after it;
  to that side.
- rating-drop: a side's safety or usefulness rating 2 or more points below their previous one;
  to that side, privately.

The last two look at the latest session only while it is within the pair's cadence: once the
pair is overdue, the overdue-session nudge is the one that matters, and a months-old debrief or
rating is no longer today's news.

The report flags a pair at risk later (1.5 x the cadence, a falling trend); a nudge is the
earlier, lighter touch the accountability guidance recommends. Like the report, only active
pairs whose two participants consented to share their summaries are assessed. Everything is as
of `today`: sessions held later and commitments made later are ignored, and a commitment closed
after `today` still counts as open, so the same date always gives the same nudges.
"""

from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, Select, and_, or_, select

from assistant.accountability.advice import NudgeKind, advice
from assistant.models import Side, SourceRef
from assistant.store import Store
from assistant.store.schema import commitments, pairs, participants, sessions

DEBRIEF_GRACE_DAYS = 3
RATING_DROP_POINTS = 2
KIND_ORDER: tuple[NudgeKind, ...] = (
    "overdue-session",
    "overdue-commitment",
    "debrief-missing",
    "rating-drop",
)


class Recipient(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    role: Side


class Nudge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: NudgeKind
    pair_id: str
    cohort: str
    to: list[Recipient]
    reason: str
    """The facts behind the nudge, for the coordinator."""
    message: str
    """A suggested message to the recipients, in the guidance's words where it has them."""
    source: SourceRef
    """The guidance section the message follows."""


@dataclass(frozen=True)
class _Held:
    held_on: date
    ratings: dict[Side, tuple[int, int] | None]
    """Side -> (safety, usefulness), or None when that side did not rate."""


@dataclass(frozen=True)
class _Open:
    owner: Side
    text: str
    due: date


@dataclass(frozen=True)
class _Pair:
    id: str
    cohort: str
    start_date: date
    cadence_days: int
    people: dict[Side, Recipient]
    held: list[_Held]
    """Held sessions up to today, oldest first."""
    overdue: list[_Open]


def nudges_for(store: Store, today: date) -> list[Nudge]:
    """Every nudge due on `today`, ordered by kind, pair and recipient."""
    found = [n for pair in _assessed(store, today) for n in _pair_nudges(pair, today)]
    return sorted(
        found, key=lambda n: (KIND_ORDER.index(n.kind), n.pair_id, [r.id for r in n.to], n.reason)
    )


def not_assessed(store: Store) -> int:
    """Active pairs left out because a participant did not consent to share summaries."""
    with store.engine.connect() as conn:
        return sum(not consented for *_, consented in conn.execute(_active_pairs()))


def _active_pairs() -> Select:
    """Active pairs with both people's names; the last column says whether both consented."""
    leader, mentor, p = participants.alias("leader"), participants.alias("mentor"), pairs.c
    return (
        select(p.id, p.cohort, p.start_date, p.cadence_days, p.leader_id, leader.c.name,
               p.mentor_id, mentor.c.name,
               and_(leader.c.consent_to_share, mentor.c.consent_to_share))
        .join_from(pairs, leader, leader.c.id == p.leader_id)
        .join_from(pairs, mentor, mentor.c.id == p.mentor_id)
        .where(p.status == "active")
        .order_by(p.id)
    )  # fmt: skip


def _assessed(store: Store, today: date) -> list[_Pair]:
    with store.engine.connect() as conn:
        rows = [row for row in conn.execute(_active_pairs()) if row[-1] and row[2] <= today]
        held, overdue = _held_sessions(conn, today), _overdue_commitments(conn, today)
    found = []
    for pair_id, cohort, start, cadence, leader_id, leader, mentor_id, mentor, _ in rows:
        people: dict[Side, Recipient] = {
            "leader": Recipient(id=leader_id, name=leader, role="leader"),
            "mentor": Recipient(id=mentor_id, name=mentor, role="mentor"),
        }
        found.append(
            _Pair(pair_id, cohort, start, cadence, people, held.get(pair_id, []),
                  overdue.get(pair_id, []))
        )  # fmt: skip
    return found


def _held_sessions(conn: Connection, today: date) -> dict[str, list[_Held]]:
    """Every active pair's held sessions up to today (a join, not an IN list of ids)."""
    s = sessions.c
    query = (
        select(s.pair_id, s.held_on, s.leader_safety, s.leader_usefulness,
               s.mentor_safety, s.mentor_usefulness)
        .join_from(sessions, pairs, pairs.c.id == s.pair_id)
        .where(pairs.c.status == "active", s.status == "held", s.held_on <= today)
        .order_by(s.pair_id, s.held_on, s.id)
    )  # fmt: skip
    found: dict[str, list[_Held]] = {}
    for pair_id, held_on, leader_safety, leader_use, mentor_safety, mentor_use in conn.execute(
        query
    ):
        ratings: dict[Side, tuple[int, int] | None] = {
            "leader": _pair_of(leader_safety, leader_use),
            "mentor": _pair_of(mentor_safety, mentor_use),
        }
        found.setdefault(pair_id, []).append(_Held(held_on, ratings))
    return found


def _pair_of(safety: int | None, usefulness: int | None) -> tuple[int, int] | None:
    return None if safety is None or usefulness is None else (safety, usefulness)


def _overdue_commitments(conn: Connection, today: date) -> dict[str, list[_Open]]:
    c, s = commitments.c, sessions.c
    still_open_then = or_(c.status == "open", c.closed_on > today)
    query = (
        select(c.pair_id, c.owner, c.text, c.due)
        .join_from(commitments, sessions, s.id == c.session_id)
        .join_from(commitments, pairs, pairs.c.id == c.pair_id)
        .where(pairs.c.status == "active", s.held_on <= today, c.due < today, still_open_then)
        .order_by(c.pair_id, c.due, c.id)
    )
    found: dict[str, list[_Open]] = {}
    for pair_id, owner, text, due in conn.execute(query):
        found.setdefault(pair_id, []).append(_Open(owner, text, due))
    return found


def _pair_nudges(pair: _Pair, today: date) -> list[Nudge]:
    found = _overdue_session(pair, today)
    found += [_overdue_commitment(pair, item, today) for item in pair.overdue]
    if pair.held and (today - pair.held[-1].held_on).days <= pair.cadence_days:
        found += _debrief_missing(pair, today)
        found += _rating_drops(pair)
    return found


def _first(person: Recipient) -> str:
    return person.name.split()[0]


def _nudge(pair: _Pair, kind: NudgeKind, sides: list[Side], reason: str, opener: str) -> Nudge:
    source, guidance = advice(kind)
    to = [pair.people[side] for side in sides]
    return Nudge(
        kind=kind,
        pair_id=pair.id,
        cohort=pair.cohort,
        to=to,
        reason=reason,
        message=f"{opener} {guidance}",
        source=source,
    )


def _overdue_session(pair: _Pair, today: date) -> list[Nudge]:
    cadence = pair.cadence_days
    last = pair.held[-1].held_on if pair.held else pair.start_date
    idle = (today - last).days
    if idle <= cadence:
        return []
    since = f"last session on {last}" if pair.held else f"no session since the start on {last}"
    reason = f"{since}: {idle} days, planned every {cadence} days"
    leader, mentor = _first(pair.people["leader"]), _first(pair.people["mentor"])
    opener = (
        f"Hi {leader} and {mentor}, it's been {idle} days since "
        f"{'your last session' if pair.held else 'your pair started'}, and you planned to meet "
        f"every {cadence} days."
    )
    return [_nudge(pair, "overdue-session", ["leader", "mentor"], reason, opener)]


def _overdue_commitment(pair: _Pair, item: _Open, today: date) -> Nudge:
    late = (today - item.due).days
    reason = f"{item.owner}'s commitment “{item.text}” was due on {item.due} ({late} days ago)"
    opener = (
        f"Hi {_first(pair.people[item.owner])}, a quick nudge: your commitment “{item.text}” "
        f"was due on {item.due} and is still open."
    )
    return _nudge(pair, "overdue-commitment", [item.owner], reason, opener)


def _debrief_missing(pair: _Pair, today: date) -> list[Nudge]:
    latest = pair.held[-1]
    if (today - latest.held_on).days <= DEBRIEF_GRACE_DAYS:
        return []
    found = []
    for side in ("leader", "mentor"):
        if latest.ratings[side] is None:
            days = (today - latest.held_on).days
            reason = (
                f"no {side} debrief (ratings) for the session on {latest.held_on}, {days} days ago"
            )
            opener = (
                f"Hi {_first(pair.people[side])}, your debrief of the session on "
                f"{latest.held_on} isn't logged yet."
            )
            found.append(_nudge(pair, "debrief-missing", [side], reason, opener))
    return found


def _rating_drops(pair: _Pair) -> list[Nudge]:
    found = []
    for side in ("leader", "mentor"):
        rated = [(h.held_on, h.ratings[side]) for h in pair.held if h.ratings[side] is not None]
        if len(rated) < 2:
            continue
        (before_on, before), (latest_on, latest) = rated[-2], rated[-1]
        assert before is not None and latest is not None
        drops = [
            f"{name} rating fell from {old} to {new}"
            for name, old, new in (
                ("safety", before[0], latest[0]),
                ("usefulness", before[1], latest[1]),
            )
            if old - new >= RATING_DROP_POINTS
        ]
        if drops:
            reason = f"{side}'s {' and '.join(drops)} ({before_on} to {latest_on})"
            opener = f"Hi {_first(pair.people[side])}, thanks for your debrief of {latest_on}."
            found.append(_nudge(pair, "rating-drop", [side], reason, opener))
    return found
