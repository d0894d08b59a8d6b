"""`rmcoach --help` stays light: listing the commands loads none of the heavy libraries."""

import json
import subprocess
import sys

HEAVY = ("chromadb", "openai", "textual", "sqlalchemy")

_SCRIPT = """
import json, sys
from assistant.cli import main
try:
    main(["--help"])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "loaded": sorted(m for m in sys.modules if m.split(".")[0] in %r)}))
"""


def test_help_lists_commands_without_importing_heavy_libraries() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT % (HEAVY,)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    *help_lines, last = done.stdout.strip().splitlines()
    outcome = json.loads(last)
    assert outcome["code"] == 0
    assert "knowledge" in "\n".join(help_lines)
    assert outcome["loaded"] == []
