"""A marker beside the guidance store while an ingest runs: present afterwards means it was cut
short (a crash, Ctrl+C, a full disk) and the store holds only part of the documents."""

from pathlib import Path

FILE_NAME = "ingest-unfinished"


def mark(folder: Path, source: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILE_NAME).write_text(str(source.resolve()), encoding="utf-8")


def clear(folder: Path) -> None:
    (folder / FILE_NAME).unlink(missing_ok=True)


def source(folder: Path) -> Path | None:
    """The folder the interrupted ingest was reading, or None when the last one finished."""
    try:
        return Path((folder / FILE_NAME).read_text(encoding="utf-8").strip())
    except OSError:
        return None
