"""Tables as an early migration built them, frozen: `schema.py` holds them as they are now.

A migration that alters a table gives the migrations before it a copy of that table as it was,
so a new database is built step by step exactly like one that has been upgraded all along.
"""

from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, MetaData, String, Table

from assistant.store.schema import ID, NAME

metadata = MetaData()

#: `participants` before `m003_participant_email` added the optional e-mail address.
participants_v1 = Table(
    "participants",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", NAME, nullable=False),
    Column("role", String(20), nullable=False),
    Column("department", NAME, nullable=False),
    Column("level", Integer, nullable=False),
    Column("manager_id", ID),
    Column("skills", JSON, nullable=False),
    Column("interests", JSON, nullable=False),
    Column("goals", JSON, nullable=False),
    Column("availability", JSON, nullable=False),
    Column("cohort", ID, nullable=False),
    Column("joined_on", Date),
    Column("left_on", Date),
    Column("consent_to_share", Boolean, nullable=False),
    Index("ix_participants_cohort", "cohort"),
)
