"""The offline guide: plans, answers and the guided debrief form built from the guidance alone."""

OFFLINE_LABEL = "offline guide"
"""What the coach is called when no model answers: in the header, the commands and the replies."""
