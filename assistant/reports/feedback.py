"""What people said, without quoting them: themes in consenting pairs' free text.

The passages are the shared summaries and "what I learned" fields of the report's held sessions
and the free-text survey answers, from pairs whose two people consented to share. Distinct
passages (the newest MAX_PASSAGES) are embedded with the local model, clustered by meaning
(average-linkage on cosine distance) and each cluster is labelled with its most distinctive
words by class-based TF-IDF: a word's weight in a theme times log(1 + the mean words per theme
/ its count over all themes). Nothing a person wrote leaves this module but single words, and
only words written by at least K pairs, in themes at least K pairs contributed to; smaller
themes fold into "other". Vectors are cached under the data folder, so a rerun embeds only
passages it has not seen.
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    Table,
    Text,
    func,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.sql.selectable import Subquery

from assistant.reports.model import FeedbackTheme
from assistant.reports.scope import Scope
from assistant.reports.sql import on
from assistant.store.schema import sessions, survey_responses

#: The newest distinct passages clustered; older ones are left out to bound the embedding work.
MAX_PASSAGES = 1500
#: Passages closer than this cosine distance, on average, fall in one theme.
THEME_DISTANCE = 0.15
LABEL_WORDS = 4
OTHER = "other"

Embed = Callable[[list[str]], np.ndarray]

_TEMPORARY = MetaData()
_themed = Table(
    "report_feedback_texts",
    _TEMPORARY,
    Column("passage", Text, nullable=False),
    Column("theme", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")
_COMMON_WORDS = """a about above after again against all am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers him his how i if in into is it its itself just me
more most my no nor not now of off on once only or other our ours out over own same she should so
some such than that the their them then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours one two
us also get got make made much many way ways still less feel feels felt keep kept let lot need
needs new next like within without worked"""
_STOPWORDS = frozenset(_COMMON_WORDS.split())


def feedback_themes(
    conn: Connection, scope: Scope, min_pairs: int, embed: Embed
) -> list[FeedbackTheme]:
    passages = _passages(scope)
    texts = list(
        conn.scalars(
            select(passages.c.text)
            .group_by(passages.c.text)
            .order_by(func.max(passages.c.day).desc(), passages.c.text)
            .limit(MAX_PASSAGES)
        )
    )
    if len(texts) < 2:
        return []
    themes = _cluster(embed(texts))
    members = _pairs_and_sessions(conn, passages, texts, themes)
    return _labelled(texts, themes, members, min_pairs)


def _passages(scope: Scope) -> Subquery:
    """(pair_id, session_id or NULL, day, text) for every non-empty shared passage in scope."""
    s, w, r = sessions.c, scope.window.c, survey_responses.c
    from_sessions = [
        select(w.pair_id, w.id.label("session_id"), w.day, s[column].label("text"))
        .join_from(scope.window, sessions, s.id == w.id)
        .where(s[column] != "")
        for column in ("shared_summary", "leader_learned", "mentor_learned")
    ]
    from_surveys = (
        select(
            r.pair_id,
            literal(None, Integer).label("session_id"),
            literal(scope.today_day),
            r.comment,
        )
        .join_from(survey_responses, scope.shared, scope.shared.c.id == r.pair_id)
        .where(r.comment != "", r.answered_on <= on(scope.today))
    )
    return union_all(*from_sessions, from_surveys).subquery("passages")


def _cluster(vectors: np.ndarray) -> list[int]:
    from scipy.cluster.hierarchy import fcluster, linkage

    tree = linkage(vectors.astype(np.float64), method="average", metric="cosine")
    return [int(label) for label in fcluster(tree, THEME_DISTANCE, criterion="distance")]


def _pairs_and_sessions(
    conn: Connection, passages: Subquery, texts: list[str], themes: list[int]
) -> dict[str, Any]:
    """For each passage, the pairs that wrote it; for each theme, its sessions."""
    _themed.drop(conn, checkfirst=True)
    _themed.create(conn)
    conn.execute(
        _themed.insert(), [{"passage": t, "theme": n} for t, n in zip(texts, themes, strict=True)]
    )
    t = _themed.c
    joined = passages.join(_themed, t.passage == passages.c.text)
    writers: dict[str, set[str]] = defaultdict(set)
    for passage, pair_id in conn.execute(
        select(t.passage, passages.c.pair_id).select_from(joined).distinct()
    ):
        writers[passage].add(pair_id)
    counted = select(t.theme, func.count(passages.c.session_id.distinct())).select_from(joined)
    sessions_by_theme = dict(conn.execute(counted.group_by(t.theme)).all())
    conn.execute(text(f"DROP TABLE {_themed.name}"))
    return {"writers": writers, "sessions": sessions_by_theme}


def _words(passage: str) -> list[str]:
    return [
        word.removesuffix("'s")
        for word in _WORD.findall(passage.lower())
        if word not in _STOPWORDS and len(word) > 2
    ]


def _labelled(
    texts: list[str], themes: list[int], members: dict[str, Any], min_pairs: int
) -> list[FeedbackTheme]:
    writers, by_theme = members["writers"], members["sessions"]
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    word_pairs: dict[tuple[int, str], set[str]] = defaultdict(set)
    theme_pairs: dict[int, set[str]] = defaultdict(set)
    for passage, theme in zip(texts, themes, strict=True):
        theme_pairs[theme] |= writers[passage]
        for word in _words(passage):
            counts[theme][word] += len(writers[passage])
            word_pairs[(theme, word)] |= writers[passage]
    overall = sum(counts.values(), Counter())
    average = sum(overall.values()) / max(len(counts), 1)
    found, other_pairs, other_sessions = [], set(), 0
    for theme in sorted(theme_pairs, key=lambda n: (-len(theme_pairs[n]), n)):
        total = sum(counts[theme].values()) or 1
        weights = {
            word: n / total * math.log(1 + average / overall[word])
            for word, n in counts[theme].items()
            if len(word_pairs[(theme, word)]) >= min_pairs
        }
        words = sorted(weights, key=lambda w: (-weights[w], w))[:LABEL_WORDS]
        if len(theme_pairs[theme]) < min_pairs or not words:
            other_pairs |= theme_pairs[theme]
            other_sessions += by_theme.get(theme, 0)
            continue
        found.append(
            FeedbackTheme(
                label=" · ".join(words[:3]),
                words=words,
                pairs=len(theme_pairs[theme]),
                sessions=by_theme.get(theme, 0),
            )
        )
    if len(other_pairs) >= min_pairs:
        found.append(
            FeedbackTheme(label=OTHER, words=[], pairs=len(other_pairs), sessions=other_sessions)
        )
    return found


def cached_embedder(home: Path) -> Embed:
    """Passage vectors from the disk cache matching keeps, embedding only what is new."""
    from assistant.matching.vectors import PhraseVectors, cache_file

    return PhraseVectors(cache_file(home)).passages
