"""Keep every dependency from reaching the network.

rmcoach runs in locked-down organisations with no network at all, so nothing may phone home or
download at run time. onnxruntime (pulled in by chromadb) sends telemetry unless told not to
before it is imported, so this runs when the `assistant` package itself is imported.
"""

import os

_OFFLINE_ENVIRONMENT = {
    "ORT_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "HF_HUB_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def forbid_phoning_home() -> None:
    for name, value in _OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
