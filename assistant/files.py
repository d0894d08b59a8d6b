"""Files rmcoach writes in its data folder: readable by their owner alone, whatever the umask.

A local store is one person's notebook and its only protection is the file system, so the data
folder is 0700 and every file in it 0600: the database with its `-wal` and `-shm` files, drafts
(which hold private notes), exports, logs, caches and the guidance store.
"""

import os
import stat
import tempfile
from pathlib import Path

PRIVATE_UMASK = 0o077


def private_umask() -> None:
    """Make everything this process creates from now on private to its owner.

    Set once for the whole process because the writers are many and some are not ours (SQLite's
    `-wal` and `-shm`, Chroma's files, the log handler): each would otherwise follow the usual
    umask, 022, and be readable by every user of the machine.
    """
    os.umask(PRIVATE_UMASK)


def private_home(home: Path) -> None:
    """Create the data folder 0700; tighten one that an older rmcoach left open to others."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    if stat.S_IMODE(home.stat().st_mode) & 0o077:
        tighten(home)


def tighten(folder: Path) -> None:
    """Folders 0700 and files 0600, all the way down."""
    folder.chmod(0o700)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            (Path(parent) / name).chmod(0o700)
        for name in files:
            path = Path(parent) / name
            if not path.is_symlink():
                path.chmod(0o600)


def create_private(path: Path) -> None:
    """Create `path` empty and 0600 if it is not there, so whatever opens it later keeps that."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path`, which is 0600 before the first byte lands."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step: readers see the old file or the new, never half.

    The temporary file comes from `mkstemp`, created 0600, and the rename keeps that mode, so
    the new file is private to its owner from its first byte.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
