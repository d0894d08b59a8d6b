"""The log of what `rmcoach nudges --send` e-mailed: item keys by recipient, nothing of the text.

An item is recorded only after the server accepted the message carrying it, in one transaction
per message, so a failed send leaves nothing recorded and is retried on the next run.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import Engine, select

from assistant.store.rows import chunks
from assistant.store.schema import mail_sent


def already_sent(engine: Engine, recipient_ids: Iterable[str]) -> dict[str, set[str]]:
    """The item keys each of these recipients has been sent."""
    found: dict[str, set[str]] = defaultdict(set)
    with engine.connect() as conn:
        for batch in chunks(sorted(set(recipient_ids))):
            query = select(mail_sent.c.recipient_id, mail_sent.c.item_key).where(
                mail_sent.c.recipient_id.in_(batch)
            )
            for row in conn.execute(query):
                found[row.recipient_id].add(row.item_key)
    return found


def record_sent(engine: Engine, recipient_id: str, keys: Iterable[str], today: date) -> None:
    now = datetime.now(UTC)
    rows = [
        {"recipient_id": recipient_id, "item_key": key, "sent_on": today, "sent_at": now}
        for key in sorted(set(keys))
    ]
    if rows:
        with engine.begin() as conn:
            conn.execute(mail_sent.insert(), rows)
