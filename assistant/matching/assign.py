"""The optimal assignment over a whole cohort, and why anyone is left without a partner.

`linear_sum_assignment` maximises the total score over all pairs at once (a greedy pass gives a
strong leader their favourite and can strand someone else). Blocked cells (reporting line,
forbidden, paired before) carry a penalty larger than any total of scores, so the solver first
pairs as many people as the rules allow and only then maximises the score; any blocked cell it
still had to use is dropped, and those two people are reported as unmatched.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from assistant.matching.results import Unmatched
from assistant.models import Participant

_BLOCKED_PENALTY = 1e6


@dataclass(frozen=True)
class Blocks:
    """Why a leader (row) may not meet a mentor (column); each a boolean matrix."""

    reporting_line: np.ndarray
    forbidden: np.ndarray
    paired_before: np.ndarray

    @property
    def any(self) -> np.ndarray:
        return self.reporting_line | self.forbidden | self.paired_before


def assign(total: np.ndarray, blocked: np.ndarray) -> list[tuple[int, int]]:
    """(row, column) pairs maximising the total score, never on a blocked cell."""
    if total.size == 0:
        return []
    masked = np.where(blocked, -_BLOCKED_PENALTY, total.astype(np.float64))
    rows, columns = linear_sum_assignment(masked, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, columns, strict=True) if not blocked[r, c]]


def unmatched(
    cohort: str,
    leaders: Sequence[Participant],
    mentors: Sequence[Participant],
    pairs: Sequence[tuple[int, int]],
    blocks: Blocks,
) -> list[Unmatched]:
    """Everyone the assignment left out, each with the reason that applies to them."""
    paired_rows = {row for row, _ in pairs}
    paired_columns = {column for _, column in pairs}
    sides = (
        ("leader", leaders, mentors, blocks, paired_rows, "mentor"),
        ("mentor", mentors, leaders, _transposed(blocks), paired_columns, "leader"),
    )
    left: list[Unmatched] = []
    for role, people, others, person_blocks, paired, other_role in sides:
        for index, person in enumerate(people):
            if index in paired:
                continue
            reason = _reason(cohort, index, people, others, person_blocks, other_role)
            left.append(
                Unmatched(
                    cohort=cohort, person_id=person.id, name=person.name, role=role, reason=reason
                )
            )
    return left


def _transposed(blocks: Blocks) -> Blocks:
    return Blocks(blocks.reporting_line.T, blocks.forbidden.T, blocks.paired_before.T)


def _reason(
    cohort: str,
    index: int,
    people: Sequence[Participant],
    others: Sequence[Participant],
    blocks: Blocks,
    other_role: str,
) -> str:
    role = "leader" if other_role == "mentor" else "mentor"
    if not others:
        return f"no free {other_role} in cohort {cohort}: all are paired, locked or left out"
    open_to = np.flatnonzero(~blocks.any[index])
    if open_to.size == 0:
        counts = _block_counts(blocks, index)
        return f"no eligible {other_role}: of the {len(others)} free {other_role}s, {counts}"
    if len(people) > len(others):
        return (
            f"more {role}s ({len(people)}) than free {other_role}s ({len(others)}) in cohort "
            f"{cohort}; the optimal assignment gave the {other_role}s open to them to others"
            + ("; kept on the reserve list" if role == "mentor" else "")
        )
    names = ", ".join(others[i].name for i in open_to[:3]) + (" ..." if open_to.size > 3 else "")
    return (
        f"the {other_role}s open to them ({names}) were needed by {role}s with fewer options; "
        "lift a forbid or rematch an existing pair to free one"
    )


def _block_counts(blocks: Blocks, index: int) -> str:
    """How many were ruled out by each rule, each counted under the first rule that applies."""
    line = blocks.reporting_line[index]
    forbidden = blocks.forbidden[index] & ~line
    before = blocks.paired_before[index] & ~line & ~forbidden
    counts = [
        (int(line.sum()), "in the same reporting line"),
        (int(forbidden.sum()), "forbidden"),
        (int(before.sum()), "paired with them before"),
    ]
    return ", ".join(
        f"{count} {'is' if count == 1 else 'are'} {what}" for count, what in counts if count
    )
