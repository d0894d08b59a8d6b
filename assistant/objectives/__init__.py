"""Objectives for pairs: a catalogue of templates by kind, and progress rolled up from sessions."""
