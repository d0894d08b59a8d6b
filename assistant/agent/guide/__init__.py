"""The offline guide: plans, answers and the guided debrief form built from the guidance alone."""

from typing import Final, Literal

OFFLINE_LABEL: Final = "offline guide"
"""What the coach is called when no model answers: in the header, the commands and the replies."""

DraftedBy = Literal["model", "offline guide"]
"""Who drafted a plan or a summary: the model, or the offline guide (OFFLINE_LABEL)."""
