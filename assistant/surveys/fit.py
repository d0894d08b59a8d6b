"""Poor pairing fit: a side whose pairing-fit answers average at or below the poor-fit line.

Read by the report's at-risk rule `poor-fit` and by the coordinator's nudge, both over pairs the
caller chooses (active pairs whose two people consented: fit answers are shared like summaries).
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, select
from sqlalchemy.sql.selectable import FromClause

from assistant.models import Side
from assistant.store.schema import survey_answers, survey_responses
from assistant.surveys.catalogue import FIT, POOR_FIT_MEAN, bundled_surveys


@dataclass(frozen=True)
class PoorFit:
    pair_id: str
    cohort: str
    side: Side
    mean: float
    """The side's mean item answer, 1-5."""
    answered_on: date


def poor_fits(conn: Connection, among: FromClause, today: date) -> list[PoorFit]:
    """Each side of a pair in `among` (columns `id`, `cohort`) whose fit answer, given by
    `today`, was poor; by pair and side."""
    r, a = survey_responses.c, survey_answers.c
    items = len(bundled_surveys().scale(FIT).items)
    total = func.sum(a.value)
    query = (
        select(r.pair_id, among.c.cohort, r.side, r.answered_on, total)
        .join_from(survey_responses, survey_answers, a.response_id == r.id)
        .join(among, among.c.id == r.pair_id)
        .where(r.kind == "pairing-fit", a.scale == FIT, r.answered_on <= today)
        .group_by(r.id, r.pair_id, among.c.cohort, r.side, r.answered_on)
        .having(total <= POOR_FIT_MEAN * items)
        .order_by(r.pair_id, r.side)
    )
    return [
        PoorFit(pair_id, cohort, side, score / items, answered_on)
        for pair_id, cohort, side, answered_on, score in conn.execute(query)
    ]
