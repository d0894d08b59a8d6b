"""Surveys: the questionnaires as content, answers in the store, who owes which one."""
