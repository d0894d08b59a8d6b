"""Who is signed in, and what their role lets them run.

In a shared (PostgreSQL) store the person is the database's own authenticated login, mapped by
`rmcoach access grant`; the database enforces the same rules with grants and row-level
security (`assistant/store/access_sql.py`), so these checks only make refusals readable. A local
(SQLite) store is one person's notebook, protected by the file system: its person is chosen once
and remembered.
"""

from assistant.access.identity import Identity, Role, signed_in
from assistant.access.rules import NotPermitted, require

__all__ = ["Identity", "NotPermitted", "Role", "require", "signed_in"]
