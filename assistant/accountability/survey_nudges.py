"""Survey nudges: a person who owes surveys, and the coordinator of a pair that fits poorly.

- survey-due: one nudge per person and pair, naming every survey they owe (see
  `assistant/surveys/due.py`) and the command that answers it. Owing a survey reveals nothing a
  pair wrote, so everyone who owes one is nudged, whatever the pair's consent or status.
- poor-fit: to the pair's cohort's coordinators (every coordinator when the cohort has none),
  when a side of an active, consenting pair rated the pairing's fit poorly in the last
  POOR_FIT_NUDGE_DAYS: talk to the pair. Later the report's at-risk rule `poor-fit` keeps it in
  view; a nudge is news, not a standing reminder.

The session rules in `nudges.py` stay as they were; `rmcoach nudges` and the report show both.
"""

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import Connection, select

from assistant.accountability.advice import advice
from assistant.accountability.facts import assessed_pairs
from assistant.accountability.nudges import Nudge, Recipient
from assistant.store import Store
from assistant.store.schema import participants
from assistant.surveys.catalogue import POOR_FIT_MEAN
from assistant.surveys.due import OwedSurvey, surveys_owed
from assistant.surveys.fit import PoorFit, poor_fits

POOR_FIT_NUDGE_DAYS = 28
_TITLES = {
    "baseline": "the baseline survey",
    "pairing-fit": "the pairing-fit survey",
    "closing": "the closing survey",
    "recommendation": "the recommendation question",
}


def survey_nudges(store: Store, today: date) -> list[Nudge]:
    """Every survey nudge due on `today`: survey-due by pair and person, then poor-fit."""
    with store.engine.connect() as conn:
        owed = surveys_owed(conn, today)
        poor = recent_poor_fits(conn, today, None)
        coordinators = _coordinators(conn)
    by_person: dict[tuple[str, str], list[OwedSurvey]] = defaultdict(list)
    for survey in owed:
        by_person[(survey.pair_id, survey.participant_id)].append(survey)
    found = [_survey_due(surveys, today) for surveys in by_person.values()]
    return found + [_poor_fit(fit, coordinators) for fit in poor]


def recent_poor_fits(conn: Connection, today: date, cohort: str | None) -> list[PoorFit]:
    """Poor fits answered in the last POOR_FIT_NUDGE_DAYS by assessed pairs (of `cohort`)."""
    since = today - timedelta(days=POOR_FIT_NUDGE_DAYS)
    found = poor_fits(conn, assessed_pairs(today, cohort), today)
    return [fit for fit in found if fit.answered_on > since]


def _survey_due(owed: list[OwedSurvey], today: date) -> Nudge:
    first = owed[0]
    kinds = [o.kind for o in owed]
    names = [_TITLES[kind] for kind in kinds]
    listed = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    oldest = min(o.due_since for o in owed)
    source, guidance = advice("survey-due")
    command = f"rmcoach survey take --pair {first.pair_id} --as {first.side}"
    return Nudge(
        kind="survey-due",
        pair_id=first.pair_id,
        cohort=first.cohort,
        to=[Recipient(id=first.participant_id, name=first.name, role=first.side)],
        reason=f"{first.side} owes {listed} (due since {oldest}, {(today - oldest).days} days)",
        message=(
            f"Hi {first.name.split()[0]}, {listed} for your pair {first.pair_id} "
            f"{'is' if len(owed) == 1 else 'are'} waiting for you; a few minutes in the app or "
            f"with `{command}`. {guidance}"
        ),
        source=source,
        key=f"survey-due:{first.pair_id}:{first.participant_id}:{'+'.join(sorted(kinds))}",
    )


def _poor_fit(fit: PoorFit, coordinators: dict[str, list[Recipient]]) -> Nudge:
    source, guidance = advice("poor-fit")
    every = [person for people in coordinators.values() for person in people]
    # A coordinator reads this: the line says the answer crossed the poor-fit line, never the
    # person's own figure (as with the rating-drop nudges).
    line = f"{POOR_FIT_MEAN:g} of 5 or lower"
    reason = f"the {fit.side}'s pairing-fit answers were {line} on {fit.answered_on}"
    return Nudge(
        kind="poor-fit",
        pair_id=fit.pair_id,
        cohort=fit.cohort,
        to=coordinators.get(fit.cohort) or every,
        reason=reason,
        message=(
            f"Pair {fit.pair_id}: {reason}. Talk to each of them separately about what would "
            f"help before deciding anything. {guidance}"
        ),
        source=source,
        key=f"poor-fit:{fit.pair_id}:{fit.side}:{fit.answered_on}",
    )


def _coordinators(conn: Connection) -> dict[str, list[Recipient]]:
    p = participants.c
    query = select(p.id, p.name, p.cohort).where(p.role == "coordinator").order_by(p.id)
    found: dict[str, list[Recipient]] = defaultdict(list)
    for person_id, name, cohort in conn.execute(query):
        found[cohort].append(Recipient(id=person_id, name=name, role="coordinator"))
    return found
