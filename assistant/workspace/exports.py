"""Export files that never replace one written before: a second export of a day gets `-2`.

A person who exports the report in the morning and again after a change keeps both; the name of
the new file says it is another. Each file is written whole under a temporary name, then linked
to a name nobody holds yet (a link fails if the name exists), so two exports at once cannot take
the same name and a reader never sees half a file.
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

MAX_COPIES = 1000


@dataclass(frozen=True)
class Exported:
    path: Path
    earlier: Path | None
    """The first export of that name, kept as it was, when this one had to take another name."""

    def __str__(self) -> str:
        if self.earlier is None:
            return str(self.path)
        return f"{self.path} (a new file: {self.earlier.name}, exported earlier, is kept)"


def write_export(folder: Path, stem: str, extension: str, text: str) -> Exported:
    """Write `text` to `folder/stem.extension`, or `stem-2.extension`... if that name is taken."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        return _link_free_name(Path(temp_name), folder, stem, extension)
    finally:
        Path(temp_name).unlink(missing_ok=True)


def _link_free_name(written: Path, folder: Path, stem: str, extension: str) -> Exported:
    first = folder / f"{stem}.{extension}"
    for copy in range(1, MAX_COPIES + 1):
        path = first if copy == 1 else folder / f"{stem}-{copy}.{extension}"
        try:
            os.link(written, path)
        except FileExistsError:
            continue
        return Exported(path, None if copy == 1 else first)
    raise FileExistsError(f"{folder} already holds {MAX_COPIES} exports named {stem}: tidy it")
