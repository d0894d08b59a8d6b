"""Compatibility scores for every leader and mentor, built from parts a coordinator can weigh.

Each part is a leader x mentor matrix of values between 0 and 1; the score is their weighted
sum, with the weights from `Settings.matching`:

- goal_fit: how well the mentor's skills and interests answer each of the leader's goals
  (semantic similarity, the best mentor phrase for each goal, averaged over the goals);
- tag_overlap: exact tags shared (Jaccard of leader goals+interests and mentor skills+interests);
- perspective: another department, and how many levels apart (full credit from 6 levels);
- availability: Jaccard of free slots; 0.5, neutral, when either side gave none.

Everything is vectorised: phrases are embedded once each (most repeat across a cohort), and
the matrices come from a few matrix products.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from assistant.config import MatchingWeights
from assistant.matching.results import PhraseKind
from assistant.matching.vectors import PhraseVectors
from assistant.models import Participant

PARTS: tuple[str, ...] = ("goal_fit", "tag_overlap", "perspective", "availability")
LEVEL_GAP_FOR_FULL_CREDIT = 6
NEUTRAL_AVAILABILITY = 0.5
# e5 similarities sit in a narrow band (unrelated phrases score ~0.78, close ones ~0.88), and some
# goals sit closer to everything than others. So a goal's similarity to a mentor phrase is
# credited by how far it rises above that goal's typical similarity to unrelated skills (the
# median over REFERENCE_PHRASES), with full credit at SIMILARITY_SPAN above it.
SIMILARITY_SPAN = 0.10
REFERENCE_PHRASES: tuple[str, ...] = (
    "accounting", "baking", "cycling", "gardening", "chess", "marathon running", "photography",
    "public speaking", "project management", "spreadsheets", "customer service", "sales",
    "procurement", "payroll", "contract law", "warehouse logistics", "event planning",
    "first aid", "fundraising", "volunteering", "choir singing", "football", "yoga",
    "travel", "cooking", "reading novels", "board games", "knitting", "hiking", "languages",
    "graphic design", "copywriting", "budgeting", "recruitment", "negotiation",
    "quality assurance", "health and safety", "facilities management", "translation",
    "market research",
)  # fmt: skip
_CHUNK_FLOATS = 16_000_000


def normalise(text: str) -> str:
    """The form a phrase is compared and embedded in: single spaces."""
    return " ".join(text.split())


def tag(text: str) -> str:
    """The form a tag is matched exactly in: single spaces, case-folded."""
    return normalise(text).casefold()


def leader_tags(leader: Participant) -> list[str]:
    return list(dict.fromkeys(tag(text) for text in [*leader.goals, *leader.interests]))


def mentor_tags(mentor: Participant) -> list[str]:
    return list(dict.fromkeys(tag(text) for text in [*mentor.skills, *mentor.interests]))


def mentor_phrases(mentor: Participant) -> list[tuple[str, PhraseKind]]:
    """(phrase, "skill" or "interest"), each phrase once, skills first."""
    phrases: dict[str, PhraseKind] = {}
    kinds: tuple[tuple[PhraseKind, list[str]], ...] = (
        ("skill", mentor.skills),
        ("interest", mentor.interests),
    )
    for kind, texts in kinds:
        for text in texts:
            phrases.setdefault(normalise(text), kind)
    return list(phrases.items())


def leader_goals(leader: Participant) -> list[str]:
    return list(dict.fromkeys(normalise(text) for text in leader.goals))


@dataclass(frozen=True)
class GoalSpace:
    """The embedded goals and mentor phrases, kept so explanations reuse the exact numbers."""

    goal_texts: list[str]
    phrase_texts: list[str]
    similarity: np.ndarray
    """goal x phrase cosine similarity."""
    credit: np.ndarray
    """goal x phrase credit between 0 and 1 (see SIMILARITY_SPAN)."""
    baseline: np.ndarray
    """Each goal's typical similarity to unrelated phrases."""

    goal_rows: dict[str, int]
    """Goal text -> its row in the matrices."""
    phrase_columns: dict[str, int]
    """Mentor phrase text -> its column in the matrices."""


@dataclass(frozen=True)
class Scores:
    """Part matrices (leader x mentor), their weights, and the weighted total."""

    leaders: list[Participant]
    mentors: list[Participant]
    parts: dict[str, np.ndarray]
    weights: dict[str, float]
    total: np.ndarray
    goals: GoalSpace


def score(
    leaders: Sequence[Participant],
    mentors: Sequence[Participant],
    weights: MatchingWeights,
    vectors: PhraseVectors,
) -> Scores:
    """Every part for every leader and mentor, and the weighted total."""
    goals = embed_goals(leaders, mentors, vectors)
    parts = {
        "goal_fit": goal_fit(leaders, mentors, goals),
        "tag_overlap": jaccard(
            [leader_tags(person) for person in leaders], [mentor_tags(person) for person in mentors]
        ),
        "perspective": perspective(leaders, mentors),
        "availability": availability(leaders, mentors),
    }
    weight_of = {name: float(getattr(weights, name)) for name in PARTS}
    total = sum(weight_of[name] * parts[name] for name in PARTS)
    assert isinstance(total, np.ndarray)
    return Scores(list(leaders), list(mentors), parts, weight_of, total.astype(np.float32), goals)


