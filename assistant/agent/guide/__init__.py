"""The offline guide: plans, answers and the guided debrief form built from the guidance alone."""
