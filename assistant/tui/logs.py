"""While the app owns the terminal, log records go to a file, never to the screen.

Python's last-resort handler would print warnings (a failed model call, say) straight over the
UI; a file handler on the root logger catches them first. `home/logs/app.log`, rotated.
"""

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path


def log_to_file(home: Path) -> logging.Handler:
    """Attach and return the handler; hand it to `stop_logging_to_file` when the app ends."""
    folder = home / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        folder / "app.log", maxBytes=1_000_000, backupCount=2, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        logging.getLogger("rmcoach").setLevel(logging.INFO)
    return handler


def stop_logging_to_file(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)
    handler.close()
