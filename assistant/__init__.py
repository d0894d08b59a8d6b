"""rmcoach: a reverse-mentoring coach for the terminal."""

from assistant import offline as _offline

_offline.forbid_phoning_home()

__version__ = "0.1.0"
