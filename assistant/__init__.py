"""rmcoach: a reverse-mentoring coach for the terminal."""

import logging

from assistant import telemetry_off as _telemetry_off

_telemetry_off.forbid_phoning_home()

__version__ = "0.1.0"

# rmcoach's log lines (a server's raw error body among them) belong in a log file, never on a
# person's terminal: without a handler, Python would print warnings to stderr. The app adds
# its file handler; the command line has none, and prints its own one-line messages.
logging.getLogger("rmcoach").addHandler(logging.NullHandler())
