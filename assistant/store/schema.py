"""The programme's tables, in SQLAlchemy Core with portable types only.

The same definitions run on SQLite and PostgreSQL: lists are `JSON`, dates `Date`, flags
`Boolean`. Reports query these tables directly, so every shared fact has a plain column.
Private notes live in `private_notes` alone: no other table holds private text, and only the
owner's own view (`Store.private_notes`) reads it.
"""

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

ID = String(64)
NAME = String(200)

metadata = MetaData()

migrations = Table(
    "migrations",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

participants = Table(
    "participants",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", NAME, nullable=False),
    Column("role", String(20), nullable=False),
    Column("department", NAME, nullable=False),
    Column("level", Integer, nullable=False),
    # No foreign key: a roster may name a manager who is not in the programme.
    Column("manager_id", ID),
    Column("skills", JSON, nullable=False),
    Column("interests", JSON, nullable=False),
    Column("goals", JSON, nullable=False),
    Column("availability", JSON, nullable=False),
    Column("cohort", ID, nullable=False),
    Column("joined_on", Date),
    Column("left_on", Date),
    Column("consent_to_share", Boolean, nullable=False),
    # Optional: calendar attendees and e-mailed nudges reach only the people who have one.
    Column("email", String(254)),
    Index("ix_participants_cohort", "cohort"),
)

pairs = Table(
    "pairs",
    metadata,
    Column("id", ID, primary_key=True),
    Column("leader_id", ID, ForeignKey("participants.id"), nullable=False),
    Column("mentor_id", ID, ForeignKey("participants.id"), nullable=False),
    Column("cohort", ID, nullable=False),
    Column("start_date", Date, nullable=False),
    Column("cadence_days", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Index("ix_pairs_cohort", "cohort"),
)

objectives = Table(
    "objectives",
    metadata,
    Column("pair_id", ID, ForeignKey("pairs.id", ondelete="CASCADE"), primary_key=True),
    Column("id", ID, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("title", NAME, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("success_criteria", JSON, nullable=False),
    Column("progress", Integer, nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("pair_id", ID, ForeignKey("pairs.id", ondelete="CASCADE"), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("status", String(20), nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("topics", JSON, nullable=False),
    Column("agenda_covered", JSON, nullable=False),
    Column("leader_learned", Text, nullable=False),
    Column("mentor_learned", Text, nullable=False),
    Column("shared_summary", Text, nullable=False),
    # Ratings are empty for a cancelled session or when a side did not rate.
    Column("leader_safety", Integer),
    Column("leader_usefulness", Integer),
    Column("mentor_safety", Integer),
    Column("mentor_usefulness", Integer),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    # One session per pair and day: a second summary for it (the other side's debrief, or the
    # same one again) is merged into that session (see merge.py), never doubled.
    UniqueConstraint("pair_id", "held_on", name="uq_sessions_pair_held_on"),
)

#: A session's shared free text, which the report's feedback themes read (never private notes).
PASSAGE_FIELDS = ("shared_summary", "leader_learned", "mentor_learned")

# One row per topic so reports can count topics with GROUP BY instead of parsing JSON.
session_topics = Table(
    "session_topics",
    metadata,
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("topic", String(40), primary_key=True),
)

commitments = Table(
    "commitments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("pair_id", ID, ForeignKey("pairs.id", ondelete="CASCADE"), nullable=False),
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("owner", String(20), nullable=False),
    Column("text", NAME, nullable=False),
    Column("due", Date),
    Column("status", String(20), nullable=False),
    # Set when a later (or the same) session marks it done or dropped.
    Column("closed_on", Date),
    Column("closed_session_id", Integer, ForeignKey("sessions.id", ondelete="SET NULL")),
    Index("ix_commitments_pair_status", "pair_id", "status"),
)

objective_progress = Table(
    "objective_progress",
    metadata,
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("objective_id", ID, primary_key=True),
    Column("progress", Integer, nullable=False),
    Column("note", Text, nullable=False),
)

private_notes = Table(
    "private_notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("side", String(20), nullable=False),
    Column("text", Text, nullable=False),
    UniqueConstraint("session_id", "side", name="uq_private_notes_session_side"),
)

# One row per survey a person answered for a pair; `comment` is the free-text answer, shared like
# a session's shared summary (counted in reports only for consenting pairs, never quoted).
survey_responses = Table(
    "survey_responses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("pair_id", ID, ForeignKey("pairs.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", ID, ForeignKey("participants.id"), nullable=False),
    Column("side", String(20), nullable=False),
    Column("kind", String(20), nullable=False),
    # The questionnaire's version: answers to different wordings are never compared.
    Column("version", Integer, nullable=False),
    Column("answered_on", Date, nullable=False),
    Column("comment", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("pair_id", "side", "kind", name="uq_survey_responses_pair_side_kind"),
    Index("ix_survey_responses_kind", "kind"),
)

# One row per item answered; `scale` is copied from the catalogue so reports sum a scale in SQL.
survey_answers = Table(
    "survey_answers",
    metadata,
    Column(
        "response_id",
        Integer,
        ForeignKey("survey_responses.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("item_id", ID, primary_key=True),
    Column("scale", ID, nullable=False),
    Column("value", Integer, nullable=False),
)

# What `rmcoach nudges --send` has e-mailed: one row per recipient and item (a nudge's `key`, an
# owed survey, a line of the coordinator's summary), so a rerun sends nothing twice. Only keys are
# kept, never what the message said.
mail_sent = Table(
    "mail_sent",
    metadata,
    Column("recipient_id", ID, primary_key=True),
    Column("item_key", String(400), primary_key=True),
    Column("sent_on", Date, nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
)

# Who each database login is, in a shared (PostgreSQL) store; only admins write it. The login is
# PostgreSQL's own authenticated user name: rmcoach keeps no passwords. No foreign key, so that
# clearing a programme never needs to touch who may use the database.
access_logins = Table(
    "access_logins",
    metadata,
    Column("login", String(63), primary_key=True),
    # participant, coordinator or admin; a participant's side comes from their pairs.
    Column("role", String(20), nullable=False),
    Column("participant_id", ID),
    Column("granted_at", DateTime(timezone=True), nullable=False),
)

#: The tables a coordinator's reports may read; `private_notes` is deliberately absent.
SHARED_TABLES: tuple[Table, ...] = (
    participants,
    pairs,
    objectives,
    sessions,
    session_topics,
    commitments,
    objective_progress,
    survey_responses,
    survey_answers,
)
