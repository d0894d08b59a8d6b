"""rmcoach: a reverse-mentoring coach for the terminal."""

from assistant import telemetry_off as _telemetry_off

_telemetry_off.forbid_phoning_home()

__version__ = "0.1.0"
