"""Reaching people where they work: session plans as calendar events, nudges by e-mail."""
