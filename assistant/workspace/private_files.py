"""Files one person keeps for themself in the data folder: their folder 0700, each file 0600.

Rehearsal scores and preparation chats are a person's own: another account on the machine must
not read them, and nothing else in rmcoach (reports, exports, coordinators) reads these folders.
"""

from pathlib import Path

from assistant.files import write_atomically


def private_folder(home: Path, name: str) -> Path:
    folder = home / "private" / name
    folder.mkdir(parents=True, exist_ok=True)
    for path in (folder, *folder.relative_to(home).parents):
        if path != Path("."):
            (home / path).chmod(0o700)
    return folder


def write_private(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step, readable by its owner only."""
    write_atomically(path, text)  # a temp file from mkstemp: created 0600, kept by the rename
    path.chmod(0o600)
