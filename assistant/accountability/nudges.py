"""Who needs a nudge today, and why: what the rules in `due.py` find, put into words.

The report flags a pair at risk later (1.5 x the cadence, a falling trend); a nudge is the
earlier, lighter touch the accountability guidance recommends. Each nudge names its recipients,
states the facts behind it for the coordinator, and suggests a message that quotes the guidance
it follows.
"""

import functools
from datetime import date

from pydantic import BaseModel, ConfigDict
from sqlalchemy import and_, func, not_, select

from assistant.accountability.advice import NudgeKind, advice
from assistant.accountability.due import (
    KIND_ORDER,
    RATING_DROP_POINTS,
    AssessedPair,
    DuePair,
    OverdueCommitment,
    due_pairs,
    overdue_commitments,
)
from assistant.models import Role, Side, SourceRef
from assistant.store import Store
from assistant.store.schema import pairs, participants


class Recipient(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    role: Role


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
    key: str
    """The same on every day the same facts hold (kind, pair and the dates, side or commitment
    behind it), so `rmcoach nudges --send` e-mails a nudge once, not once a day."""


def nudges_for(store: Store, today: date) -> list[Nudge]:
    """Every nudge due on `today`, ordered by kind, pair and recipient."""
    with store.engine.connect() as conn:
        due = due_pairs(conn, today)
        overdue = overdue_commitments(conn, today)
    found = [nudge for pair in due for nudge in _session_nudges(pair, today)]
    found += [_overdue_commitment(item, today) for item in overdue]
    return sorted(
        found, key=lambda n: (KIND_ORDER.index(n.kind), n.pair_id, [r.id for r in n.to], n.reason)
    )


def not_assessed(store: Store) -> int:
    """Active pairs left out because a participant did not consent to share summaries."""
    leader, mentor, p = participants.alias("leader"), participants.alias("mentor"), pairs.c
    both = and_(leader.c.consent_to_share, mentor.c.consent_to_share)
    query = (
        select(func.count())
        .join_from(pairs, leader, leader.c.id == p.leader_id)
        .join_from(pairs, mentor, mentor.c.id == p.mentor_id)
        .where(p.status == "active", not_(both))
    )
    with store.engine.connect() as conn:
        return int(conn.scalar(query) or 0)


@functools.cache
def _guidance(kind: NudgeKind) -> tuple[SourceRef, str]:
    # Looked up once per kind: `advice` parses the guidance once per process anyway.
    return advice(kind)


def _first(pair: AssessedPair, side: Side) -> str:
    return pair.people[side][1].split()[0]


def _nudge(
    pair: AssessedPair,
    kind: NudgeKind,
    sides: tuple[Side, ...],
    reason: str,
    opener: str,
    facts: str,
) -> Nudge:
    source, guidance = _guidance(kind)
    to = [Recipient(id=pair.people[s][0], name=pair.people[s][1], role=s) for s in sides]
    return Nudge(
        kind=kind,
        pair_id=pair.id,
        cohort=pair.cohort,
        to=to,
        reason=reason,
        message=f"{opener} {guidance}",
        source=source,
        key=f"{kind}:{pair.id}:{facts}",
    )


def _session_nudges(due: DuePair, today: date) -> list[Nudge]:
    found = [_overdue_session(due, today)] if due.overdue_session else []
    found += [_debrief_missing(due, side, today) for side in due.debrief_missing]
    found += [_rating_drop(due, side, measures) for side, measures in due.rating_drops.items()]
    return found


def _overdue_session(due: DuePair, today: date) -> Nudge:
    pair, held = due.pair, due.last_held is not None
    cadence, last = pair.cadence_days, due.last_held or pair.start_date
    idle = (today - last).days
    since = f"last session on {last}" if held else f"no session since the start on {last}"
    reason = f"{since}: {idle} days, planned every {cadence} days"
    opener = (
        f"Hi {_first(pair, 'leader')} and {_first(pair, 'mentor')}, it's been {idle} days since "
        f"{'your last session' if held else 'your pair started'}, and you planned to meet "
        f"every {cadence} days."
    )
    return _nudge(pair, "overdue-session", ("leader", "mentor"), reason, opener, str(last))


def _overdue_commitment(item: OverdueCommitment, today: date) -> Nudge:
    late = (today - item.due).days
    reason = f"{item.owner}'s commitment “{item.text}” was due on {item.due} ({late} days ago)"
    opener = (
        f"Hi {_first(item.pair, item.owner)}, a quick nudge: your commitment “{item.text}” "
        f"was due on {item.due} and is still open."
    )
    facts = f"{item.owner}:{item.due}:{item.text}"
    return _nudge(item.pair, "overdue-commitment", (item.owner,), reason, opener, facts)


def _debrief_missing(due: DuePair, side: Side, today: date) -> Nudge:
    held_on = due.last_held
    assert held_on is not None  # the rule looks at a held session only
    reason = (
        f"no {side} debrief (ratings) for the session on {held_on}, "
        f"{(today - held_on).days} days ago"
    )
    opener = (
        f"Hi {_first(due.pair, side)}, your debrief of the session on {held_on} isn't logged yet."
    )
    return _nudge(due.pair, "debrief-missing", (side,), reason, opener, f"{side}:{held_on}")


def _rating_drop(due: DuePair, side: Side, measures: tuple[str, ...]) -> Nudge:
    # The coordinator reads the reason and sends the message: like the report, which withholds
    # figures for small groups, neither quotes a person's rating.
    latest, before = due.rated[side]
    reason = (
        f"{side}'s {' and '.join(measures)} rating{'s' if len(measures) > 1 else ''} fell by "
        f"{RATING_DROP_POINTS} points or more ({before.held_on} to {latest.held_on})"
    )
    opener = f"Hi {_first(due.pair, side)}, thanks for your debrief of {latest.held_on}."
    facts = f"{side}:{before.held_on}:{latest.held_on}"
    return _nudge(due.pair, "rating-drop", (side,), reason, opener, facts)
