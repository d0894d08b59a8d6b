"""What people said, without quoting them: themes in consenting pairs' free text.

The passages are the shared summaries and "what I learned" fields of the report's held sessions
and the free-text survey answers, from pairs whose two people consented to share. Distinct
passages (the newest MAX_PASSAGES) are embedded with the local model, clustered by meaning
(average-linkage on cosine distance) and each cluster is labelled with its most distinctive
words by class-based TF-IDF: a word's weight in a theme times log(1 + the mean words per theme
/ its count over all themes). Nothing a person wrote leaves this module but single words, and
only words written by at least K pairs, in themes at least K pairs contributed to; smaller
themes fold into "other". Vectors are cached under the data folder, so a rerun embeds only
passages it has not seen. A theme's sessions count each session once per passage of it in the
theme (a session whose two "learned" fields fall in one theme counts twice): exact counts would
need a second pass over every passage, which cost more than the rest of the section.
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, func, or_, select

from assistant.reports.model import FeedbackTheme
from assistant.reports.scope import Scope
from assistant.reports.sql import on
from assistant.store.schema import PASSAGE_FIELDS, sessions, survey_responses

#: The newest distinct passages clustered; older ones are left out to bound the embedding work
#: (about 10 ms a passage the first time; cached after).
MAX_PASSAGES = 500
#: Passages closer than this cosine distance, on average, fall in one theme.
THEME_DISTANCE = 0.15
LABEL_WORDS = 4
OTHER = "other"

if TYPE_CHECKING:
    import numpy as np

# numpy loads with the clustering, inside the report's second thread, not at import.
Embed = Callable[[list[str]], "np.ndarray"]

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
    writers, sessions_of, texts = _written(conn, scope)
    if len(texts) < 2:
        return []
    from assistant.reports.linkage import flat_clusters

    themes = flat_clusters(embed(texts), THEME_DISTANCE)
    return _labelled(texts, themes, writers, sessions_of, min_pairs)


def _written(
    conn: Connection, scope: Scope
) -> tuple[dict[str, set[str]], dict[str, int], list[str]]:
    """Who wrote each distinct passage, in how many sessions, and the newest MAX_PASSAGES.

    One pass per field grouped by passage and pair, which SQLite reads in the order of the
    field's index (`m007_report_indexes`) instead of sorting every passage of the programme; a
    session counts once for a passage it holds in two or three fields.
    """
    writers: dict[str, set[str]] = defaultdict(set)
    sessions_of: dict[str, int] = defaultdict(int)
    newest: dict[str, int] = {}

    def add(passage: str, pair_id: str, sessions: int, day: int) -> None:
        writers[passage].add(pair_id)
        sessions_of[passage] += sessions
        newest[passage] = max(day, newest.get(passage, day))

    held, s = scope.window, sessions.c
    for field in PASSAGE_FIELDS:
        per_pair = (
            select(s[field], s.pair_id, func.count(), func.max(held.c.day))
            .join_from(sessions, held, held.c.id == s.id)
            .where(s[field] != "")
            .group_by(s[field], s.pair_id)
        )
        for passage, pair_id, count, day in conn.execute(per_pair):
            add(passage, pair_id, count, day)
    for passage, repeats in _repeated_in_a_session(conn, scope).items():
        sessions_of[passage] -= repeats
    for passage, pair_id in conn.execute(_survey_comments(scope)):
        add(passage, pair_id, 0, scope.today_day)
    texts = sorted(newest, key=lambda t: (-newest[t], t))[:MAX_PASSAGES]
    return writers, sessions_of, texts


def _repeated_in_a_session(conn: Connection, scope: Scope) -> Counter[str]:
    """For each passage, how many times a session held it in a second (or third) field."""
    held, s = scope.window, sessions.c
    first, second, third = (s[field] for field in PASSAGE_FIELDS)
    same = or_(first == second, first == third, second == third)
    query = select(first, second, third).join_from(sessions, held, held.c.id == s.id).where(same)
    repeats: Counter[str] = Counter()
    for fields in conn.execute(query):
        for passage, times in Counter(text for text in fields if text).items():
            repeats[passage] += times - 1
    return repeats


def _survey_comments(scope: Scope) -> Select[Any]:
    """(comment, pair_id) of the shared pairs' free-text survey answers up to the report date;
    they count as written on the report date, in no session."""
    r = survey_responses.c
    return (
        select(r.comment, r.pair_id)
        .join_from(survey_responses, scope.shared, scope.shared.c.id == r.pair_id)
        .where(r.comment != "", r.answered_on <= on(scope.today))
        .group_by(r.comment, r.pair_id)
    )


def _words(passage: str) -> list[str]:
    return [
        word.removesuffix("'s")
        for word in _WORD.findall(passage.lower())
        if word not in _STOPWORDS and len(word) > 2
    ]


def _labelled(
    texts: list[str],
    themes: list[int],
    writers: dict[str, set[str]],
    sessions_of: dict[str, int],
    min_pairs: int,
) -> list[FeedbackTheme]:
    by_theme: Counter[int] = Counter()
    for passage, theme in zip(texts, themes, strict=True):
        by_theme[theme] += sessions_of[passage]
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