def embed_goals(
    leaders: Sequence[Participant], mentors: Sequence[Participant], vectors: PhraseVectors
) -> GoalSpace:
    goal_texts = list(dict.fromkeys(goal for person in leaders for goal in leader_goals(person)))
    phrase_texts = list(
        dict.fromkeys(phrase for person in mentors for phrase, _ in mentor_phrases(person))
    )
    goal_vectors = vectors.queries(goal_texts)
    phrase_vectors = vectors.passages(phrase_texts)
    reference = vectors.passages(REFERENCE_PHRASES)
    baseline = np.median(goal_vectors @ reference.T, axis=1).astype(np.float32)
    similarity = goal_vectors @ phrase_vectors.T
    credit = np.clip((similarity - baseline[:, None]) / SIMILARITY_SPAN, 0.0, 1.0)
    return GoalSpace(
        goal_texts,
        phrase_texts,
        similarity,
        credit.astype(np.float32),
        baseline,
        goal_rows={text: row for row, text in enumerate(goal_texts)},
        phrase_columns={text: column for column, text in enumerate(phrase_texts)},
    )


def goal_fit(
    leaders: Sequence[Participant], mentors: Sequence[Participant], goals: GoalSpace
) -> np.ndarray:
    """Mean over each leader's goals of the best credit among the mentor's phrases."""
    best = _best_phrase_credit(mentors, goals)
    rows, columns, values = [], [], []
    for row, leader in enumerate(leaders):
        texts = leader_goals(leader)
        for text in texts:
            rows.append(row)
            columns.append(goals.goal_rows[text])
            values.append(1.0 / len(texts))
    averaging = sparse.csr_matrix(
        (values, (rows, columns)), shape=(len(leaders), len(goals.goal_texts)), dtype=np.float32
    )
    return np.asarray(averaging @ best, dtype=np.float32)


def _best_phrase_credit(mentors: Sequence[Participant], goals: GoalSpace) -> np.ndarray:
    """goal x mentor: the best credit any of the mentor's phrases earns for that goal."""
    n_goals, n_phrases = goals.credit.shape
    widest = max((len(mentor_phrases(person)) for person in mentors), default=0)
    # Mentors with fewer phrases are padded with a column of zero credit.
    padded = np.hstack([goals.credit, np.zeros((n_goals, 1), dtype=np.float32)])
    index = np.full((len(mentors), max(widest, 1)), n_phrases)
    for row, person in enumerate(mentors):
        positions = [goals.phrase_columns[phrase] for phrase, _ in mentor_phrases(person)]
        index[row, : len(positions)] = positions
    best = np.zeros((n_goals, len(mentors)), dtype=np.float32)
    step = max(1, _CHUNK_FLOATS // max(1, n_goals * index.shape[1]))
    for start in range(0, len(mentors), step):
        chunk = index[start : start + step]
        best[:, start : start + len(chunk)] = padded[:, chunk].max(axis=2)
    return best


def _incidence(sets: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    rows = [row for row, items in enumerate(sets) for _ in items]
    columns = [vocabulary[item] for items in sets for item in items]
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, columns)), shape=(len(sets), len(vocabulary)))


def _overlap(
    left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]
) -> tuple[np.ndarray, np.ndarray]:
    """Shared items and union sizes, left x right."""
    vocabulary: dict[str, int] = {}
    for items in [*left, *right]:
        for item in items:
            vocabulary.setdefault(item, len(vocabulary))
    shared = np.asarray(
        (_incidence(left, vocabulary) @ _incidence(right, vocabulary).T).toarray(),
        dtype=np.float32,
    )
    left_sizes = np.array([len(items) for items in left], dtype=np.float32)
    right_sizes = np.array([len(items) for items in right], dtype=np.float32)
    return shared, left_sizes[:, None] + right_sizes[None, :] - shared


def jaccard(left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]) -> np.ndarray:
    """Shared items over all items, left x right; 0 when both are empty."""
    shared, union = _overlap(left, right)
    return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def slots(person: Participant) -> list[str]:
    return list(dict.fromkeys(tag(slot) for slot in person.availability))


def availability(leaders: Sequence[Participant], mentors: Sequence[Participant]) -> np.ndarray:
    overlap = jaccard([slots(person) for person in leaders], [slots(person) for person in mentors])
    leader_gave = np.array([bool(person.availability) for person in leaders], dtype=bool)
    mentor_gave = np.array([bool(person.availability) for person in mentors], dtype=bool)
    both_gave = leader_gave[:, None] & mentor_gave[None, :]
    return np.where(both_gave, overlap, NEUTRAL_AVAILABILITY).astype(np.float32)


def perspective(leaders: Sequence[Participant], mentors: Sequence[Participant]) -> np.ndarray:
    """Half for another department, half for the level gap (full from 6 levels below)."""
    departments: dict[str, int] = {}
    leader_departments = np.array(
        [departments.setdefault(tag(p.department), len(departments)) for p in leaders], dtype=int
    )
    mentor_departments = np.array(
        [departments.setdefault(tag(p.department), len(departments)) for p in mentors], dtype=int
    )
    different = leader_departments[:, None] != mentor_departments[None, :]
    leader_levels = np.array([person.level for person in leaders], dtype=np.float32)
    mentor_levels = np.array([person.level for person in mentors], dtype=np.float32)
    gap = np.clip(
        (leader_levels[:, None] - mentor_levels[None, :]) / LEVEL_GAP_FOR_FULL_CREDIT, 0.0, 1.0
    )
    return ((different.astype(np.float32) + gap) / 2).astype(np.float32)
